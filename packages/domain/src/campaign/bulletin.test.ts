import { describe, expect, it } from 'vitest';
import { bulletinBlocks } from './bulletin-document.ts';
import {
  chineseDate,
  completionScore,
  DEFAULT_SCORE_WEIGHTS,
  draftParagraphs,
  formatDocNumber,
  rankUnits,
  validateDocPrefix,
  validateScoreWeights,
  type UnitFigures,
} from './bulletin.ts';

const unit = (id: number, f: Partial<UnitFigures> = {}): UnitFigures => ({
  id,
  name: `单位${id}`,
  tasksRequired: 10,
  tasksDone: 5,
  plansRequired: 4,
  plansApproved: 2,
  members: 100,
  participants: 50,
  activities: 4,
  ...f,
});

describe('completion score', () => {
  it('weighs tasks 0.5, plans 0.2, participation 0.2 and activities 0.1 by default', () => {
    // tasks 5/10, plans 2/4, participation 50/100, activities 4 / 4 units / 2 = 0.5 → 50
    expect(completionScore(unit(1)).score).toBe(50);
    const full = completionScore(unit(1, { tasksDone: 10, plansApproved: 4, participants: 100, activities: 8 }));
    expect(full.score).toBe(100);
    // only tasks done: 0.5 of the weight
    expect(completionScore(unit(1, { tasksDone: 10, plansApproved: 0, participants: 0, activities: 0 })).score).toBe(50);
    // only plans approved: 0.2
    expect(completionScore(unit(1, { tasksDone: 0, plansApproved: 4, participants: 0, activities: 0 })).score).toBe(20);
  });

  it('caps the activity part at the target per unit', () => {
    const s = completionScore(unit(1, { activities: 1000 }));
    expect(s.parts.activities).toBe(1);
    expect(completionScore(unit(1, { activities: 2 }), { ...DEFAULT_SCORE_WEIGHTS, activityTarget: 1 }).parts.activities).toBe(0.5);
  });

  it('leaves out parts that do not apply and rescales the other weights', () => {
    const s = completionScore(unit(1, { tasksRequired: 0, tasksDone: 0, members: 0, participants: 0, plansApproved: 4, activities: 0 }));
    expect(s.parts.tasks).toBeNull();
    expect(s.parts.participation).toBeNull();
    // plans 1 × 0.2 + activities 0 × 0.1 over 0.3
    expect(s.score).toBe(66.7);
  });

  it('uses the configured weights', () => {
    const w = { tasks: 0, plans: 0, participation: 1, activities: 0, activityTarget: 2 };
    expect(completionScore(unit(1, { participants: 37 }), w).score).toBe(37);
  });
});

describe('weights', () => {
  it('fills missing weights with the defaults', () => {
    expect(validateScoreWeights(undefined)).toEqual({ ok: true, value: DEFAULT_SCORE_WEIGHTS });
    expect(validateScoreWeights({ activityTarget: 3 })).toEqual({ ok: true, value: { ...DEFAULT_SCORE_WEIGHTS, activityTarget: 3 } });
  });

  it('accepts a sum within 0.001 of 1', () => {
    expect(validateScoreWeights({ tasks: 0.3334, plans: 0.3333, participation: 0.3333, activities: 0 }).ok).toBe(true);
  });

  it('refuses negative weights, a wrong sum and a bad activity target, naming the field', () => {
    const neg = validateScoreWeights({ tasks: -0.1, plans: 0.5, participation: 0.5, activities: 0.1 });
    expect(neg.ok).toBe(false);
    if (!neg.ok) expect(neg.errors.map((e) => [e.field, e.code])).toEqual([['weights.tasks', 'WEIGHT_INVALID']]);
    const sum = validateScoreWeights({ tasks: 0.5, plans: 0.5, participation: 0.5, activities: 0 });
    expect(sum.ok).toBe(false);
    if (!sum.ok) {
      expect(sum.errors[0]).toMatchObject({ field: 'weights', code: 'WEIGHTS_SUM' });
      expect(sum.errors[0].message.zh).toContain('1.5');
    }
    const target = validateScoreWeights({ activityTarget: 0 });
    expect(target.ok).toBe(false);
    if (!target.ok) expect(target.errors[0].field).toBe('weights.activityTarget');
    const nan = validateScoreWeights({ plans: 'x' as unknown as number });
    expect(nan.ok).toBe(false);
  });
});

