/** The rules that turn a verified score into a star tier, a tier history into titles, and the year-over-year change. */
import { type RubricSettings, TIER_CODES, TIER_NAMES, TIER_RANK, type TierCode, TITLE_CODES, TITLE_NAMES, type TitleCode } from './rubric-model.ts';

const tierAtLeast = (t: TierCode, floor: TierCode) => TIER_RANK[t] >= TIER_RANK[floor];
const tierByRank = (rank: number): TierCode => TIER_CODES.find((t) => TIER_RANK[t] === rank) ?? 'weak';

/** The tier a total earns by the score bands alone. */
export function tierByScore(total: number, bands: RubricSettings['bands']): TierCode {
  if (total >= bands.star5) return 'star5';
  if (total >= bands.star4) return 'star4';
  if (total >= bands.star3) return 'star3';
  if (total >= bands.lagging) return 'lagging';
  return 'weak';
}

/** Whole months from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return months;
}

export interface Reason {
  code: string;
  zh: string;
  en: string;
}

export interface TierInput {
  total: number;
  /** Keys of the veto items the unit failed. */
  vetoesFailed: string[];
  orgType: string;
  /** The unit's founding date (null = not recorded) and the day the tier is decided. */
  foundedOn: string | null;
  onDate: string;
  /** Verified tiers of the unit's direct sub-units in the same campaign (团总支 rule). */
  subUnitTiers: TierCode[];
  /**
   * For each capped tier: `pool` = the units whose assessments the verifying organization
   * verifies in the campaign (this one included), `taken` = how many of the others already
   * have that tier.
   */
  capUsage: Array<{ tier: TierCode; pool: number; taken: number }>;
}

export interface TierOutcome {
  /** null: not rated (the unit is too young). */
  tier: TierCode | null;
  /** What the score alone gives. */
  byScore: TierCode;
  /** Why the tier differs from the score's, one per rule applied, in order. */
  reasons: Reason[];
}

/**
 * The tier the rules give a verified score: eligibility (age), one-vote veto, score bands,
 * age for the top tiers, the 团总支 rule and the distribution caps — in that order.
 */
