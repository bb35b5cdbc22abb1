import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import { roleAllows, type Action } from '@zx/domain';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../auth/actor.ts';
import { pathsUpTo } from '../paths.ts';
import { campaignFromRow } from '../../campaigns/repository.ts';
import { pathInSubtree } from './subtree.ts';
import { coversActorOrg, defineKind, hasSubtree, none } from './define.ts';

/**
 * Assessment, member evaluation, votes and commitments (issue 4): rubrics, titles, the units and
 * campaigns a self-assessment is read and confirmed in, rating sessions, evaluation rounds and
 * their participants, the negative list, cadres' commitments and year-end reports.
 *
 * Several of these are reached by people with no subtree because of who they are, not where
 * they sit: a member representative confirms the unit's self-assessment, a voter is on a roll, a
 * participant takes part in a round, a member reads the cadres of the organizations above them.
 * Those kinds say so explicitly; everything else is the actor's subtree.
 */

/** The role holds `action` and has a subtree (every role but 'member'). */
const scoped = (actor: Actor, action: Action) => hasSubtree(actor) && roleAllows(actor.grant.role, action);

/** Paths of the organizations where the member is an active representative (团员代表). */
async function representedPaths(ex: Executor, memberId: number | null): Promise<string[]> {
  if (!memberId) return [];
  const rows = await ex
    .selectFrom('org_representative as r')
    .innerJoin('member as m', 'm.id', 'r.member_id')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .select('o.path')
    .where('r.member_id', '=', memberId)
    .where('m.status', '=', 'active')
    .execute();
  return rows.map((r) => r.path);
}

/** The organization of the actor's own member and every organization above it — when that member is active. */
async function ownOrgAndAbove(ex: Executor, actor: Actor): Promise<string[]> {
  if (!actor.memberId) return [];
  const me = await ex
    .selectFrom('member as m')
    .innerJoin('organization as o', 'o.id', 'm.org_id')
    .select('o.path')
    .where('m.id', '=', actor.memberId)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
  return me ? pathsUpTo(me.path) : [];
}

