import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_TYPES } from '../org/types.ts';
import {
  BUILTIN_RUBRIC,
  DEFAULT_RUBRIC_SETTINGS,
  decideTier,
  itemScoreError,
  monthsBetween,
  rubricItems,
  rubricMax,
  scoreSheet,
  tierByScore,
  tierChange,
  titleProblems,
  validateRubric,
  type Rubric,
  type RubricSettings,
  type TierInput,
} from './rubric.ts';

const S = DEFAULT_RUBRIC_SETTINGS;
const TYPES = DEFAULT_ORG_TYPES.map((t) => t.code);
const base: TierInput = { total: 95, vetoesFailed: [], orgType: 'branch', foundedOn: '2015-05-04', onDate: '2026-11-20', subUnitTiers: [], capUsage: [] };
const tier = (over: Partial<TierInput>, s: RubricSettings = S) => decideTier(s, { ...base, ...over });
const clone = (): Rubric => JSON.parse(JSON.stringify(BUILTIN_RUBRIC));
const codes = (r: Rubric) => validateRubric(r, TYPES).map((e) => `${e.field}:${e.code}`);

describe('the built-in rubric', () => {
  it('has the five aspects, about twenty items adding up to 100 points and a few veto items, and is valid', () => {
    expect(BUILTIN_RUBRIC.dimensions.map((d) => d.nameZh)).toEqual(['班子建设', '阵地建设', '活动开展', '制度落实', '工作保障']);
    expect(rubricItems(BUILTIN_RUBRIC)).toHaveLength(20);
    expect(rubricMax(BUILTIN_RUBRIC)).toBe(100);
    expect(BUILTIN_RUBRIC.vetoes.length).toBeGreaterThanOrEqual(2);
    expect(validateRubric(BUILTIN_RUBRIC, TYPES)).toEqual([]);
  });

  it('defaults to the MISSION.md numbers', () => {
    expect(S.bands).toEqual({ star5: 90, star4: 80, star3: 70, lagging: 60 });
    expect([S.minAgeMonths, S.topTierMinAgeMonths]).toEqual([6, 12]);
    expect(S.generalBranchTypes).toEqual(['general_branch']);
  });
});

describe('score bands', () => {
  it.each([
    [100, 'star5'],
    [90, 'star5'],
    [89.5, 'star4'],
    [80, 'star4'],
    [79, 'star3'],
    [70, 'star3'],
    [69.5, 'lagging'],
    [60, 'lagging'],
    [59.5, 'weak'],
    [0, 'weak'],
  ] as const)('%s points → %s', (total, expected) => {
    expect(tierByScore(total, S.bands)).toBe(expected);
    expect(tier({ total }).tier).toBe(expected);
  });

  it('follows configured bands', () => {
    expect(tierByScore(85, { star5: 85, star4: 75, star3: 65, lagging: 55 })).toBe('star5');
    expect(tier({ total: 58 }, { ...S, bands: { star5: 85, star4: 75, star3: 65, lagging: 55 } }).tier).toBe('lagging');
  });
});

describe('one-vote veto', () => {
  it('makes a full-marks unit weak and lax, saying why', () => {
    const o = tier({ total: 100, vetoesFailed: ['veto_discipline'] });
    expect(o.tier).toBe('weak');
    expect(o.byScore).toBe('star5');
    expect(o.reasons.map((r) => r.code)).toEqual(['VETO']);
  });
});

describe('eligibility by age', () => {
  it('does not rate a unit younger than 6 months', () => {
    const o = tier({ foundedOn: '2026-06-01', onDate: '2026-11-20' });
    expect(o.tier).toBeNull();
    expect(o.reasons[0].code).toBe('TOO_YOUNG');
  });

  it('rates a unit of 6 months but keeps it at 3 stars until it is a year old', () => {
    const o = tier({ total: 95, foundedOn: '2026-05-20', onDate: '2026-11-20' });
    expect(o.tier).toBe('star3');
    expect(o.reasons.map((r) => r.code)).toEqual(['TOP_TIER_AGE']);
    expect(tier({ total: 95, foundedOn: '2025-11-20', onDate: '2026-11-20' }).tier).toBe('star5');
    expect(tier({ total: 75, foundedOn: '2026-05-20', onDate: '2026-11-20' }).tier).toBe('star3');
  });

  it('treats an unknown founding date by the setting', () => {
    expect(tier({ foundedOn: null }).tier).toBe('star5');
    const strict = { ...S, unknownFoundedOn: 'ineligible' as const };
    expect(tier({ foundedOn: null }, strict).tier).toBeNull();
    expect(tier({ foundedOn: null }, strict).reasons[0].code).toBe('TOO_YOUNG_UNKNOWN');
  });

  it('counts whole months', () => {
    expect(monthsBetween('2026-05-21', '2026-11-20')).toBe(5);
    expect(monthsBetween('2026-05-20', '2026-11-20')).toBe(6);
    expect(monthsBetween('2025-12-31', '2026-01-01')).toBe(0);
  });
});

