import type { FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { activationRepository as repo } from './repository.ts';
import { activationLink, codeHash, newCode, normalizeCode } from './codes.ts';

/** How long a code lasts unless the secretary says otherwise. */
export const DEFAULT_VALID_DAYS = 14;

const daysAfter = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/**
 * The secretary's side of activation (docs/activation.md): the unit's members and where their
 * account stands, codes for all who have none in one step, and revoking a code. The members'
 * side (redeeming a code, activating with name + ID + mobile) is redeem.ts.
 */
export const activationService = {
  async roster(ctx: AppContext, actor: Actor, orgId: number) {
    const org = await requireAccess(ctx.db, actor, 'account.activate', 'org', orgId);
    const rows = await repo.unitMembers(ctx.db, org.id, nowIso());
    const members = rows.map((r) => ({
      memberId: r.id,
      name: r.name,
      idCardMasked: r.id_card_masked,
      state: (r.user_id != null ? 'active' : r.code_expires_at ? 'pending' : 'none') as 'active' | 'pending' | 'none',
      codeExpiresAt: r.user_id != null ? null : r.code_expires_at,
    }));
    const count = (s: string) => members.filter((m) => m.state === s).length;
    return { orgId: org.id, orgName: org.name, members, counts: { active: count('active'), pending: count('pending'), none: count('none') } };
  },

  /**
   * Codes for the unit's active members without an account — all of them, or the ones named
   * (each must be such a member of this unit). A member's earlier live code stops working. The
   * codes are in this answer only: the database keeps their hashes.
   */
  async issue(ctx: AppContext, actor: Actor, input: { orgId: number; memberIds?: number[]; validDays?: number }) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'account.activate', 'org', input.orgId);
      const at = nowIso();
      const rows = await repo.unitMembers(trx, org.id, at);
      const byId = new Map(rows.map((r) => [r.id, r]));
      let chosen = rows.filter((r) => r.user_id == null);
      if (input.memberIds) {
        const errors: FieldError[] = [];
        input.memberIds.forEach((id, i) => {
          const r = byId.get(id);
          if (!r)
            errors.push({
              field: `memberIds.${i}`,
              code: 'MEMBER_NOT_IN_UNIT',
              message: { zh: '该团员不是本组织的在册团员', en: 'This member is not an active member of this organization' },
            });
          else if (r.user_id != null)
            errors.push({
              field: `memberIds.${i}`,
              code: 'MEMBER_HAS_ACCOUNT',
              message: { zh: '该团员已有账号，无需激活', en: 'This member already has an account' },
            });
        });
        if (errors.length) throw validationFailed(errors);
        const wanted = new Set(input.memberIds);
        chosen = chosen.filter((r) => wanted.has(r.id));
      }
      const expiresAt = daysAfter(at, input.validDays ?? DEFAULT_VALID_DAYS);
      await repo.revokeLive(
        trx,
        chosen.map((r) => r.id),
        at,
      );
      const cards = chosen.map((r) => ({ memberId: r.id, name: r.name, idCardMasked: r.id_card_masked, code: newCode() }));
      await repo.insertCodes(
        trx,
        cards.map((c) => ({
          member_id: c.memberId,
          org_id: org.id,
          code_hash: codeHash(normalizeCode(c.code)!),
          issued_at: at,
          issued_by: actor.userId,
          expires_at: expiresAt,
        })),
      );
      await audit(trx, actor, {
        action: 'activation.issue',
        targetType: 'organization',
        targetId: org.id,
        summary: { codes: cards.length, memberIds: cards.map((c) => c.memberId).slice(0, 200), expiresAt },
      });
      return {
        orgId: org.id,
        orgName: org.name,
        issuedAt: at,
        expiresAt,
        cards: cards.map((c) => ({ ...c, link: activationLink(c.code) })),
        skipped: rows.length - rows.filter((r) => r.user_id == null).length,
      };
    });
  },

  /** Ends the member's live code (a lost card). */
  async revoke(ctx: AppContext, actor: Actor, memberId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const m = await requireAccess(trx, actor, 'account.activate', 'member', memberId);
      const n = await repo.revokeLive(trx, [m.id], nowIso());
      if (!n) throw notFound({ zh: '有效的激活码', en: 'Live activation code' });
      await audit(trx, actor, { action: 'activation.revoke', targetType: 'member', targetId: m.id, summary: { codes: n } });
    });
  },
};
