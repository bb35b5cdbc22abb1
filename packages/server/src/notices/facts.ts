import { METRIC, type UnitFactsProvider } from '../campaigns/rollup.ts';
import { noticeRepository as repo } from './repository.ts';

/**
 * Roll-up key: the unit's own active members (where they are now) aware in the campaign — who
 * acknowledged, or passed the quiz of, at least one of its notices addressed to them.
 */
export const MEMBERS_AWARE = METRIC.membersAware;

/** The notices' share of a unit's figures in the campaign roll-up (registered by src/capabilities.ts). */
export const noticeUnitFacts: UnitFactsProvider = async (ex, c, unit) => ({ figures: { [MEMBERS_AWARE]: await repo.membersAware(ex, c.id, unit.id) } });