describe('the 团总支 rule', () => {
  it('keeps a general branch with a lagging or weak sub-branch below 5 stars', () => {
    expect(tier({ orgType: 'general_branch', subUnitTiers: ['star4', 'lagging'] }).tier).toBe('star4');
    expect(tier({ orgType: 'general_branch', subUnitTiers: ['weak'] }).reasons.map((r) => r.code)).toEqual(['GENERAL_BRANCH']);
  });

  it('leaves other general branches and other unit types alone', () => {
    expect(tier({ orgType: 'general_branch', subUnitTiers: ['star3', 'star5'] }).tier).toBe('star5');
    expect(tier({ orgType: 'branch', subUnitTiers: ['lagging'] }).tier).toBe('star5');
  });
});

describe('distribution caps', () => {
  const capped = { ...S, caps: [{ tier: 'star5' as const, maxPercent: 20 }] };

  it('lowers a 5-star unit one tier once 20 % of the pool is used up', () => {
    expect(tier({ capUsage: [{ tier: 'star5', pool: 10, taken: 1 }] }, capped).tier).toBe('star5');
    const o = tier({ capUsage: [{ tier: 'star5', pool: 10, taken: 2 }] }, capped);
    expect(o.tier).toBe('star4');
    expect(o.reasons.map((r) => r.code)).toEqual(['CAP']);
  });

  it('rounds the quota down and cascades through capped tiers', () => {
    expect(tier({ capUsage: [{ tier: 'star5', pool: 4, taken: 0 }] }, capped).tier).toBe('star4');
    const both = {
      ...S,
      caps: [
        { tier: 'star5' as const, maxPercent: 20 },
        { tier: 'star4' as const, maxPercent: 30 },
      ],
    };
    expect(
      tier(
        {
          capUsage: [
            { tier: 'star5', pool: 10, taken: 2 },
            { tier: 'star4', pool: 10, taken: 3 },
          ],
        },
        both,
      ).tier,
    ).toBe('star3');
  });

  it('has no effect without caps', () => {
    expect(tier({ capUsage: [{ tier: 'star5', pool: 10, taken: 9 }] }).tier).toBe('star5');
  });
});

describe('the title ladder', () => {
  it('needs the title below the year before', () => {
    expect(titleProblems(S, 'red_flag', 'star5', ['distinctive'])).toEqual([]);
    expect(titleProblems(S, 'red_flag', 'star5', ['four_good']).map((p) => p.code)).toEqual(['TITLE_LADDER']);
    expect(titleProblems(S, 'red_flag', 'star5', []).map((p) => p.code)).toEqual(['TITLE_LADDER']);
    expect(titleProblems(S, 'four_good', 'star4', ['standard'])).toEqual([]);
    expect(titleProblems(S, 'standard', 'star3', [])).toEqual([]);
  });

  it('accepts a higher title the year before', () => {
    expect(titleProblems(S, 'red_flag', 'star5', ['red_flag'])).toEqual([]);
  });

  it('needs the verified tier this year', () => {
    expect(titleProblems(S, 'red_flag', 'star4', ['distinctive']).map((p) => p.code)).toEqual(['TITLE_TIER']);
    expect(titleProblems(S, 'standard', null, []).map((p) => p.code)).toEqual(['TITLE_TIER']);
    expect(titleProblems(S, 'standard', 'lagging', []).map((p) => p.code)).toEqual(['TITLE_TIER']);
  });

  it('can drop the ladder requirement by setting', () => {
    expect(titleProblems({ ...S, ladder: { ...S.ladder, requirePrevious: false } }, 'red_flag', 'star5', [])).toEqual([]);
  });
});

