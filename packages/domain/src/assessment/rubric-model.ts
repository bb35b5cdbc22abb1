/** The shape of a rubric (dimensions, items, vetoes, settings), the tiers and titles, maxima and the score sheet. */
import { fieldError, type FieldError, type Message } from '../common/messages.ts';

export interface RubricItem {
  key: string;
  textZh: string;
  textEn: string;
  /** Full marks of the item. */
  points: number;
  /** What proves it (shown beside the item when the unit scores itself). */
  evidenceHintZh: string;
  evidenceHintEn: string;
}

export interface RubricDimension {
  key: string;
  nameZh: string;
  nameEn: string;
  items: RubricItem[];
}

/** One-vote-veto item (一票否决): failing it makes the unit 软弱涣散 whatever its score. */
export interface VetoItem {
  key: string;
  textZh: string;
  textEn: string;
}

export const TIER_CODES = ['star5', 'star4', 'star3', 'lagging', 'weak'] as const;
export type TierCode = (typeof TIER_CODES)[number];

/** Higher is better; used for 晋档升级 (up/down/same) and for "at least" comparisons. */
export const TIER_RANK: Record<TierCode, number> = { star5: 5, star4: 4, star3: 3, lagging: 2, weak: 1 };
export const TIER_NAMES: Record<TierCode, Message> = {
  star5: { zh: '五星', en: '5 stars' },
  star4: { zh: '四星', en: '4 stars' },
  star3: { zh: '三星', en: '3 stars' },
  lagging: { zh: '后进', en: 'Lagging' },
  weak: { zh: '软弱涣散', en: 'Weak and lax' },
};

/** The title ladder (达标 → 四好 → 特色 → 五四红旗), lowest first. */
export const TITLE_CODES = ['standard', 'four_good', 'distinctive', 'red_flag'] as const;
export type TitleCode = (typeof TITLE_CODES)[number];
export const TITLE_NAMES: Record<TitleCode, Message> = {
  standard: { zh: '达标团组织', en: 'Up-to-standard' },
  four_good: { zh: '四好团组织', en: 'Four-good' },
  distinctive: { zh: '特色团组织', en: 'Distinctive' },
  red_flag: { zh: '五四红旗团组织', en: 'May Fourth Red Flag' },
};

export interface RubricSettings {
  /** Full marks of the whole rubric: the items' points must add up to it. */
  totalPoints: number;
  /** Lowest total of each tier; below `lagging` the unit is 软弱涣散. */
  bands: { star5: number; star4: number; star3: number; lagging: number };
  /** Units younger than this (months since founding) are not rated. */
  minAgeMonths: number;
  /** 4★ and 5★ need at least this age. */
  topTierMinAgeMonths: number;
  /** Founding date not recorded: treated as old enough ('eligible') or as too young ('ineligible'). */
  unknownFoundedOn: 'eligible' | 'ineligible';
  /**
   * Optional caps on the distribution: at most `maxPercent` % of the units whose assessments an
   * organization verifies in a campaign may get `tier` (rounded down). Empty = no caps.
   */
  caps: Array<{ tier: 'star5' | 'star4'; maxPercent: number }>;
  /** Organization types under the 团总支 rule: one with a 后进 (or worse) sub-branch cannot be 5★. */
  generalBranchTypes: string[];
  /** Title ladder: the tier the unit needs this year for each title, and whether the lower title the year before is needed. */
  ladder: { requirePrevious: boolean; minTier: Record<TitleCode, TierCode> };
}

export interface Rubric {
  key: string;
  nameZh: string;
  nameEn: string;
  dimensions: RubricDimension[];
  vetoes: VetoItem[];
  settings: RubricSettings;
}

export const DEFAULT_RUBRIC_SETTINGS: RubricSettings = {
  totalPoints: 100,
  bands: { star5: 90, star4: 80, star3: 70, lagging: 60 },
  minAgeMonths: 6,
  topTierMinAgeMonths: 12,
  unknownFoundedOn: 'eligible',
  caps: [],
  generalBranchTypes: ['general_branch'],
  ladder: { requirePrevious: true, minTier: { standard: 'star3', four_good: 'star4', distinctive: 'star4', red_flag: 'star5' } },
};

export const rubricItems = (r: Pick<Rubric, 'dimensions'>) => r.dimensions.flatMap((d) => d.items.map((i) => ({ ...i, dimensionKey: d.key })));
export const dimensionMax = (d: RubricDimension) => round1(d.items.reduce((s, i) => s + i.points, 0));
export const rubricMax = (r: Pick<Rubric, 'dimensions'>) => round1(r.dimensions.reduce((s, d) => s + dimensionMax(d), 0));
const round1 = (n: number) => Math.round(n * 10) / 10;

export interface ScoreSheet {
  total: number;
  dimensions: Array<{ key: string; nameZh: string; nameEn: string; score: number; max: number }>;
}

/** Totals per dimension and overall from item scores (missing items score 0). */
export function scoreSheet(r: Pick<Rubric, 'dimensions'>, scores: ReadonlyMap<string, number>): ScoreSheet {
  const dimensions = r.dimensions.map((d) => ({
    key: d.key,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    score: round1(d.items.reduce((s, i) => s + (scores.get(i.key) ?? 0), 0)),
    max: dimensionMax(d),
  }));
  return { total: round1(dimensions.reduce((s, d) => s + d.score, 0)), dimensions };
}

/** Problems with one item score: a number from 0 to the item's points, in steps of 0.5. */
export function itemScoreError(item: RubricItem, score: number, field: string): FieldError | null {
  if (!Number.isFinite(score) || score < 0 || score > item.points) {
    return fieldError(field, 'ASSESSMENT_SCORE_RANGE', `得分应在 0 到 ${item.points} 分之间`, `The score must be between 0 and ${item.points}`);
  }
  if (Math.round(score * 2) !== score * 2) return fieldError(field, 'ASSESSMENT_SCORE_STEP', '得分最小单位为 0.5 分', 'Scores go in steps of 0.5');
  return null;
}
