import { fieldError, type FieldError, type Message } from '../common/messages.ts';

/**
 * The rubric (考评标准) a basic unit is scored against in 达标争先 / 对标定级, and the rules that
 * turn a verified score into a star tier (档次) and a tier history into titles (红旗阶梯).
 * Every number is a setting of the rubric with the default of MISSION.md ("Real rules").
 */

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
const tierAtLeast = (t: TierCode, floor: TierCode) => TIER_RANK[t] >= TIER_RANK[floor];
const tierByRank = (rank: number): TierCode => TIER_CODES.find((t) => TIER_RANK[t] === rank) ?? 'weak';

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

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const blank = (s: string | undefined) => !s?.trim();

/** Problems with a rubric, one per field ('dimensions.1.items.0.points', 'settings.bands.star4'). */
export function validateRubric(r: Rubric, orgTypes: string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  const e = (field: string, code: string, zh: string, en: string) => errors.push(fieldError(field, code, zh, en));
  if (blank(r.nameZh)) e('nameZh', 'RUBRIC_NAME_REQUIRED', '请填写考评标准名称', 'Enter the rubric name');
  if (blank(r.nameEn)) e('nameEn', 'RUBRIC_NAME_REQUIRED', '请填写英文名称', 'Enter the English name');
  if (!r.dimensions.length) e('dimensions', 'RUBRIC_NO_DIMENSIONS', '至少需要一个考评维度', 'Add at least one dimension');
  const keys = new Set<string>();
  const uniqueKey = (key: string, field: string) => {
    if (!KEY.test(key))
      e(field, 'RUBRIC_KEY_FORMAT', '编码须以小写字母开头，只含小写字母、数字和下划线', 'Keys start with a lowercase letter and hold only a–z, 0–9 and _');
    else if (keys.has(key)) e(field, 'RUBRIC_KEY_DUPLICATE', `编码「${key}」重复`, `Key "${key}" is used twice`);
    keys.add(key);
  };
  r.dimensions.forEach((d, di) => {
    uniqueKey(d.key, `dimensions.${di}.key`);
    if (blank(d.nameZh)) e(`dimensions.${di}.nameZh`, 'RUBRIC_NAME_REQUIRED', '请填写维度名称', 'Enter the dimension name');
    if (!d.items.length) e(`dimensions.${di}.items`, 'RUBRIC_NO_ITEMS', '每个维度至少需要一个考评项', 'Each dimension needs at least one item');
    d.items.forEach((i, ii) => {
      const f = `dimensions.${di}.items.${ii}`;
      uniqueKey(i.key, `${f}.key`);
      if (blank(i.textZh)) e(`${f}.textZh`, 'RUBRIC_ITEM_TEXT_REQUIRED', '请填写考评内容', 'Enter what the item asks');
      if (!Number.isFinite(i.points) || i.points <= 0 || Math.round(i.points * 2) !== i.points * 2) {
        e(`${f}.points`, 'RUBRIC_POINTS_INVALID', '分值须为大于 0 的数，最小单位 0.5 分', 'Points must be above 0, in steps of 0.5');
      }
    });
  });
  r.vetoes.forEach((v, vi) => {
    uniqueKey(v.key, `vetoes.${vi}.key`);
    if (blank(v.textZh)) e(`vetoes.${vi}.textZh`, 'RUBRIC_ITEM_TEXT_REQUIRED', '请填写一票否决内容', 'Enter what the veto item asks');
  });
  const s = r.settings;
  if (!Number.isFinite(s.totalPoints) || s.totalPoints <= 0) e('settings.totalPoints', 'RUBRIC_TOTAL_INVALID', '满分须大于 0', 'Full marks must be above 0');
  else if (r.dimensions.length && !errors.some((x) => x.code === 'RUBRIC_POINTS_INVALID') && rubricMax(r) !== s.totalPoints) {
    e(
      'settings.totalPoints',
      'RUBRIC_POINTS_SUM',
      `各考评项分值合计 ${rubricMax(r)} 分，应等于满分 ${s.totalPoints} 分`,
      `The items add up to ${rubricMax(r)} points; they must add up to ${s.totalPoints}`,
    );
  }
  const order: Array<keyof RubricSettings['bands']> = ['star5', 'star4', 'star3', 'lagging'];
  order.forEach((k, i) => {
    const v = s.bands[k];
    const field = `settings.bands.${k}`;
    if (!Number.isFinite(v) || v <= 0 || v > s.totalPoints) {
      e(field, 'RUBRIC_BAND_RANGE', `分数线须在 0 到满分 ${s.totalPoints} 之间`, `A band's lowest score must lie between 0 and ${s.totalPoints}`);
    } else if (i > 0 && Number.isFinite(s.bands[order[i - 1]]) && v >= s.bands[order[i - 1]]) {
      e(
        field,
        'RUBRIC_BANDS_ORDER',
        `${TIER_NAMES[k].zh}分数线须低于${TIER_NAMES[order[i - 1]].zh}（${s.bands[order[i - 1]]} 分）`,
        `The ${TIER_NAMES[k].en} band must start below ${TIER_NAMES[order[i - 1]].en} (${s.bands[order[i - 1]]})`,
      );
    }
  });
  if (!Number.isInteger(s.minAgeMonths) || s.minAgeMonths < 0 || s.minAgeMonths > 120)
    e('settings.minAgeMonths', 'RUBRIC_AGE_INVALID', '参评最短成立月数须为 0–120 的整数', 'The minimum age must be a whole number of months from 0 to 120');
  if (!Number.isInteger(s.topTierMinAgeMonths) || s.topTierMinAgeMonths < s.minAgeMonths || s.topTierMinAgeMonths > 120) {
    e(
      'settings.topTierMinAgeMonths',
      'RUBRIC_AGE_INVALID',
      '四星、五星最短成立月数须为整数，且不少于参评最短月数',
      "The top tiers' minimum age must be a whole number of months, at least the minimum age",
    );
  }
  if (s.unknownFoundedOn !== 'eligible' && s.unknownFoundedOn !== 'ineligible')
    e('settings.unknownFoundedOn', 'RUBRIC_SETTING_INVALID', '请选择未登记成立日期时的处理方式', 'Choose how an unknown founding date is treated');
  const capped = new Set<string>();
  s.caps.forEach((c, i) => {
    if (c.tier !== 'star5' && c.tier !== 'star4')
      e(`settings.caps.${i}.tier`, 'RUBRIC_CAP_TIER', '比例上限只能用于五星或四星', 'Caps apply to 5 or 4 stars only');
    else if (capped.has(c.tier)) e(`settings.caps.${i}.tier`, 'RUBRIC_CAP_DUPLICATE', '同一档次只能设一个比例上限', 'One cap per tier');
    capped.add(c.tier);
    if (!Number.isFinite(c.maxPercent) || c.maxPercent <= 0 || c.maxPercent > 100)
      e(`settings.caps.${i}.maxPercent`, 'RUBRIC_CAP_RANGE', '比例上限须在 1%–100% 之间', 'A cap must lie between 1 % and 100 %');
  });
  s.generalBranchTypes.forEach((t, i) => {
    if (orgTypes.length && !orgTypes.includes(t))
      e(`settings.generalBranchTypes.${i}`, 'ORG_TYPE_UNKNOWN', `组织类型「${t}」不存在`, `Unknown organization type "${t}"`);
  });
  let last = 0;
  for (const t of TITLE_CODES) {
    const m = s.ladder.minTier[t];
    if (!TIER_CODES.includes(m)) {
      e(`settings.ladder.minTier.${t}`, 'RUBRIC_SETTING_INVALID', '请选择称号所需档次', 'Choose the tier the title needs');
      continue;
    }
    if (TIER_RANK[m] < last)
      e(
        `settings.ladder.minTier.${t}`,
        'RUBRIC_LADDER_ORDER',
        `${TITLE_NAMES[t].zh}所需档次不能低于下一级称号`,
        `${TITLE_NAMES[t].en} cannot need a lower tier than the title below it`,
      );
    last = Math.max(last, TIER_RANK[m]);
  }
  return errors;
}

