import { fieldError, type FieldError, type Result } from '../common/messages.ts';

/**
 * 通报 (progress bulletin): the completion score that ranks the child units of the issuing
 * organization, the document number, and the shape of a bulletin's editable body.
 *
 * Completion score of a child unit (0–100), from the same roll-up figures as the dashboard:
 *
 *   score = 100 × Σ wᵢ·rᵢ / Σ wᵢ      over the parts i whose ratio rᵢ is defined
 *
 *   r_tasks         = tasksDone / tasksRequired                 (undefined when tasksRequired = 0)
 *   r_plans         = plansApproved / plansRequired             (undefined when plansRequired = 0)
 *   r_participation = participants / members                    (undefined when members = 0)
 *   r_activities    = min(1, activities / units / activityTarget)
 *                     units = the units of the child's subtree expected to work (plansRequired, at least 1)
 *
 * Default weights: tasks 0.5, plans 0.2, participation 0.2, activities 0.1, activityTarget 2
 * (two activities per unit count as full marks). The weights must be non-negative and sum to
 * 1 (± 0.001). A part that does not apply to a unit (no tasks due, nobody on the roster) is left
 * out and the remaining weights are rescaled, so a unit is never penalised for what it was not
 * asked to do. A unit with no defined part has no score and is listed last, unranked.
 */
export interface ScoreWeights {
  tasks: number;
  plans: number;
  participation: number;
  activities: number;
  /** Activities per unit that earn the full activity part. */
  activityTarget: number;
}

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { tasks: 0.5, plans: 0.2, participation: 0.2, activities: 0.1, activityTarget: 2 };

const PARTS = ['tasks', 'plans', 'participation', 'activities'] as const;
type Part = (typeof PARTS)[number];

const PART_NAMES: Record<Part, [string, string]> = {
  tasks: ['任务完成', 'task completion'],
  plans: ['实施方案审核通过', 'approved plans'],
  participation: ['团员参与', 'member participation'],
  activities: ['活动开展', 'activities'],
};

/** Checks weights given in part (missing keys take the defaults); field errors name the key. */
export function validateScoreWeights(input: Partial<Record<keyof ScoreWeights, unknown>> | null | undefined): Result<ScoreWeights> {
  const merged: Record<string, unknown> = { ...DEFAULT_SCORE_WEIGHTS, ...(input ?? {}) };
  const errors: FieldError[] = [];
  for (const p of PARTS) {
    const v = merged[p];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      errors.push(
        fieldError(
          `weights.${p}`,
          'WEIGHT_INVALID',
          `「${PART_NAMES[p][0]}」权重应为 0 到 1 之间的数`,
          `The weight of ${PART_NAMES[p][1]} must be a number from 0 to 1`,
        ),
      );
    }
  }
  const t = merged.activityTarget;
  if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || t > 1000) {
    errors.push(
      fieldError('weights.activityTarget', 'ACTIVITY_TARGET_INVALID', '每个单位的活动目标数应大于 0', 'The activity target per unit must be greater than 0'),
    );
  }
  if (errors.length === 0) {
    const sum = PARTS.reduce((s, p) => s + (merged[p] as number), 0);
    if (Math.abs(sum - 1) > 0.001) {
      errors.push(
        fieldError('weights', 'WEIGHTS_SUM', `各项权重之和应为 1（当前为 ${round(sum, 3)}）`, `The weights must add up to 1 (they add up to ${round(sum, 3)})`),
      );
    }
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      tasks: merged.tasks as number,
      plans: merged.plans as number,
      participation: merged.participation as number,
      activities: merged.activities as number,
      activityTarget: merged.activityTarget as number,
    },
  };
}

/** The roll-up figures of one child unit that the score reads (a dashboard `children` row). */
export interface UnitFigures {
  id: number;
  name: string;
  tasksRequired: number;
  tasksDone: number;
  plansRequired: number;
  plansApproved: number;
  members: number;
  participants: number;
  activities: number;
}

