import { exerciseService } from './exercise.ts';
import { measureService } from './measures.ts';

export type { MeasureBody } from './measures.ts';

/** 对标定位 as the routes see it: the exercise (exercise.ts) and its catch-up measures (measures.ts). */
export const benchmarkService = { ...exerciseService, ...measureService };