const item = (key: string, points: number, textZh: string, textEn: string, evidenceHintZh: string, evidenceHintEn: string): RubricItem => ({
  key,
  points,
  textZh,
  textEn,
  evidenceHintZh,
  evidenceHintEn,
});

/**
 * The built-in "五个方面" rubric in our own wording: 班子、阵地、活动、制度、保障, four items of 5
 * points each (100 in all) and three one-vote-veto items. Installed on first start, editable.
 */
export const BUILTIN_RUBRIC: Rubric = {
  key: 'five-aspects',
  nameZh: '基层团组织“五个方面”规范化建设考评标准',
  nameEn: 'Five-aspect standards for basic League units',
  dimensions: [
    {
      key: 'team',
      nameZh: '班子建设',
      nameEn: 'Leadership team',
      items: [
        item(
          'team_complete',
          5,
          '支部委员会（或委员）按期换届，职数配齐',
          'The committee is re-elected on time and fully staffed',
          '换届选举记录、委员名单',
          'Election record and committee list',
        ),
        item(
          'team_secretary',
          5,
          '团支部书记按规定产生，年度内参加过团干部培训',
          'The secretary was chosen by the rules and trained this year',
          '培训通知、结业证明或签到',
          'Training notice, certificate or sign-in',
        ),
        item('team_duties', 5, '委员分工明确，定期召开支委会研究工作', 'Clear duties; the committee meets regularly', '支委会会议记录', 'Committee minutes'),
        item(
          'team_commitment',
          5,
          '团干部公开工作承诺，年底向团员述职',
          'Cadres publish commitments and report to members at year end',
          '承诺书、述职材料',
          'Commitments and year-end report',
        ),
      ],
    },
    {
      key: 'venue',
      nameZh: '阵地建设',
      nameEn: 'Venue',
      items: [
        item('venue_place', 5, '有固定或共享的团员活动场所', 'A fixed or shared place for member activities', '场所照片', 'Photos of the place'),
        item('venue_signs', 5, '场所有团旗、团徽等标识，制度上墙', 'League flag and emblem displayed; rules posted', '场所标识照片', 'Photos of the signs'),
        item(
          'venue_online',
          5,
          '建有网上团支部或新媒体宣传阵地并正常更新',
          'An online branch or social-media channel kept up to date',
          '截图、链接',
          'Screenshots or links',
        ),
        item(
          'venue_materials',
          5,
          '团员学习资料、团刊团报配备齐全',
          'Study materials and League publications at hand',
          '资料清单或照片',
          'List or photos of the materials',
        ),
      ],
    },
    {
      key: 'activity',
      nameZh: '活动开展',
      nameEn: 'Activities',
      items: [
        item(
          'activity_meetings',
          5,
          '按期召开团员大会、团小组会，落实“三会两制一课”',
          'Member meetings held on schedule (三会两制一课)',
          '会议记录、签到表',
          'Minutes and sign-in sheets',
        ),
        item(
          'activity_education',
          5,
          '开展党性教育、主题团日等学习教育活动',
          'Party-spirit education and theme League days held',
          '活动记录与照片',
          'Activity records and photos',
        ),
        item(
          'activity_service',
          5,
          '组织志愿服务或岗位建功活动，团员参与面广',
          'Volunteer or workplace-contribution activities with wide participation',
          '活动记录、参加名单',
          'Records and attendance',
        ),
        item(
          'activity_theme',
          5,
          '结合本单位实际确定活动主题并按计划推进',
          'A theme tied to local priorities, carried out as planned',
          '实施方案及进展材料',
          'Plan and progress material',
        ),
      ],
    },
    {
      key: 'rules',
      nameZh: '制度落实',
      nameEn: 'Rules',
      items: [
        item(
          'rules_register',
          5,
          '团员名册、团籍档案规范完整，信息及时更新',
          'Member roll and records complete and current',
          '名册、档案抽查',
          'Roll and records',
        ),
        item('rules_dues', 5, '按规定收缴、使用和公开团费', 'Dues collected, used and published by the rules', '团费收缴记录', 'Dues records'),
        item('rules_evaluation', 5, '开展团员教育评议，评议程序规范', 'Annual member evaluation held by the rules', '评议记录', 'Evaluation records'),
        item(
          'rules_development',
          5,
          '按规定程序发展团员、推优入党',
          'Members recruited and recommended to the Party by the rules',
          '发展材料、推优记录',
          'Recruitment and recommendation records',
        ),
      ],
    },
    {
      key: 'support',
      nameZh: '工作保障',
      nameEn: 'Support',
      items: [
        item('support_funding', 5, '有开展活动的经费保障', 'Money for activities is secured', '经费来源说明', 'Statement of funding'),
        item(
          'support_party',
          5,
          '党组织定期听取团的工作汇报并给予指导',
          'The Party organization hears League reports and guides the work',
          '汇报记录',
          'Report records',
        ),
        item('support_time', 5, '团干部有开展工作的时间保障', 'Cadres have time for League work', '单位相关安排', 'Arrangements of the employer'),
        item('support_recognition', 5, '对优秀团员、团干部有激励措施', 'Excellent members and cadres are recognized', '表彰或激励材料', 'Commendation records'),
      ],
    },
  ],
  vetoes: [
    { key: 'veto_discipline', textZh: '团支部或团干部发生严重违纪违法问题', textEn: 'Serious breach of discipline or law by the branch or its cadres' },
    { key: 'veto_inactive', textZh: '全年未开展任何组织生活', textEn: 'No organizational life at all during the year' },
    { key: 'veto_falsified', textZh: '自评或上报材料弄虚作假', textEn: 'Falsified self-assessment or reported material' },
  ],
  settings: DEFAULT_RUBRIC_SETTINGS,
};