export const assessmentKinds = {
  /**
   * Rubrics belong to the whole deployment (like campaign templates): every role with a subtree
   * that holds the route's action reads them; only the top of the tree edits them
   * (assessment/policy.ts). The member role reaches none.
   */
  rubric: defineKind({ zh: '考评标准', en: 'Rubric' }, (ex, actor, _action, ids) =>
    hasSubtree(actor) ? ex.selectFrom('rubric').selectAll().where('id', 'in', ids).execute() : none(),
  ),

  /**
   * A unit whose self-assessment the actor reads or acts on: its subtree (for the route's action;
   * for a read by any signed-in account, with assessment.read), and — only for those reads and the
   * confirmation, where no action is named — the units the actor's member is an active
   * representative of, whatever the role (a representative confirms from their own phone).
   */
  assessmentUnit: defineKind({ zh: '组织', en: 'Organization' }, (ex, actor, action, ids) => {
    const subtree = action ? hasSubtree(actor) : scoped(actor, 'assessment.read');
    const asRepresentative = !action && !!actor.memberId;
    if (!subtree && !asRepresentative) return none();
    return ex
      .selectFrom('organization as o')
      .selectAll('o')
      .where('o.id', 'in', ids)
      .where((eb) =>
        eb.or([
          ...(subtree ? [pathInSubtree('o.path', actor.grant.orgPath)] : []),
          ...(asRepresentative
            ? [
                eb.exists(
                  eb
                    .selectFrom('org_representative as r')
                    .innerJoin('member as m', 'm.id', 'r.member_id')
                    .select('r.member_id')
                    .whereRef('r.org_id', '=', 'o.id')
                    .where('r.member_id', '=', actor.memberId!)
                    .where('m.status', '=', 'active'),
                ),
              ]
            : []),
        ]),
      )
      .execute();
  }),

  /**
   * The campaign of such a self-assessment: one the actor reads (launched at or above its
   * organization, or inside its subtree) and — on the representative's paths — one covering a
   * unit the actor's member represents.
   */
  assessmentCampaign: defineKind({ zh: '主题实践活动', en: 'Campaign' }, async (ex, actor, action, ids) => {
    const subtree = action ? hasSubtree(actor) : scoped(actor, 'assessment.read');
    const covering = action ? [] : [...new Set((await representedPaths(ex, actor.memberId)).flatMap(pathsUpTo))];
    if (!subtree && !covering.length) return [];
    const rows = await ex
      .selectFrom('campaign as c')
      .innerJoin('organization as o', 'o.id', 'c.org_id')
      .selectAll('c')
      .select('o.name as org_name')
      .where('c.id', 'in', ids)
      .where((eb) =>
        eb.or([
          ...(subtree ? [pathInSubtree('c.org_path', actor.grant.orgPath), coversActorOrg('c.org_path', actor)] : []),
          ...(covering.length ? [eb('c.org_path', 'in', covering)] : []),
        ]),
      )
      .execute();
    return rows.map(campaignFromRow);
  }),

  /** Titles (称号) of units in the subtree. */
  title: defineKind({ zh: '称号', en: 'Title' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex
          .selectFrom('unit_title as u')
          .innerJoin('organization as o', 'o.id', 'u.org_id')
          .selectAll('u')
          .select(['o.path as org_path', 'o.name as org_name'])
          .where('u.id', 'in', ids)
          .where(pathInSubtree('o.path', actor.grant.orgPath))
          .execute()
      : none(),
  ),

  /**
   * Rating and voting sessions. Managed (vote.manage): the session's organization in the subtree.
   * Voted in (vote.cast, any other action): the sessions whose roll holds the actor's member — and,
   * for a manager, those of its subtree too, so it is told it is not on the roll (403) rather than
   * that the session does not exist. The cast itself is checked by the engine (decision 0007).
   */
  voteSession: defineKind({ zh: '投票', en: 'Voting session' }, (ex, actor, action, ids) => {
    const manages = scoped(actor, 'vote.manage');
    const q = ex.selectFrom('vote_session as s').selectAll('s').where('s.id', 'in', ids);
    if (action === 'vote.manage') return manages ? q.where(pathInSubtree('s.org_path', actor.grant.orgPath)).execute() : none();
    if (!manages && !actor.memberId) return none();
    return q
      .where((eb) =>
        eb.or([
          ...(manages ? [pathInSubtree('s.org_path', actor.grant.orgPath)] : []),
          ...(actor.memberId
            ? [eb.exists(eb.selectFrom('vote_roll as r').select('r.member_id').whereRef('r.session_id', '=', 's.id').where('r.member_id', '=', actor.memberId))]
            : []),
        ]),
      )
      .execute();
  }),

  /** A subject (a cadre rated) of a session the actor manages. */
  voteSubject: defineKind({ zh: '评议对象', en: 'Subject' }, (ex, actor, _action, ids) =>
    scoped(actor, 'vote.manage')
      ? ex
          .selectFrom('vote_subject as x')
          .innerJoin('vote_session as s', 's.id', 'x.session_id')
          .selectAll('x')
          .select('s.org_path')
          .where('x.id', 'in', ids)
          .where(pathInSubtree('s.org_path', actor.grant.orgPath))
          .execute()
      : none(),
  ),

  /**
   * A member evaluation round. Run (evaluation.manage) and approved (evaluation.approve) inside
   * the subtree; read by evaluation.read holders of the subtree and by its participants (their own
   * part), whatever their role.
   */
  evaluation: defineKind({ zh: '团员教育评议', en: 'Member evaluation' }, (ex, actor, action, ids) => {
    const q = ex.selectFrom('member_evaluation as e').selectAll('e').where('e.id', 'in', ids);
    if (action === 'evaluation.manage' || action === 'evaluation.approve')
      return hasSubtree(actor) ? q.where(pathInSubtree('e.org_path', actor.grant.orgPath)).execute() : none();
    const reads = scoped(actor, 'evaluation.read');
    if (!reads && !actor.memberId) return none();
    return q
      .where((eb) =>
        eb.or([
          ...(reads ? [pathInSubtree('e.org_path', actor.grant.orgPath)] : []),
          ...(actor.memberId
            ? [
                eb.exists(
                  eb
                    .selectFrom('member_evaluation_participant as p')
                    .select('p.member_id')
                    .whereRef('p.evaluation_id', '=', 'e.id')
                    .where('p.member_id', '=', actor.memberId),
                ),
              ]
            : []),
        ]),
      )
      .execute();
  }),

  /**
   * A participant named in a round's body or path: one of a round in the subtree (for those who
   * read or run rounds there), or one taking part in a round together with the actor's member (a
   * participant comments on the others). Whether they take part in THIS round is the service's.
   */
  evaluationPeer: defineKind({ zh: '参评团员', en: 'Participant' }, (ex, actor, _action, ids) => {
    const inScope = hasSubtree(actor) && (roleAllows(actor.grant.role, 'evaluation.read') || roleAllows(actor.grant.role, 'evaluation.manage'));
    if (!inScope && !actor.memberId) return none();
    return ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select(['o.path as org_path', 'o.name as org_name'])
      .where('m.id', 'in', ids)
      .where((eb) =>
        eb.or([
          ...(inScope
            ? [
                eb.exists(
                  eb
                    .selectFrom('member_evaluation_participant as p')
                    .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
                    .select('p.member_id')
                    .whereRef('p.member_id', '=', 'm.id')
                    .where(pathInSubtree('e.org_path', actor.grant.orgPath)),
                ),
              ]
            : []),
          ...(actor.memberId
            ? [
                eb.exists(
                  eb
                    .selectFrom('member_evaluation_participant as p')
                    .innerJoin('member_evaluation_participant as me', 'me.evaluation_id', 'p.evaluation_id')
                    .select('p.member_id')
                    .whereRef('p.member_id', '=', 'm.id')
                    .where('me.member_id', '=', actor.memberId),
                ),
              ]
            : []),
        ]),
      )
      .execute();
  }),

  /** A member whose evaluation history is read: one of the subtree (evaluation.read), or the actor's own member. */
  evaluatedMember: defineKind({ zh: '团员', en: 'Member' }, (ex, actor, _action, ids) => {
    const reads = scoped(actor, 'evaluation.read');
    if (!reads && !actor.memberId) return none();
    return ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select(['o.path as org_path', 'o.name as org_name'])
      .where('m.id', 'in', ids)
      .where((eb) => eb.or([...(reads ? [pathInSubtree('o.path', actor.grant.orgPath)] : []), ...(actor.memberId ? [eb('m.id', '=', actor.memberId)] : [])]))
      .execute();
  }),

  /** Negative-list entries of members whose current organization is in the subtree. */
  negativeEntry: defineKind({ zh: '负面清单记录', en: 'Negative-list entry' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex
          .selectFrom('member_negative_entry as n')
          .innerJoin('member as m', 'm.id', 'n.member_id')
          .innerJoin('organization as o', 'o.id', 'm.org_id')
          .selectAll('n')
          .select('o.path as org_path')
          .where('n.id', 'in', ids)
          .where(pathInSubtree('o.path', actor.grant.orgPath))
          .execute()
      : none(),
  ),

  /**
   * A cadre's commitments page (by member id). Read (commitment.read): cadres of the subtree, and
   * — for an active member, whatever the role — cadres of the member's own organization and the
   * ones above it (承诺公示 to the members). Written (commitment.write): the actor's own member, and
   * the cadres of the subtree (whether the actor may write for someone else is commitments/policy.ts's).
   * A cadre belongs where they are now and wherever they kept commitments (a plan stays with the
   * organization it was made at); the service checks the year's.
   */
  cadre: defineKind({ zh: '团干部的承诺', en: "Cadre's commitments" }, async (ex, actor, action, ids) => {
    const write = action === 'commitment.write';
    const subtree = scoped(actor, write ? 'commitment.write' : 'commitment.read');
    const above = write ? [] : await ownOrgAndAbove(ex, actor);
    if (!subtree && !above.length && !actor.memberId) return [];
    // Where a cadre is placed: their organization now, or one they kept a plan at.
    const placedIn = (cond: (col: string) => RawBuilder<boolean>) => (eb: ExpressionBuilder<DB & { m: DB['member']; o: DB['organization'] }, 'm' | 'o'>) =>
      eb.or([
        cond('o.path'),
        eb.exists(
          eb
            .selectFrom('commitment_plan as p')
            .innerJoin('organization as po', 'po.id', 'p.org_id')
            .select('p.id')
            .whereRef('p.member_id', '=', 'm.id')
            .where(cond('po.path')),
        ),
      ]);
    const inList = (list: string[]) => (col: string) => sql<boolean>`${sql.ref(col)} in (${sql.join(list)})`;
    return ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select(['o.path as org_path', 'o.name as org_name'])
      .where('m.id', 'in', ids)
      .where((eb) =>
        eb.or([
          ...(actor.memberId ? [eb('m.id', '=', actor.memberId)] : []),
          ...(subtree ? [placedIn((col) => pathInSubtree(col, actor.grant.orgPath))(eb)] : []),
          ...(above.length ? [placedIn(inList(above))(eb)] : []),
        ]),
      )
      .execute();
  }),

  /** Organizations whose cadres the actor lists: its subtree (commitment.read), and its active member's organization and those above it. */
  commitmentOrg: defineKind({ zh: '组织', en: 'Organization' }, async (ex, actor, _action, ids) => {
    const subtree = scoped(actor, 'commitment.read');
    const above = await ownOrgAndAbove(ex, actor);
    if (!subtree && !above.length) return [];
    return ex
      .selectFrom('organization as o')
      .selectAll('o')
      .where('o.id', 'in', ids)
      .where((eb) => eb.or([...(subtree ? [pathInSubtree('o.path', actor.grant.orgPath)] : []), ...(above.length ? [eb('o.path', 'in', above)] : [])]))
      .execute();
  }),

  /** A commitment (an item of a cadre's plan): the actor's own, or one kept at an organization of the subtree (commitment.write). */
  commitmentItem: defineKind({ zh: '承诺', en: 'Commitment' }, (ex, actor, _action, ids) => {
    const subtree = scoped(actor, 'commitment.write');
    if (!subtree && !actor.memberId) return none();
    return ex
      .selectFrom('commitment_item as i')
      .innerJoin('commitment_plan as p', 'p.id', 'i.plan_id')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .selectAll('i')
      .select(['p.member_id', 'p.year', 'o.path as org_path'])
      .where('i.id', 'in', ids)
      .where((eb) =>
        eb.or([...(actor.memberId ? [eb('p.member_id', '=', actor.memberId)] : []), ...(subtree ? [pathInSubtree('o.path', actor.grant.orgPath)] : [])]),
      )
      .execute();
  }),
};
