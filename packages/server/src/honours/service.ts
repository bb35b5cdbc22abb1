import { awardService } from './awards.ts';
import { candidateService } from './candidates.ts';
import { objectionService } from './objections.ts';
import { roundService } from './rounds.ts';

/** 两红两优 as the routes see it: rounds, the candidate list, objections during the notice, and awards. */
export const honourService = { ...roundService, ...candidateService, ...objectionService, ...awardService };
