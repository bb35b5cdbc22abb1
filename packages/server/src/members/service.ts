import { isIsoDate, isoToday, normalizeIdCard, normalizePhone, validateMemberRecord, type MemberStatus } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { sortColumn } from '../http/schemas.ts';
import { adjustMemberCounts } from '../orgs/rollup.ts';
import { orgRepository } from '../orgs/repository.ts';
import { refreshUnitsInAllCampaigns } from '../campaigns/rollup.ts';
import { memberRepository as repo, type MemberFilter } from './repository.ts';
import { idCardColumns, phoneColumns } from './pii.ts';
import { presentMember } from './presenter.ts';
import { memberPolicy } from './policy.ts';
import { assertIdCardFree, withIdCardCheck } from './id-conflicts.ts';

const MEMBER = { zh: '团员', en: 'Member' };

export interface MemberInput {
  name: string;
  idCard: string;
  phone?: string | null;
  gender?: string | null;
  birthDate?: string | null;
  joinedOn?: string | null;
  position?: string | null;
  positionSince?: string | null;
  note?: string | null;
}

/** Organizations that hold members must be active and of a type that holds members. */
async function assertCanHoldMembers(ex: Executor, org: { type_code: string; status: string; name: string }, field = 'orgId') {
  const type = await orgRepository.typeByCode(ex, org.type_code);
  if (org.status !== 'active')
    throw validationFailed([{ field, code: 'ORG_INACTIVE', message: { zh: `「${org.name}」已停用或合并`, en: `"${org.name}" is not active` } }]);
  if (!type?.holds_members) {
    throw validationFailed([
      {
        field,
        code: 'ORG_TYPE_HOLDS_NO_MEMBERS',
        message: {
          zh: `${type?.name_zh ?? '该类组织'}不直接管理团员，请选择基层组织`,
          en: `A ${type?.name_en ?? 'organization of this type'} does not hold members directly`,
        },
      },
    ]);
  }
}

function validate(input: MemberInput) {
  const r = validateMemberRecord({
    name: input.name,
    idCard: input.idCard,
    phone: input.phone ?? '',
    gender: input.gender ?? '',
    birthDate: input.birthDate ?? '',
    joinedOn: input.joinedOn ?? '',
    position: input.position ?? '',
    note: input.note ?? '',
  });
  if (!r.ok) throw validationFailed(r.errors);
  return r.value;
}

/**
 * 任职时间: a date in the past (or today) for a member holding a position; none without one.
 * Unknown (null) means "not exempt" from 述职评议 — the 3-month exemption needs a known date.
 */
function positionSinceOf(position: string, value: string | null | undefined): string | null {
  if (position === 'none' || !value) return null;
  if (!isIsoDate(value) || value > isoToday()) {
    throw validationFailed([
      {
        field: 'positionSince',
        code: 'MEMBER_POSITION_SINCE_INVALID',
        message: { zh: '任职时间应为不晚于今天的日期（YYYY-MM-DD）', en: 'The date taken up must be a date no later than today (YYYY-MM-DD)' },
      },
    ]);
  }
  return value;
}

