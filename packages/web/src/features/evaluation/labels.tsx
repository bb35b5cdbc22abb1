import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EVALUATION_GRADES, type EvaluationGrade, type GradeVoteCounts } from '@zx/domain/assessment/evaluation';
import type { UnitStage } from './api.ts';

export const GRADE_COLOR: Record<EvaluationGrade, string> = { excellent: 'red', qualified: 'green', basic: 'gold', unqualified: 'default' };
export const STAGE_COLOR: Record<UnitStage, string> = {
  not_started: 'default',
  study: 'blue',
  self_assessment: 'blue',
  peer_review: 'blue',
  voting: 'purple',
  proposal: 'orange',
  submitted: 'gold',
  approved: 'green',
};
export const STEP_STAGES = ['study', 'self_assessment', 'peer_review', 'voting', 'proposal', 'submitted'] as const;

export function GradeTag({ grade, testId }: { grade: EvaluationGrade | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (!grade) return <Tag data-testid={testId}>{t('evaluation.noGrade')}</Tag>;
  return (
    <Tag color={GRADE_COLOR[grade]} data-testid={testId}>
      {t(`evaluation.grade.${grade}`)}
    </Tag>
  );
}

export function StageTag({ stage, testId }: { stage: UnitStage; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLOR[stage]} data-testid={testId}>
      {t(`evaluation.stage.${stage}`)}
    </Tag>
  );
}

/** 优秀 5 · 合格 2 · 基本合格 0 · 不合格 0, the leading option(s) in bold. */
export function VoteCounts({ votes, leading, testId }: { votes: GradeVoteCounts | null; leading?: EvaluationGrade[]; testId?: string }) {
  const { t } = useTranslation();
  if (!votes)
    return (
      <span style={{ color: 'rgba(0,0,0,0.45)' }} data-testid={testId}>
        {t('evaluation.noVotes')}
      </span>
    );
  return (
    <span data-testid={testId} style={{ fontSize: 13 }}>
      {EVALUATION_GRADES.map((g, i) => (
        <span key={g} style={{ fontWeight: leading?.includes(g) ? 700 : 400, color: leading?.includes(g) ? '#cf1322' : undefined }}>
          {i > 0 && ' · '}
          {t(`evaluation.grade.${g}`)} {votes[g] ?? 0}
        </span>
      ))}
    </span>
  );
}