export interface UnitScore {
  /** 0–100, one decimal; null when no part applies. */
  score: number | null;
  /** Each part's ratio 0–1 (null: the part does not apply to this unit). */
  parts: Record<Part, number | null>;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function completionScore(u: UnitFigures, w: ScoreWeights = DEFAULT_SCORE_WEIGHTS): UnitScore {
  const units = Math.max(1, u.plansRequired);
  const parts: Record<Part, number | null> = {
    tasks: u.tasksRequired > 0 ? Math.min(1, u.tasksDone / u.tasksRequired) : null,
    plans: u.plansRequired > 0 ? Math.min(1, u.plansApproved / u.plansRequired) : null,
    participation: u.members > 0 ? Math.min(1, u.participants / u.members) : null,
    activities: Math.min(1, u.activities / units / w.activityTarget),
  };
  let weighted = 0;
  let weight = 0;
  for (const p of PARTS) {
    const r = parts[p];
    if (r === null || w[p] === 0) continue;
    weighted += w[p] * r;
    weight += w[p];
  }
  return { score: weight > 0 ? round((100 * weighted) / weight, 1) : null, parts };
}

export interface RankedUnit<T extends UnitFigures = UnitFigures> extends UnitScore {
  unit: T;
  /** Competition rank (1, 2, 2, 4); null for a unit without a score. */
  rank: number | null;
}

/**
 * Ranks units by score, highest first. Stable: units with equal scores keep their input order
 * and share a rank (1, 2, 2, 4); units without a score come last, unranked.
 */
export function rankUnits<T extends UnitFigures>(units: T[], w: ScoreWeights = DEFAULT_SCORE_WEIGHTS): RankedUnit<T>[] {
  const scored = units.map((unit, i) => ({ unit, i, ...completionScore(unit, w) }));
  scored.sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === b.score ? a.i - b.i : a.score === null ? 1 : -1;
    return b.score - a.score || a.i - b.i;
  });
  let rank = 0;
  return scored.map((s, pos) => {
    if (s.score === null) return { unit: s.unit, score: null, parts: s.parts, rank: null };
    if (pos === 0 || s.score !== scored[pos - 1].score) rank = pos + 1;
    return { unit: s.unit, score: s.score, parts: s.parts, rank };
  });
}

/** 发文字号: `示团通〔2026〕3号`; without a prefix `〔2026〕3号` (GB/T 9704: 六角括号, no leading zeros). */
export function formatDocNumber(prefix: string | null | undefined, year: number, seq: number): string {
  return `${(prefix ?? '').trim()}〔${year}〕${seq}号`;
}

/** A number prefix is the issuer's short code (机关代字 + 类别), e.g. 示团通: no brackets, no digits. */
export function validateDocPrefix(prefix: string | null | undefined): FieldError[] {
  const p = (prefix ?? '').trim();
  if (p.length > 12 || /[〔〕[\]()（）\d\s]/.test(p)) {
    return [
      fieldError(
        'prefix',
        'DOC_PREFIX_INVALID',
        '发文机关代字最多 12 个字，不含括号、数字和空格',
        'The prefix has at most 12 characters, without brackets, digits or spaces',
      ),
    ];
  }
  return [];
}

/** One row of a bulletin's ranking table, as stored in the body. */
export interface BulletinRankingRow {
  rank: number | null;
  orgId: number;
  name: string;
  responsiblePerson: string | null;
  score: number | null;
  tasksDone: number;
  tasksRequired: number;
  plansApproved: number;
  plansRequired: number;
  participationRate: number | null;
  activities: number;
  /** 知晓率 (absent in bulletins drafted before it was counted). */
  awarenessRate?: number | null;
}

/** 知晓率, 覆盖面, pledges and media coverage, as the dashboard counts them. */
export interface BulletinReach {
  aware: number;
  awarenessRate: number | null;
  pledged: number;
  pledgeRate: number | null;
  branches: number;
  branchesWithActivity: number;
  branchCoverageRate: number | null;
  memberCoverageRate: number | null;
  media: number;
  postsPublished: number;
}

export interface BulletinHighlight {
  activityId: number;
  orgId: number;
  orgName: string;
  title: string;
  heldOn: string;
  typeNameZh: string;
  excerpt: string;
  /** Editors untick highlights they do not want in the document. */
  included: boolean;
}

export interface BulletinLaggingUnit {
  orgId: number;
  name: string;
  parentName: string | null;
  responsiblePerson: string | null;
  overdueTasks: { key: string; nameZh: string; nameEn: string }[];
}