export const memberService = {
  async list(
    ctx: AppContext,
    actor: Actor,
    q: { orgId?: number; subtree: boolean; q?: string; status?: string; position?: string; gender?: string },
    page: { page: number; pageSize: number; sort: string; order: 'asc' | 'desc' },
  ) {
    const org = await requireAccess(ctx.db, actor, 'member.read', 'org', q.orgId ?? actor.grant.orgId);
    const f: MemberFilter = { orgId: org.id, orgPath: org.path, subtree: q.subtree, status: q.status, position: q.position, gender: q.gender };
    const term = q.q?.trim();
    if (term) {
      const id = normalizeIdCard(term);
      const phone = normalizePhone(term);
      const byNumber = /^\d{17}[\dX]$/.test(id) || /^1\d{10}$/.test(phone);
      // Finding a person by a full number confirms the number: as good as revealing it, so only
      // for those who may reveal it (else a masked phone falls to 10,000 searches).
      if (byNumber && !memberPolicy.searchesByNumber(actor)) {
        throw validationFailed([
          {
            field: 'q',
            code: 'MEMBER_SEARCH_BY_NUMBER_FORBIDDEN',
            message: {
              zh: '按身份证号或手机号查找需要“查看完整信息”的权限，请按姓名查找',
              en: 'Searching by ID or mobile number needs the reveal permission; search by name',
            },
          },
        ]);
      }
      if (/^\d{17}[\dX]$/.test(id)) f.idCardHash = ctx.cipher.hash(id);
      else if (/^1\d{10}$/.test(phone)) f.phoneHash = ctx.cipher.hash(phone);
      else f.name = term;
    }
    const full = memberPolicy.seesBirthDate(actor);
    // Sorting by birth date is ordering by it: only for those who see it.
    const sortCol = sortColumn(
      { name: 'm.name', birthDate: 'm.birth_date', joinedOn: 'm.joined_on', position: 'm.position', org: 'o.path', createdAt: 'm.created_at' } as const,
      full || page.sort !== 'birthDate' ? page.sort : null,
      'm.id',
    );
    const { rows, total } = await repo.page(ctx.db, ctx.dialect, f, {
      sortColumn: sortCol,
      order: page.order,
      limit: page.pageSize,
      offset: (page.page - 1) * page.pageSize,
    });
    return { items: rows.map((r) => presentMember(r, { birthDate: full })), total, page: page.page, pageSize: page.pageSize };
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    const m = await requireAccess(ctx.db, actor, 'member.read', 'member', id);
    const transfers = await repo.transfers(ctx.db, id);
    return {
      ...presentMember(m, { birthDate: memberPolicy.seesBirthDate(actor) }),
      abilities: memberPolicy.abilities(actor, m),
      transfers: transfers.map((t) => ({
        id: t.id,
        fromOrgId: t.from_org_id,
        fromOrgName: t.from_org_name,
        toOrgId: t.to_org_id,
        toOrgName: t.to_org_name,
        reason: t.reason,
        transferredAt: t.transferred_at,
        actorName: t.actor_name,
      })),
    };
  },

  /** A member's own record, for the 'member' role (self only). */
  async myProfile(ctx: AppContext, actor: Actor) {
    requireRole(actor, 'self.read');
    if (!actor.memberId) throw notFound(MEMBER);
    const m = await repo.findById(ctx.db, actor.memberId);
    if (!m) throw notFound(MEMBER);
    return presentMember(m, { birthDate: true });
  },

  async create(ctx: AppContext, actor: Actor, orgId: number, input: MemberInput): Promise<number> {
    requireRole(actor, 'member.write');
    const v = validate(input);
    return withIdCardCheck(ctx, actor, () =>
      ctx.db.transaction().execute(async (trx) => {
        const org = await requireAccess(trx, actor, 'member.write', 'org', orgId);
        await assertCanHoldMembers(trx, org);
        const idc = idCardColumns(ctx.cipher, v.idCard);
        await assertIdCardFree(trx, actor, idc.id_card_hash);
        const at = nowIso();
        const { id } = await repo.insert(trx, {
          org_id: org.id,
          name: v.name,
          gender: v.gender,
          birth_date: v.birthDate,
          ...idc,
          ...phoneColumns(ctx.cipher, v.phone),
          joined_on: v.joinedOn,
          position: v.position,
          position_since: positionSinceOf(v.position, input.positionSince),
          status: 'active',
          note: v.note,
          created_at: at,
          updated_at: at,
        });
        await adjustMemberCounts(trx, org, 1);
        await audit(trx, actor, {
          action: 'member.create',
          targetType: 'member',
          targetId: id,
          summary: { orgId: org.id, name: v.name, idCard: idc.id_card_masked },
        });
        return id;
      }),
    );
  },

  async update(ctx: AppContext, actor: Actor, id: number, patch: Partial<MemberInput> & { status?: MemberStatus }) {
    return withIdCardCheck(ctx, actor, () =>
      ctx.db.transaction().execute(async (trx) => {
        const m = await requireAccess(trx, actor, 'member.write', 'member', id);
        const idCardChanged = patch.idCard !== undefined && ctx.cipher.hash(normalizeIdCard(patch.idCard)) !== m.id_card_hash;
        // Validate the record as it will be after the change; the ID is only decrypted when needed.
        const v = validate({
          name: patch.name ?? m.name,
          idCard: patch.idCard !== undefined ? patch.idCard : ctx.cipher.decrypt(m.id_card_enc),
          phone: patch.phone !== undefined ? patch.phone : m.phone_enc ? ctx.cipher.decrypt(m.phone_enc) : null,
          gender: patch.gender ?? null,
          birthDate: patch.birthDate ?? null,
          joinedOn: patch.joinedOn !== undefined ? patch.joinedOn : m.joined_on,
          position: patch.position ?? m.position,
          note: patch.note !== undefined ? patch.note : m.note,
        });
        const idc = idCardColumns(ctx.cipher, v.idCard);
        if (idCardChanged) await assertIdCardFree(trx, actor, idc.id_card_hash, id);
        const status = patch.status ?? m.status;
        await repo.update(trx, id, {
          name: v.name,
          gender: v.gender,
          birth_date: v.birthDate,
          ...(idCardChanged ? idc : {}),
          ...(patch.phone !== undefined ? phoneColumns(ctx.cipher, v.phone) : {}),
          joined_on: v.joinedOn,
          position: v.position,
          note: v.note,
          status,
          updated_at: nowIso(),
          // 任职时间 as given; a position changed here without one starts today (述职评议 exempts those under 3 months).
          ...(patch.positionSince !== undefined
            ? { position_since: positionSinceOf(v.position, patch.positionSince) }
            : v.position !== m.position
              ? { position_since: positionSinceOf(v.position, isoToday()) }
              : {}),
        });
        const wasActive = m.status === 'active';
        const isActive = status === 'active';
        if (wasActive !== isActive) {
          await adjustMemberCounts(trx, { id: m.org_id, path: m.org_path }, isActive ? 1 : -1);
          await refreshUnitsInAllCampaigns(trx, [m.org_id]);
        }
        const before = {
          name: m.name,
          idCard: m.id_card_masked,
          phone: m.phone_masked,
          joinedOn: m.joined_on,
          position: m.position,
          status: m.status,
          note: m.note,
        };
        const after = {
          name: v.name,
          idCard: idc.id_card_masked,
          phone: patch.phone !== undefined ? phoneColumns(ctx.cipher, v.phone).phone_masked : m.phone_masked,
          joinedOn: v.joinedOn,
          position: v.position,
          status,
          note: v.note,
        };
        await audit(trx, actor, { action: 'member.update', targetType: 'member', targetId: id, summary: { before, after } });
      }),
    );
  },

  async reveal(ctx: AppContext, actor: Actor, id: number, field: 'idCard' | 'phone'): Promise<string | null> {
    const m = await requireAccess(ctx.db, actor, 'member.reveal', 'member', id);
    const enc = field === 'idCard' ? m.id_card_enc : m.phone_enc;
    await audit(ctx.db, actor, { action: 'member.reveal', targetType: 'member', targetId: id, summary: { field } });
    return enc ? ctx.cipher.decrypt(enc) : null;
  },

  async transfer(ctx: AppContext, actor: Actor, id: number, toOrgId: number, reason: string) {
    return ctx.db.transaction().execute(async (trx) => {
      const m = await requireAccess(trx, actor, 'member.write', 'member', id);
      if (m.status !== 'active') throw conflict('MEMBER_NOT_ACTIVE', '只能转接在册团员', 'Only active members can be transferred');
      const to = await requireAccess(trx, actor, 'member.write', 'org', toOrgId);
      if (to.id === m.org_id)
        throw validationFailed([
          { field: 'toOrgId', code: 'TRANSFER_SAME_ORG', message: { zh: '转入组织与当前组织相同', en: 'The member is already in this organization' } },
        ]);
      await assertCanHoldMembers(trx, to, 'toOrgId');
      const at = nowIso();
      await repo.update(trx, id, { org_id: to.id, updated_at: at });
      await repo.insertTransfer(trx, { member_id: id, from_org_id: m.org_id, to_org_id: to.id, reason, transferred_at: at, actor_user_id: actor.userId });
      await adjustMemberCounts(trx, { id: m.org_id, path: m.org_path }, -1);
      await adjustMemberCounts(trx, to, 1);
      await refreshUnitsInAllCampaigns(trx, [m.org_id, to.id]);
      await audit(trx, actor, { action: 'member.transfer', targetType: 'member', targetId: id, summary: { fromOrgId: m.org_id, toOrgId: to.id, reason } });
    });
  },
};
