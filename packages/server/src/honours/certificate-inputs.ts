import type { HonourKind } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { honourService } from './service.ts';
import { honourRepository as repo } from './repository.ts';
import type { CertificateInput } from './certificates.ts';

/** What a certificate (certificates.ts) prints, from an award the actor may download. */

type AwardRow = {
  subject_name: string;
  kind: string;
  member_id: number | null;
  org_id: number;
  issuer_org_name: string;
  year: number;
  awarded_on: string;
  certificate_no: string;
};

async function memberOrgNames(ctx: AppContext, orgIds: number[]) {
  return new Map((await repo.orgNames(ctx.db, orgIds)).map((r) => [r.id, r.name]));
}

function certInput(a: AwardRow, names: Map<number, string>, roundName: string): CertificateInput {
  return {
    name: a.subject_name,
    kind: a.kind as HonourKind,
    orgName: a.member_id ? (names.get(a.org_id) ?? null) : null,
    issuerOrgName: a.issuer_org_name,
    year: a.year,
    awardedOn: a.awarded_on,
    certificateNo: a.certificate_no,
    roundName,
  };
}

/** Every certificate of a final round, for its managers. */
export async function roundCertificates(ctx: AppContext, actor: Actor, roundId: number) {
  const { round, awards } = await honourService.roundAwards(ctx, actor, roundId);
  const names = await memberOrgNames(
    ctx,
    awards.map((a) => a.org_id),
  );
  return { round, inputs: awards.map((a) => certInput(a, names, round.name)) };
}

/** One award's certificate, for the member it went to and the organizations above. */
export async function awardCertificate(ctx: AppContext, actor: Actor, awardId: number) {
  const award = await honourService.award(ctx, actor, awardId);
  const round = await repo.roundName(ctx.db, award.round_id);
  const names = await memberOrgNames(ctx, [award.org_id]);
  return { award, input: certInput(award, names, round.name) };
}
