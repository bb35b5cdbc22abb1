import { METRIC, type UnitFactsProvider } from '../campaigns/rollup.ts';
import { pledgeRepository as repo } from './repository.ts';

/** Roll-up key: the unit's own active members (where they are now) with a pledge in the campaign. */
export const MEMBERS_PLEDGED = METRIC.membersPledged;

/** The pledges' share of a unit's figures in the campaign roll-up (registered by src/capabilities.ts). */
export const pledgeUnitFacts: UnitFactsProvider = async (ex, c, unit) => ({ figures: { [MEMBERS_PLEDGED]: await repo.membersPledged(ex, c.id, unit.id) } });
