import { representativeService } from './representatives.ts';
import { sessionService } from './sessions.ts';
import { voterService } from './voter.ts';

/** 评议投票 as the routes see it: representatives, the sessions a manager runs, and the voter's side. */
export const voteService = { ...representativeService, ...sessionService, ...voterService };

export { runVoteSchedule } from './schedule.ts';
