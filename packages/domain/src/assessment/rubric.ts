/**
 * The rubric (考评标准) a basic unit is scored against in 达标争先 / 对标定级, and the rules that
 * turn a verified score into a star tier (档次) and a tier history into titles (红旗阶梯).
 * Every number is a setting of the rubric with the default of MISSION.md ("Real rules").
 */
export * from './rubric-model.ts';
export * from './rubric-tiers.ts';
export * from './rubric-validation.ts';
export * from './rubric-builtin.ts';