describe('tier changes (晋档升级)', () => {
  it('compares with last year', () => {
    expect(tierChange('star3', 'star4')).toBe('up');
    expect(tierChange('star4', 'lagging')).toBe('down');
    expect(tierChange('star4', 'star4')).toBe('same');
    expect(tierChange(null, 'star3')).toBe('new');
    expect(tierChange('star3', null)).toBe('none');
  });
});

describe('scores', () => {
  it('adds item scores per dimension, missing items scoring 0', () => {
    const sheet = scoreSheet(
      BUILTIN_RUBRIC,
      new Map([
        ['team_complete', 5],
        ['team_secretary', 4.5],
        ['venue_place', 3],
      ]),
    );
    expect(sheet.total).toBe(12.5);
    expect(sheet.dimensions.find((d) => d.key === 'team')).toMatchObject({ score: 9.5, max: 20 });
    expect(sheet.dimensions.find((d) => d.key === 'rules')).toMatchObject({ score: 0, max: 20 });
  });

  it('accepts 0 to full marks in steps of 0.5', () => {
    const item = BUILTIN_RUBRIC.dimensions[0].items[0];
    expect(itemScoreError(item, 4.5, 'f')).toBeNull();
    expect(itemScoreError(item, 5.5, 'f')?.code).toBe('ASSESSMENT_SCORE_RANGE');
    expect(itemScoreError(item, -1, 'f')?.code).toBe('ASSESSMENT_SCORE_RANGE');
    expect(itemScoreError(item, 4.3, 'f')?.code).toBe('ASSESSMENT_SCORE_STEP');
  });
});

describe('rubric validation', () => {
  it('needs the points to add up to full marks', () => {
    const r = clone();
    r.dimensions[0].items[0].points = 6;
    expect(codes(r)).toEqual(['settings.totalPoints:RUBRIC_POINTS_SUM']);
  });

  it('needs bands in descending order inside full marks', () => {
    const r = clone();
    r.settings.bands = { star5: 90, star4: 90, star3: 70, lagging: 75 };
    expect(codes(r)).toEqual(['settings.bands.star4:RUBRIC_BANDS_ORDER', 'settings.bands.lagging:RUBRIC_BANDS_ORDER']);
    r.settings.bands = { star5: 120, star4: 80, star3: 70, lagging: 60 };
    expect(codes(r)).toEqual(['settings.bands.star5:RUBRIC_BAND_RANGE']);
  });

  it('needs unique keys, texts and positive half-point values', () => {
    const r = clone();
    r.dimensions[1].items[0].key = r.dimensions[0].items[0].key;
    r.dimensions[2].items[0].textZh = ' ';
    r.vetoes[0].key = 'Bad Key';
    r.dimensions[3].items[0].points = 0;
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'dimensions.1.items.0.key:RUBRIC_KEY_DUPLICATE',
        'dimensions.2.items.0.textZh:RUBRIC_ITEM_TEXT_REQUIRED',
        'vetoes.0.key:RUBRIC_KEY_FORMAT',
        'dimensions.3.items.0.points:RUBRIC_POINTS_INVALID',
      ]),
    );
  });

  it('checks ages, caps, organization types and the ladder', () => {
    const r = clone();
    r.settings.topTierMinAgeMonths = 3;
    r.settings.caps = [
      { tier: 'star5', maxPercent: 0 },
      { tier: 'star5', maxPercent: 20 },
    ];
    r.settings.generalBranchTypes = ['nope'];
    r.settings.ladder.minTier = { standard: 'star4', four_good: 'star3', distinctive: 'star4', red_flag: 'star5' };
    expect(codes(r)).toEqual([
      'settings.topTierMinAgeMonths:RUBRIC_AGE_INVALID',
      'settings.caps.0.maxPercent:RUBRIC_CAP_RANGE',
      'settings.caps.1.tier:RUBRIC_CAP_DUPLICATE',
      'settings.generalBranchTypes.0:ORG_TYPE_UNKNOWN',
      'settings.ladder.minTier.four_good:RUBRIC_LADDER_ORDER',
    ]);
  });
});