describe('ranking', () => {
  it('ranks by score, highest first, ties sharing a rank and keeping their order', () => {
    const units = [unit(1, { tasksDone: 2 }), unit(2, { tasksDone: 9 }), unit(3, { tasksDone: 5 }), unit(4, { tasksDone: 9 }), unit(5, { tasksDone: 5 })];
    const r = rankUnits(units);
    expect(r.map((x) => x.unit.id)).toEqual([2, 4, 3, 5, 1]);
    expect(r.map((x) => x.rank)).toEqual([1, 1, 3, 3, 5]);
  });

  it('puts units without any applicable part last, unranked', () => {
    const empty = unit(9, { tasksRequired: 0, tasksDone: 0, members: 0, participants: 0, plansRequired: 0, plansApproved: 0, activities: 0 });
    const noWeight = { tasks: 1, plans: 0, participation: 0, activities: 0, activityTarget: 2 };
    const r = rankUnits([unit(8, { tasksRequired: 0, tasksDone: 0 }), unit(7)], noWeight);
    expect(r.map((x) => [x.unit.id, x.rank])).toEqual([
      [7, 1],
      [8, null],
    ]);
    expect(rankUnits([empty, unit(1)]).map((x) => x.unit.id)).toEqual([1, 9]);
    expect(rankUnits([])).toEqual([]);
  });

  it('changes order when the weights change', () => {
    const a = unit(1, { tasksDone: 10, participants: 0 });
    const b = unit(2, { tasksDone: 0, participants: 100 });
    expect(rankUnits([a, b]).map((x) => x.unit.id)).toEqual([1, 2]);
    expect(rankUnits([a, b], { tasks: 0.1, plans: 0.2, participation: 0.6, activities: 0.1, activityTarget: 2 }).map((x) => x.unit.id)).toEqual([2, 1]);
  });
});

describe('document numbers', () => {
  it('formats 〔year〕N号 with an optional prefix and no leading zeros', () => {
    expect(formatDocNumber('示团通', 2026, 3)).toBe('示团通〔2026〕3号');
    expect(formatDocNumber(null, 2026, 12)).toBe('〔2026〕12号');
    expect(formatDocNumber('  ', 2027, 1)).toBe('〔2027〕1号');
  });

  it('refuses prefixes with brackets or digits', () => {
    expect(validateDocPrefix('示团通')).toEqual([]);
    expect(validateDocPrefix(undefined)).toEqual([]);
    expect(validateDocPrefix('示团〔通')[0].code).toBe('DOC_PREFIX_INVALID');
    expect(validateDocPrefix('团2')).toHaveLength(1);
    expect(validateDocPrefix('一二三四五六七八九十一二三')).toHaveLength(1);
  });
});

describe('draft text', () => {
  it('writes dates the official way and fills the figures into the overview paragraph', () => {
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    const p = draftParagraphs({
      campaignName: '2026年“双争先”主题实践活动',
      issuer: '共青团示范市委员会',
      periodFrom: '2026-03-01',
      periodTo: '2026-06-30',
      asOf: '2026-07-02',
      laggingCount: 2,
      overview: {
        orgName: '示范市团市委',
        campaignName: 'x',
        currentPhaseNameZh: '全面实施',
        members: 200,
        participants: 50,
        participationRate: 0.25,
        plans: { required: 10, submitted: 8, approved: 6, submissionRate: 0.8, approvalRate: 0.6 },
        activities: {
          total: 7,
          byType: [
            { type: 'party_education', nameZh: '党性教育', nameEn: '', count: 5 },
            { type: 'publicity', nameZh: '宣传', nameEn: '', count: 2 },
            { type: 'other', nameZh: '其他', nameEn: '', count: 0 },
          ],
        },
        tasks: [],
        reach: {
          aware: 150,
          awarenessRate: 0.75,
          pledged: 40,
          pledgeRate: 0.2,
          branches: 8,
          branchesWithActivity: 6,
          branchCoverageRate: 0.75,
          memberCoverageRate: 0.25,
          media: 3,
          postsPublished: 5,
        },
      },
    });
    expect(p.opening).toContain('2026年3月1日至2026年6月30日');
    expect(p.overviewText).toContain('团员知晓率75%（150名团员已知晓）');
    expect(p.overviewText).toContain('8个团支部中6个开展了活动，支部覆盖面75%，团员覆盖面25%');
    expect(p.overviewText).toContain('40名团员亮明身份、作出岗位承诺，承诺率20%');
    expect(p.overviewText).toContain('各类媒体报道3篇，宣传阵地发布稿件5篇');
    expect(p.overviewText).toContain('截至2026年7月2日');
    expect(p.overviewText).toContain('团员200名');
    expect(p.overviewText).toContain('参与率25%');
    expect(p.overviewText).toContain('其中党性教育5场、宣传2场');
    expect(p.overviewText).not.toContain('其他');
    expect(p.requirements[1]).toContain('限期整改');
  });
});

