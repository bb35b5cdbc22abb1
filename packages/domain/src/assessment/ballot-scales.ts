/** The kinds of vote and the answer scales a ballot can use, with the worth of each answer. */
export const VOTE_KINDS = ['cadre_rating', 'member_evaluation', 'exemplar', 'general'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

export const SCALE_CODES = ['satisfaction3', 'grade4', 'points10', 'member_grade4', 'approve3'] as const;
export type ScaleCode = (typeof SCALE_CODES)[number];

export interface ScaleOption {
  key: string;
  zh: string;
  en: string;
  /** Worth of the answer on 0–100: the member score is the mean worth of a subject's answers. */
  score: number;
  /** Counts toward the satisfaction rate. */
  satisfied: boolean;
}

export interface BallotScale {
  code: ScaleCode;
  nameZh: string;
  nameEn: string;
  /** 'points': answers are integers min..max, scored by the mean after dropping the highest and lowest. */
  kind: 'options' | 'points';
  options: ScaleOption[];
}

const points: ScaleOption[] = Array.from({ length: 10 }, (_, i) => ({
  key: String(i + 1),
  zh: `${i + 1}分`,
  en: `${i + 1}`,
  score: (i + 1) * 10,
  satisfied: i + 1 >= 6,
}));

/**
 * The scales. Worths are this platform's documented defaults (docs/votes.md): 满意 100 / 基本满意 60 /
 * 不满意 0; 好 100 / 较好 80 / 一般 60 / 差 0; points × 10. "Satisfied" means 满意 + 基本满意, 好 + 较好,
 * 6 points or more, 优秀 + 合格, 同意.
 */
export const BALLOT_SCALES: Record<ScaleCode, BallotScale> = {
  satisfaction3: {
    code: 'satisfaction3',
    nameZh: '满意 / 基本满意 / 不满意',
    nameEn: 'Satisfied / basically / dissatisfied',
    kind: 'options',
    options: [
      { key: 'satisfied', zh: '满意', en: 'Satisfied', score: 100, satisfied: true },
      { key: 'basic', zh: '基本满意', en: 'Basically satisfied', score: 60, satisfied: true },
      { key: 'dissatisfied', zh: '不满意', en: 'Dissatisfied', score: 0, satisfied: false },
    ],
  },
  grade4: {
    code: 'grade4',
    nameZh: '好 / 较好 / 一般 / 差',
    nameEn: 'Good / fairly good / average / poor',
    kind: 'options',
    options: [
      { key: 'good', zh: '好', en: 'Good', score: 100, satisfied: true },
      { key: 'fair', zh: '较好', en: 'Fairly good', score: 80, satisfied: true },
      { key: 'average', zh: '一般', en: 'Average', score: 60, satisfied: false },
      { key: 'poor', zh: '差', en: 'Poor', score: 0, satisfied: false },
    ],
  },
  points10: {
    code: 'points10',
    nameZh: '10分制（去掉一个最高分和一个最低分）',
    nameEn: '10 points (highest and lowest dropped)',
    kind: 'points',
    options: points,
  },
  member_grade4: {
    code: 'member_grade4',
    nameZh: '优秀 / 合格 / 基本合格 / 不合格',
    nameEn: 'Excellent / qualified / basically qualified / unqualified',
    kind: 'options',
    options: [
      { key: 'excellent', zh: '优秀', en: 'Excellent', score: 100, satisfied: true },
      { key: 'qualified', zh: '合格', en: 'Qualified', score: 80, satisfied: true },
      { key: 'basic', zh: '基本合格', en: 'Basically qualified', score: 60, satisfied: false },
      { key: 'unqualified', zh: '不合格', en: 'Unqualified', score: 0, satisfied: false },
    ],
  },
  approve3: {
    code: 'approve3',
    nameZh: '同意 / 不同意 / 弃权',
    nameEn: 'Approve / reject / abstain',
    kind: 'options',
    options: [
      { key: 'approve', zh: '同意', en: 'Approve', score: 100, satisfied: true },
      { key: 'reject', zh: '不同意', en: 'Reject', score: 0, satisfied: false },
      { key: 'abstain', zh: '弃权', en: 'Abstain', score: 0, satisfied: false },
    ],
  },
};

export const CADRE_RATING_SCALES: ScaleCode[] = ['satisfaction3', 'grade4', 'points10'];