export function decideTier(s: RubricSettings, input: TierInput): TierOutcome {
  const byScore = tierByScore(input.total, s.bands);
  const reasons: Reason[] = [];
  const age = input.foundedOn ? monthsBetween(input.foundedOn, input.onDate) : null;
  const oldEnough = (months: number) => (age == null ? s.unknownFoundedOn === 'eligible' : age >= months);
  if (!oldEnough(s.minAgeMonths)) {
    reasons.push(
      age == null
        ? {
            code: 'TOO_YOUNG_UNKNOWN',
            zh: `未登记成立日期，按规则不参加定级（须成立满 ${s.minAgeMonths} 个月）`,
            en: `No founding date recorded: not rated (units must be at least ${s.minAgeMonths} months old)`,
          }
        : {
            code: 'TOO_YOUNG',
            zh: `成立仅 ${Math.max(0, age)} 个月，不满 ${s.minAgeMonths} 个月，不参加定级`,
            en: `Founded ${Math.max(0, age)} months ago, under ${s.minAgeMonths} months: not rated`,
          },
    );
    return { tier: null, byScore, reasons };
  }
  if (input.vetoesFailed.length) {
    reasons.push({
      code: 'VETO',
      zh: `一票否决项未通过（${input.vetoesFailed.length} 项），定为软弱涣散`,
      en: `Failed ${input.vetoesFailed.length} one-vote-veto item(s): rated weak and lax`,
    });
    return { tier: 'weak', byScore, reasons };
  }
  let rank = TIER_RANK[byScore];
  if (rank >= TIER_RANK.star4 && !oldEnough(s.topTierMinAgeMonths)) {
    rank = TIER_RANK.star3;
    reasons.push(
      age == null
        ? {
            code: 'TOP_TIER_AGE_UNKNOWN',
            zh: `未登记成立日期，四星、五星须成立满 ${s.topTierMinAgeMonths} 个月，定为三星`,
            en: `No founding date recorded; 4 and 5 stars need ${s.topTierMinAgeMonths} months: rated 3 stars`,
          }
        : {
            code: 'TOP_TIER_AGE',
            zh: `成立 ${age} 个月，四星、五星须满 ${s.topTierMinAgeMonths} 个月，定为三星`,
            en: `Founded ${age} months ago; 4 and 5 stars need ${s.topTierMinAgeMonths} months: rated 3 stars`,
          },
    );
  }
  if (rank === TIER_RANK.star5 && s.generalBranchTypes.includes(input.orgType) && input.subUnitTiers.some((t) => !tierAtLeast(t, 'star3'))) {
    rank = TIER_RANK.star4;
    reasons.push({
      code: 'GENERAL_BRANCH',
      zh: '团总支下属团支部有后进或软弱涣散，不能评为五星，定为四星',
      en: 'A sub-branch is lagging or weak: a general branch cannot be 5 stars; rated 4 stars',
    });
  }
  for (;;) {
    const tier = tierByRank(rank);
    const cap = s.caps.find((c) => c.tier === tier);
    const usage = input.capUsage.find((u) => u.tier === tier);
    if (!cap || !usage) break;
    const quota = Math.floor((usage.pool * cap.maxPercent) / 100 + 1e-9);
    if (usage.taken < quota) break;
    reasons.push({
      code: 'CAP',
      zh: `${TIER_NAMES[tier].zh}名额已满（不超过 ${cap.maxPercent}%，${usage.pool} 个单位中最多 ${quota} 个），降一档`,
      en: `${TIER_NAMES[tier].en} quota used up (at most ${cap.maxPercent}%, ${quota} of ${usage.pool} units): one tier lower`,
    });
    rank -= 1;
  }
  return { tier: tierByRank(rank), byScore, reasons };
}

/**
 * Whether a unit may receive `title` for a year: its verified tier that year must reach the
 * title's minimum, and (ladder) it must have held the title just below — or a higher one — the
 * year before. The lowest title needs no earlier title.
 */
export function titleProblems(s: RubricSettings, title: TitleCode, tierThisYear: TierCode | null, titlesLastYear: TitleCode[]): Reason[] {
  const problems: Reason[] = [];
  const min = s.ladder.minTier[title];
  if (!tierThisYear || !tierAtLeast(tierThisYear, min)) {
    problems.push({
      code: 'TITLE_TIER',
      zh: `${TITLE_NAMES[title].zh}须本年度核定为${TIER_NAMES[min].zh}及以上（当前：${tierThisYear ? TIER_NAMES[tierThisYear].zh : '未定级'}）`,
      en: `${TITLE_NAMES[title].en} needs a verified tier of ${TIER_NAMES[min].en} or better this year (now: ${tierThisYear ? TIER_NAMES[tierThisYear].en : 'not rated'})`,
    });
  }
  const level = TITLE_CODES.indexOf(title);
  if (s.ladder.requirePrevious && level > 0) {
    const lower = TITLE_CODES[level - 1];
    if (!titlesLastYear.some((t) => TITLE_CODES.indexOf(t) >= level - 1)) {
      problems.push({
        code: 'TITLE_LADDER',
        zh: `${TITLE_NAMES[title].zh}须上一年度已获${TITLE_NAMES[lower].zh}称号`,
        en: `${TITLE_NAMES[title].en} needs the ${TITLE_NAMES[lower].en} title the year before`,
      });
    }
  }
  return problems;
}

/** Year-over-year change of a unit's tier (晋档升级). */
export function tierChange(last: TierCode | null, now: TierCode | null): 'up' | 'down' | 'same' | 'new' | 'none' {
  if (!now) return 'none';
  if (!last) return 'new';
  return TIER_RANK[now] > TIER_RANK[last] ? 'up' : TIER_RANK[now] < TIER_RANK[last] ? 'down' : 'same';
}