describe('document blocks', () => {
  const overview = {
    orgName: '示范市团市委',
    campaignName: 'x',
    currentPhaseNameZh: null,
    members: 10,
    participants: 5,
    participationRate: 0.5,
    plans: { required: 2, submitted: 1, approved: 1, submissionRate: 0.5, approvalRate: 0.5 },
    activities: { total: 0, byType: [] },
    tasks: [
      { key: 'plan', nameZh: '制定实施方案', nameEn: '', required: 2, done: 1, rate: 0.5 },
      { key: 'none', nameZh: '不适用', nameEn: '', required: 0, done: 0, rate: null },
    ],
  };
  const body = {
    issuer: '示范市团市委',
    addressee: '所属各级团组织：',
    opening: '开头。',
    overview,
    overviewText: '概况。',
    requirements: ['（一）要求。', '  '],
    closing: '结尾。',
    signature: '示范市团市委',
    dateLine: '2026年7月1日',
    ranking: [
      {
        rank: 1,
        orgId: 2,
        name: '红星区团委',
        responsiblePerson: '张三',
        score: 88.5,
        tasksDone: 8,
        tasksRequired: 10,
        plansApproved: 3,
        plansRequired: 4,
        participationRate: 0.5,
        activities: 12,
        awarenessRate: 0.6,
      },
    ],
    highlights: [
      {
        activityId: 1,
        orgId: 4,
        orgName: '高一(1)班团支部',
        title: '重温入团誓词',
        heldOn: '2026-05-04',
        typeNameZh: '党性教育',
        excerpt: '摘要。',
        included: true,
      },
      { activityId: 2, orgId: 4, orgName: '高一(1)班团支部', title: '未选中的活动', heldOn: '2026-05-05', typeNameZh: '宣传', excerpt: '', included: false },
    ],
    lagging: [],
  };

  it('lays out the header, numbered sections, tables and signature in order', () => {
    const blocks = bulletinBlocks({ title: '关于…的通报', number: '〔2026〕3号', body, weights: DEFAULT_SCORE_WEIGHTS });
    expect(blocks.slice(0, 4).map((b) => b.kind)).toEqual(['issuer', 'number', 'rule', 'title']);
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['一、总体情况', '二、各单位完成情况排名', '三、工作亮点', '四、进度滞后单位', '五、工作要求']);
    const tables = blocks.filter((b) => b.kind === 'table') as Extract<ReturnType<typeof bulletinBlocks>[number], { kind: 'table' }>[];
    expect(tables[0].rows).toEqual([['制定实施方案', '2', '1', '50%']]);
    expect(tables[1].rows[0]).toEqual(['1', '红星区团委', '张三', '88.5', '8/10', '3/4', '50%', '60%', '12']);
    const text = blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain('（一）高一(1)班团支部于2026年5月4日开展“重温入团誓词”党性教育活动。摘要。');
    expect(text).not.toContain('未选中的活动');
    expect(text).toContain('无逾期未完成任务的单位');
    expect(text).toContain('权重50%');
    expect(blocks.at(-1)).toEqual({ kind: 'signature', lines: ['示范市团市委', '2026年7月1日'] });
  });

  it('leaves out the number line of an unnumbered draft and empty sections', () => {
    const blocks = bulletinBlocks({
      title: 't',
      number: null,
      body: { ...body, ranking: [], highlights: [], requirements: [] },
      weights: DEFAULT_SCORE_WEIGHTS,
    });
    expect(blocks.some((b) => b.kind === 'number')).toBe(false);
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text)).toEqual(['一、总体情况', '二、进度滞后单位']);
  });
});
