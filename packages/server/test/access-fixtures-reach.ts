import type { ResourceKind } from '../src/access/repository/index.ts';
import type { KindFixture } from './access-fixtures-types.ts';
import { insertNotice } from './reach-fixtures.ts';

/** Access-matrix fixtures for notices and pledges (kinds in src/access/repository/reach.ts). */
export const reachFixtures: Partial<Record<ResourceKind, KindFixture>> = {
  notice: { make: async (w, org) => insertNotice(w.t, await w.cityCampaign(), org, 'draft') },
  receivedNotice: { make: async (w, org) => insertNotice(w.t, await w.cityCampaign(), org, 'sent') },
  // A campaign launched at `org`: a member of an organization it covers (one below) reaches it.
  memberCampaign: { visibleFromBelow: () => true, make: (w, org) => w.campaignAt(org) },
};
