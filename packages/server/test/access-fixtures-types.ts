import type { Action } from '@zx/domain';
import type { TestApp } from './setup.ts';
import type { OrgRef, Tree } from './factories.ts';

/**
 * What a fixture of the access matrix is given and must provide (test/access-fixtures.ts and its
 * per-capability parts). Its own module so the parts need not import access-fixtures.ts, which imports them.
 */
export interface MatrixWorld {
  t: TestApp;
  tree: Tree;
  /** A user at each organization who owns what the fixtures create there. */
  ownerAt(org: OrgRef): Promise<number>;
  /** A campaign launched at the city: covers every organization of the tree. */
  cityCampaign(): Promise<number>;
  /** A campaign launched at `org` (cached). */
  campaignAt(org: OrgRef): Promise<number>;
}

export interface KindFixture {
  /** Creates an instance of the kind belonging to `org`, owned by someone other than the probing actor. */
  make(w: MatrixWorld, org: OrgRef): Promise<number>;
  /**
   * Things at an organization above are visible below for this action (a campaign covers the
   * subtree it was launched at): then the parent is not a foreign organization.
   */
  visibleFromBelow?: (action: Action | null) => boolean;
  /**
   * The kind belongs to the whole deployment, not to an organization (a rubric, like a template):
   * no organization is foreign to it, so the matrix probes only the role for its ids.
   */
  deploymentWide?: boolean;
}
