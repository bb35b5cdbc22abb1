import type { Executor } from '../db/database.ts';

/** The assessment's facts for the campaign roll-up (assessment/facts.ts): one unit at a time, by index. */
export const assessmentFactsRepository = {
  /** The unit's self-assessment in the campaign has been verified. */
  verified: async (ex: Executor, campaignId: number, orgId: number) =>
    !!(await ex
      .selectFrom('assessment')
      .select('id')
      .where('campaign_id', '=', campaignId)
      .where('org_id', '=', orgId)
      .where('status', '=', 'verified')
      .executeTakeFirst()),

  /** The unit holds this title (称号) for the year. */
  holdsTitle: async (ex: Executor, orgId: number, year: number, title: string) =>
    !!(await ex.selectFrom('unit_title').select('id').where('org_id', '=', orgId).where('year', '=', year).where('title', '=', title).executeTakeFirst()),
};
