import type { HonourKind } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import type { CertificateInput } from './certificates.ts';
import { honourRepository as repo, type AwardRow } from './repository.ts';
import { honourPolicy as policy } from './policy.ts';
import { ORG, managedRound } from './round.ts';
import { certificateUrl } from './presenter.ts';

/** What a certificate says: the member's organization is named beside a person's name. */
async function certificates(ex: Executor, awards: AwardRow[], roundName: string): Promise<CertificateInput[]> {
  const names = await repo.organizationNames(
    ex,
    awards.map((a) => a.org_id),
  );
  return awards.map((a) => ({
    name: a.subject_name,
    kind: a.kind as HonourKind,
    orgName: a.member_id ? (names.get(a.org_id) ?? null) : null,
    issuerOrgName: a.issuer_org_name,
    year: a.year,
    awardedOn: a.awarded_on,
    certificateNo: a.certificate_no,
    roundName,
  }));
}

/** Awards: certificates and the honours a member or a unit holds. */
export const awardService = {
  /**
   * An award's certificate is downloaded by the member it went to, by the organizations above the
   * honoured unit or member, and by the round's organization (the final list itself is public).
   */
  async awardCertificate(ctx: AppContext, actor: Actor, id: number): Promise<CertificateInput> {
    // The kind is the rule: the member's own award, or one in the subtree for those who read honours (the round's managers included).
    const a = await requireAccess(ctx.db, actor, null, 'honourAward', id);
    return (await certificates(ctx.db, [a], await repo.roundName(ctx.db, a.round_id)))[0];
  },

  /** Every certificate of a finalized round, for its managers to print. */
  async roundCertificates(ctx: AppContext, actor: Actor, id: number): Promise<{ roundName: string; certificates: CertificateInput[] }> {
    const r = await managedRound(ctx.db, actor, id);
    if (r.status !== 'final') throw conflict('HONOUR_STAGE', '最终名单确定后才能打印证书', 'Certificates are printed once the final list is published');
    return { roundName: r.name, certificates: await certificates(ctx.db, await repo.awardsOfRound(ctx.db, r.id), r.name) };
  },

  /** Honours a member or a unit holds (their history page). */
  async history(ctx: AppContext, actor: Actor, q: { memberId?: number; orgId?: number }) {
    let key: string;
    if (q.memberId) {
      if (!policy.memberHistory(actor, q.memberId)) throw forbidden();
      key = `m:${(await requireAccess(ctx.db, actor, null, 'member', q.memberId)).id}`;
    } else if (q.orgId) {
      if (!policy.readsOrgHonours(actor)) throw notFound(ORG);
      key = `o:${(await requireAccess(ctx.db, actor, 'honour.read', 'org', q.orgId)).id}`;
    } else {
      throw validationFailed([
        { field: 'memberId', code: 'HONOUR_SUBJECT_REQUIRED', message: { zh: '请指定团员或组织', en: 'Give a member or an organization' } },
      ]);
    }
    return (await repo.awardsOfSubject(ctx.db, key)).map((a) => ({
      id: a.id,
      roundId: a.round_id,
      roundName: a.round_name,
      kind: a.kind as HonourKind,
      year: a.year,
      name: a.subject_name,
      issuerOrgName: a.issuer_org_name,
      certificateNo: a.certificate_no,
      awardedOn: a.awarded_on,
      certificateUrl: certificateUrl(a.id),
    }));
  },
};