/** Overview figures frozen when the draft is generated (a bulletin reports a moment). */
export interface BulletinOverview {
  orgName: string;
  campaignName: string;
  currentPhaseNameZh: string | null;
  members: number;
  participants: number;
  participationRate: number | null;
  plans: { required: number; submitted: number; approved: number; submissionRate: number | null; approvalRate: number | null };
  activities: { total: number; byType: { type: string; nameZh: string; nameEn: string; count: number }[] };
  tasks: { key: string; nameZh: string; nameEn: string; required: number; done: number; rate: number | null }[];
  /** Absent in bulletins drafted before these figures were counted. */
  reach?: BulletinReach;
}

/** The editable body of a bulletin (JSON in bulletin.body). */
export interface BulletinBody {
  /** 发文机关 (the issuing organization's name as printed in the header and the signature). */
  issuer: string;
  /** 主送机关, e.g. 所属各级团组织： */
  addressee: string;
  opening: string;
  overview: BulletinOverview;
  /** Paragraph written around the overview figures; editable. */
  overviewText: string;
  ranking: BulletinRankingRow[];
  highlights: BulletinHighlight[];
  lagging: BulletinLaggingUnit[];
  /** 工作要求 paragraphs. */
  requirements: string[];
  closing: string;
  /** Issuing organization and date under the text (落款). */
  signature: string;
  dateLine: string;
}

const pct = (r: number | null) => (r === null ? '—' : `${round(r * 100, 1)}%`);

/** 2026年11月25日 (GB/T 9704: Arabic numerals, no leading zeros). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 知晓率, 覆盖面, pledges and media in one sentence of the overview paragraph. */
export function reachSentence(r: BulletinReach): string {
  return (
    `团员知晓率${pct(r.awarenessRate)}（${r.aware}名团员已知晓）；${r.branches}个团支部中${r.branchesWithActivity}个开展了活动，支部覆盖面${pct(r.branchCoverageRate)}，团员覆盖面${pct(r.memberCoverageRate)}；` +
    `${r.pledged}名团员亮明身份、作出岗位承诺，承诺率${pct(r.pledgeRate)}；各类媒体报道${r.media}篇，宣传阵地发布稿件${r.postsPublished}篇。`
  );
}

/** The prefilled paragraphs of a new draft, in official bulletin style; every one is editable. */
export function draftParagraphs(input: {
  campaignName: string;
  issuer: string;
  periodFrom: string;
  periodTo: string;
  asOf: string;
  overview: BulletinOverview;
  laggingCount: number;
}) {
  const o = input.overview;
  const period = `${chineseDate(input.periodFrom)}至${chineseDate(input.periodTo)}`;
  const types = o.activities.byType
    .filter((t) => t.count > 0)
    .map((t) => `${t.nameZh}${t.count}场`)
    .join('、');
  return {
    addressee: '所属各级团组织：',
    opening: `为及时掌握“${input.campaignName}”推进情况，进一步压实工作责任，根据活动实施方案和考评制度有关要求，${input.issuer}对${period}各单位工作开展情况进行了统计。现将有关情况通报如下：`,
    overviewText:
      `${o.currentPhaseNameZh ? `活动目前处于“${o.currentPhaseNameZh}”阶段。` : ''}截至${chineseDate(input.asOf)}，所属各级团组织共有团员${o.members}名，参与活动${o.participants}名，参与率${pct(o.participationRate)}；` +
      `应提交实施方案${o.plans.required}份，已提交${o.plans.submitted}份，审核通过${o.plans.approved}份，提交率${pct(o.plans.submissionRate)}；` +
      `共开展活动${o.activities.total}场${types ? `，其中${types}` : ''}。` +
      (o.reach ? reachSentence(o.reach) : ''),
    requirements: [
      '（一）提高思想认识。各级团组织要充分认识开展“双争先”主题实践活动的重要意义，切实把活动作为当前一项重要工作抓紧抓实。',
      `（二）压实工作责任。各单位第一责任人要亲自部署、亲自推动${input.laggingCount ? '，进度滞后的单位要认真查找原因，限期整改到位' : ''}。`,
      '（三）注重工作实效。各单位要对照时间节点和任务要求，及时上报实施方案、活动开展情况和相关材料，确保活动各阶段任务按期完成。',
    ],
    closing: '各单位工作开展情况将纳入年度考评。',
  };
}
