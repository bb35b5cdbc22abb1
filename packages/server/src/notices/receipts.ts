import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { noticeRepository as repo } from './repository.ts';
import { noticePolicy } from './policy.ts';

/** Who a notice reached: the receipts behind its 知晓率. */

type Counts = { sent: number; read: number; acknowledged: number; passed: number; aware: number };
const zero = (): Counts => ({ sent: 0, read: 0, acknowledged: 0, passed: 0, aware: 0 });
const COUNTS = ['sent', 'read', 'acknowledged', 'passed', 'aware'] as const;
const addTo = (into: Counts, r: Counts) => {
  for (const k of COUNTS) into[k] += Number(r[k]);
};

export const receiptService = {
  /**
   * Totals, then one row per unit directly below the sender (recipients counted under the unit
   * their addressed organization belongs to now) plus the sender's own members; the names of
   * those not yet aware only for the cadres of the sending unit itself.
   */
  async receipts(ctx: AppContext, actor: Actor, id: number) {
    const n = await requireAccess(ctx.db, actor, 'notice.read', 'notice', id);
    const rows = await repo.receiptsByOrg(ctx.db, id);
    const sender = (await repo.organizations(ctx.db, [n.orgId]))[0];
    const children = await repo.childrenOf(ctx.db, n.orgId);
    const totals = zero();
    const own: Counts & { orgId: number; name: string } = { orgId: n.orgId, name: sender?.name ?? '', ...zero() };
    const units = children.map((c) => ({ orgId: c.id, name: c.name, path: c.path, ...zero() }));
    for (const r of rows) {
      const counts = { sent: r.sent, read: r.read, acknowledged: r.acknowledged, passed: r.passed, aware: r.aware } as Counts;
      addTo(totals, counts);
      const unit = units.find((u) => isInSubtree(u.path, r.path));
      if (unit) addTo(unit, counts);
      else if (r.org_id === n.orgId) addTo(own, counts);
    }
    const seesNames = sender ? noticePolicy.seesNamesOf(actor, sender) : false;
    const notYet = seesNames ? (await repo.notYet(ctx.db, id, n.orgId)).map((m) => ({ memberId: m.id, name: m.name, read: m.read_at != null })) : null;
    return {
      id,
      hasQuiz: n.quiz != null,
      totals,
      units: [...(own.sent ? [own] : []), ...units.filter((u) => u.sent).map(({ path: _p, ...u }) => u)],
      notYet,
    };
  },
};
