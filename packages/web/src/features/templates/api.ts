import { useQuery } from '@tanstack/react-query';
import type { CampaignTemplate, DueRule, EvidenceRule, TemplatePhase, TemplateTask } from '@zx/domain/campaign/template';
import type { Template } from '@zx/contract/campaigns';
import { api } from '../../api/client.ts';

export type TemplateRecord = Template;

export const useTemplateList = () => useQuery({ queryKey: ['templates'], queryFn: () => api.GET('/templates') });

/** A task as the form holds it: every evidence and due field present, whatever the kind. */
export interface TaskValues {
  key: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  orgTypes: string[];
  evidence: { kind: EvidenceRule['kind']; activityType?: string; form?: string | null; min?: number };
  due: { kind: DueRule['kind']; days?: number };
}

export interface PhaseValues {
  key: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  tasks: TaskValues[];
}

export interface TemplateValues {
  nameZh: string;
  nameEn: string;
  rubricKey: string;
  phases: PhaseValues[];
}

export function toValues(t: CampaignTemplate): TemplateValues {
  return {
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    rubricKey: t.rubricKey,
    phases: t.phases.map((p) => ({
      key: p.key,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      descriptionZh: p.descriptionZh,
      tasks: p.tasks.map((task) => ({ ...task, evidence: { ...task.evidence }, due: { ...task.due } })),
    })),
  };
}

function evidenceOf(e: TaskValues['evidence']): EvidenceRule {
  if (e.kind === 'activities') {
    return {
      kind: 'activities',
      activityType: (e.activityType ?? '') as never,
      min: e.min ?? 1,
      ...(e.activityType === 'party_education' && e.form ? { form: e.form as never } : {}),
    };
  }
  return { kind: e.kind } as EvidenceRule;
}

/** The PUT body: only the fields each evidence and due kind uses. */
export function fromValues(v: TemplateValues): Omit<CampaignTemplate, 'key'> {
  return {
    nameZh: v.nameZh ?? '',
    nameEn: v.nameEn ?? '',
    rubricKey: v.rubricKey,
    phases: (v.phases ?? []).map(
      (p): TemplatePhase => ({
        key: p.key ?? '',
        nameZh: p.nameZh ?? '',
        nameEn: p.nameEn ?? '',
        descriptionZh: p.descriptionZh ?? '',
        tasks: (p.tasks ?? []).map(
          (task): TemplateTask => ({
            key: task.key ?? '',
            nameZh: task.nameZh ?? '',
            nameEn: task.nameEn ?? '',
            descriptionZh: task.descriptionZh ?? '',
            orgTypes: task.orgTypes ?? [],
            evidence: evidenceOf(task.evidence ?? { kind: 'confirmation' }),
            due: task.due?.kind === 'days_after_start' ? { kind: 'days_after_start', days: task.due.days ?? 0 } : { kind: 'phase_end' },
          }),
        ),
      }),
    ),
  };
}

const letters = (n: number, digits = false) =>
  Array.from(
    { length: n },
    () => (digits ? 'abcdefghijklmnopqrstuvwxyz0123456789' : 'abcdefghijklmnopqrstuvwxyz')[Math.floor(Math.random() * (digits ? 36 : 26))],
  ).join('');

export const newPhase = (): PhaseValues => ({ key: `phase_${letters(5)}`, nameZh: '', nameEn: '', descriptionZh: '', tasks: [] });

export const newTask = (orgTypes: string[]): TaskValues => ({
  key: `task_${letters(6, true)}`,
  nameZh: '',
  nameEn: '',
  descriptionZh: '',
  orgTypes,
  evidence: { kind: 'activities', activityType: 'other', min: 1 },
  due: { kind: 'phase_end' },
});
