import { fieldError, type FieldError } from '../common/messages.ts';

/**
 * 先进典型 (exemplars): a unit nominates a unit or a person of its subtree with materials and
 * photos; an organization strictly above the nominee selects it by committee decision (or after
 * a representative vote); the exemplar's level is the selecting organization's level. A selected
 * unit may be designated a demonstration site (示范点), whose visits are activities.
 */
export const EXEMPLAR_KINDS = [
  { code: 'unit', nameZh: '先进集体', nameEn: 'Exemplary unit' },
  { code: 'person', nameZh: '先进个人', nameEn: 'Exemplary person' },
] as const;
export type ExemplarKind = (typeof EXEMPLAR_KINDS)[number]['code'];

export type ExemplarStatus = 'nominated' | 'selected' | 'not_selected' | 'withdrawn';
export type ExemplarDecisionMethod = 'committee' | 'vote';

/** The level an exemplar is named at, after the type of the organization that selected it. */
export const EXEMPLAR_LEVELS: Record<string, { nameZh: string; nameEn: string }> = {
  city: { nameZh: '市级', nameEn: 'City level' },
  district: { nameZh: '区县级', nameEn: 'District level' },
  working_committee: { nameZh: '团工委级', nameEn: 'Working-committee level' },
  basic_committee: { nameZh: '基层团委级', nameEn: 'Basic-committee level' },
  general_branch: { nameZh: '团总支级', nameEn: 'General-branch level' },
};
export const exemplarLevel = (selectorTypeCode: string) => EXEMPLAR_LEVELS[selectorTypeCode] ?? { nameZh: '基层', nameEn: 'Grassroots level' };

export const EXEMPLAR_LIMITS = { title: 60, materials: 10000, photos: 20, note: 2000 } as const;

const chars = (s: string) => [...s.trim()].length;

export interface ExemplarNominationInput {
  kind: ExemplarKind;
  nomineeOrgId?: number | null;
  nomineeMemberId?: number | null;
  title: string;
  materials: string;
  photoIds: number[];
}

/** The form rules of a nomination: a unit or a person named, a title, materials, at most 20 photos. */
export function validateExemplarNomination(n: ExemplarNominationInput): FieldError[] {
  const errors: FieldError[] = [];
  if (n.kind === 'unit' && !n.nomineeOrgId) errors.push(fieldError('nomineeOrgId', 'NOMINEE_REQUIRED', '请选择被推荐的组织', 'Choose the unit nominated'));
  if (n.kind === 'person' && !n.nomineeMemberId)
    errors.push(fieldError('nomineeMemberId', 'NOMINEE_REQUIRED', '请选择被推荐的团员', 'Choose the person nominated'));
  const t = chars(n.title);
  if (t === 0) errors.push(fieldError('title', 'TITLE_REQUIRED', '请填写推荐标题（如先进事迹题目）', 'Give the nomination a title'));
  else if (t > EXEMPLAR_LIMITS.title)
    errors.push(fieldError('title', 'TITLE_TOO_LONG', `标题不能超过 ${EXEMPLAR_LIMITS.title} 字`, `At most ${EXEMPLAR_LIMITS.title} characters`));
  const m = chars(n.materials);
  if (m === 0) errors.push(fieldError('materials', 'MATERIALS_REQUIRED', '请填写推荐材料（先进事迹）', 'Write the nomination materials'));
  else if (m > EXEMPLAR_LIMITS.materials)
    errors.push(
      fieldError('materials', 'MATERIALS_TOO_LONG', `推荐材料不能超过 ${EXEMPLAR_LIMITS.materials} 字`, `At most ${EXEMPLAR_LIMITS.materials} characters`),
    );
  if (n.photoIds.length > EXEMPLAR_LIMITS.photos)
    errors.push(fieldError('photoIds', 'TOO_MANY_PHOTOS', `照片最多 ${EXEMPLAR_LIMITS.photos} 张`, `At most ${EXEMPLAR_LIMITS.photos} photos`));
  return errors;
}

/** Only an organization strictly above the nominee's organization decides on it (a unit does not select itself). */
export const decidesAbove = (selectorPath: string, nomineeOrgPath: string) => nomineeOrgPath !== selectorPath && nomineeOrgPath.startsWith(selectorPath);

/** The decision's date: not in the future and not before the nomination. */
export function validateExemplarDecision(
  d: { decidedOn: string; note: string },
  ctx: { today: string; nominatedOn: string; requireNote: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  if (d.decidedOn > ctx.today) errors.push(fieldError('decidedOn', 'DECISION_IN_FUTURE', '决定日期不能晚于今天', 'The decision date cannot be in the future'));
  else if (d.decidedOn < ctx.nominatedOn)
    errors.push(fieldError('decidedOn', 'DECISION_BEFORE_NOMINATION', '决定日期不能早于推荐日期', 'The decision cannot predate the nomination'));
  if (ctx.requireNote && chars(d.note) === 0)
    errors.push(fieldError('note', 'DECISION_NOTE_REQUIRED', '请填写会议决定（如“经团委会研究决定”）', 'Record the committee decision'));
  if (chars(d.note) > EXEMPLAR_LIMITS.note)
    errors.push(fieldError('note', 'DECISION_NOTE_TOO_LONG', `不能超过 ${EXEMPLAR_LIMITS.note} 字`, `At most ${EXEMPLAR_LIMITS.note} characters`));
  return errors;
}

/** Which status changes a nomination allows: it is decided or withdrawn once, while pending. */
export function exemplarCanTransition(from: ExemplarStatus, to: ExemplarStatus): boolean {
  return from === 'nominated' && (to === 'selected' || to === 'not_selected' || to === 'withdrawn');
}

/** Only a selected unit can be a demonstration site. */
export const canBeDemoSite = (e: { kind: ExemplarKind; status: ExemplarStatus }) => e.kind === 'unit' && e.status === 'selected';
