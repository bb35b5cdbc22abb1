import { pinyinFull, pinyinInitials, validateContactPhone, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole, scopeRoot } from '../access/index.ts';
import { idsOnPath, isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { sortColumn } from '../http/schemas.ts';
import { orgRepository as repo } from './repository.ts';
import { orgPolicy, structureRefused } from './policy.ts';
import { presentOrgNode } from './presenter.ts';
import { contactPhoneColumns } from './contact.ts';
import { countOrgType, moveTypeCounts } from './rollup.ts';
import { onSubtreeMoved, refreshUnitsInAllCampaigns } from '../campaigns/rollup.ts';

const ORG = { zh: '组织', en: 'Organization' };

/** Structural changes apply strictly below the actor's own organization. */
function assertRestructurable(actor: Actor, org: Organization) {
  if (!orgPolicy.restructure(actor, org)) throw structureRefused();
}

async function assertRankBelow(ex: Executor, parentType: string, childType: string, field = 'typeCode') {
  const [p, c] = await Promise.all([repo.typeByCode(ex, parentType), repo.typeByCode(ex, childType)]);
  if (!c)
    throw validationFailed([
      { field, code: 'ORG_TYPE_UNKNOWN', message: { zh: `组织类型「${childType}」不存在`, en: `Unknown organization type "${childType}"` } },
    ]);
  if (p && c.rank <= p.rank) {
    throw validationFailed([
      {
        field,
        code: 'ORG_TYPE_RANK',
        message: { zh: `「${c.name_zh}」不能设在「${p.name_zh}」之下`, en: `A ${c.name_en} cannot be placed under a ${p.name_en}` },
      },
    ]);
  }
}

function contactPhoneFields(ctx: AppContext, raw: string | null | undefined, errors: FieldError[]) {
  if (raw === undefined) return {};
  if (raw === null || raw.trim() === '') return contactPhoneColumns(ctx.cipher, null);
  const r = validateContactPhone(raw);
  if (!r.ok) {
    errors.push(...r.errors);
    return {};
  }
  return contactPhoneColumns(ctx.cipher, r.value);
}

export interface OrgInput {
  parentId: number;
  name: string;
  code: string;
  typeCode: string;
  foundedOn?: string | null;
  responsiblePerson?: string | null;
  contactPhone?: string | null;
}

export const orgService = {
  types: (ctx: AppContext) => repo.types(ctx.db),

  async replaceTypes(ctx: AppContext, actor: Actor, types: { code: string; nameZh: string; nameEn: string; rank: number; holdsMembers: boolean }[]) {
    requireRole(actor, 'orgtype.write');
    return ctx.db.transaction().execute(async (trx) => {
      const before = await repo.types(trx);
      const removed = (await repo.typeCodesInUse(trx)).filter((c) => !types.some((t) => t.code === c));
      if (removed.length) {
        throw conflict('ORG_TYPE_IN_USE', `组织类型 ${removed.join('、')} 仍在使用，不能删除`, `Organization type(s) ${removed.join(', ')} are in use`);
      }
      await repo.replaceTypes(
        trx,
        types.map((t) => ({ code: t.code, name_zh: t.nameZh, name_en: t.nameEn, rank: t.rank, holds_members: t.holdsMembers ? 1 : 0 })),
      );
      const keep = types.map((t) => t.code);
      await audit(trx, actor, { action: 'orgtype.replace', targetType: 'org_type', summary: { before: before.map((b) => b.code), after: keep } });
      return repo.types(trx);
    });
  },

  async tree(ctx: AppContext, actor: Actor, parentId?: number) {
    const scope = scopeRoot(actor, 'org.read');
    if (parentId === undefined) {
      const root = await repo.nodeById(ctx.db, scope, actor.grant.orgId);
      return root ? [presentOrgNode(root)] : [];
    }
    await requireAccess(ctx.db, actor, 'org.read', 'org', parentId);
    return (await repo.children(ctx.db, scope, parentId)).map(presentOrgNode);
  },

  async search(ctx: AppContext, actor: Actor, q: string) {
    const scope = scopeRoot(actor, 'org.read');
    const rows = await repo.search(ctx.db, ctx.dialect, scope, q.trim(), 50);
    const ancestorIds = [...new Set(rows.flatMap((r) => idsOnPath(r.path).slice(0, -1)))];
    const names = new Map((await repo.namesByIds(ctx.db, ancestorIds)).map((n) => [n.id, n.name]));
    const scopeDepth = idsOnPath(scope).length - 1;
    return rows.map((r) => ({
      ...presentOrgNode(r),
      ancestry: idsOnPath(r.path)
        .slice(scopeDepth, -1)
        .map((id) => names.get(id))
        .join(' / '),
    }));
  },

  async list(
    ctx: AppContext,
    actor: Actor,
    f: { rootId?: number; typeCode?: string; status?: string; q?: string },
    page: { page: number; pageSize: number; sort: string; order: 'asc' | 'desc' },
  ) {
    const scope = scopeRoot(actor, 'org.read');
    const root = f.rootId ? await requireAccess(ctx.db, actor, 'org.read', 'org', f.rootId) : { path: scope };
    const sortCol = sortColumn(
      { name: 'o.name', code: 'o.code', members: 'o.subtree_member_count', depth: 'o.depth', createdAt: 'o.created_at' } as const,
      page.sort,
      'o.path',
    );
    const { items, total } = await repo.page(
      ctx.db,
      ctx.dialect,
      { rootPath: root.path, typeCode: f.typeCode, status: f.status, q: f.q },
      {
        sortColumn: sortCol,
        order: page.order,
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      },
    );
    return { items: items.map(presentOrgNode), total, page: page.page, pageSize: page.pageSize };
  },

  async detail(ctx: AppContext, actor: Actor, id: number) {
    const scope = scopeRoot(actor, 'org.read');
    const node = await repo.nodeById(ctx.db, scope, id);
    if (!node) throw notFound(ORG);
    const scopeDepth = idsOnPath(scope).length - 1;
    const ancestorIds = idsOnPath(node.path).slice(scopeDepth, -1);
    const names = new Map((await repo.namesByIds(ctx.db, ancestorIds)).map((n) => [n.id, n.name]));
    return {
      ...presentOrgNode(node),
      ancestors: ancestorIds.map((aid) => ({ id: aid, name: names.get(aid) ?? '' })),
      childCount: await repo.countChildren(ctx.db, id),
      abilities: orgPolicy.abilities(actor, node),
    };
  },

  async create(ctx: AppContext, actor: Actor, input: OrgInput) {
    return ctx.db.transaction().execute(async (trx) => {
      const parent = await requireAccess(trx, actor, 'org.structure', 'org', input.parentId);
      if (parent.status !== 'active') throw conflict('ORG_INACTIVE', '上级组织已停用或合并，不能新建下级', 'The parent organization is not active');
      await assertRankBelow(trx, parent.type_code, input.typeCode);
      const errors: FieldError[] = [];
      if (await repo.codeExists(trx, input.code))
        errors.push({
          field: 'code',
          code: 'ORG_CODE_TAKEN',
          message: { zh: `组织编码「${input.code}」已被使用`, en: `Code "${input.code}" is already used` },
        });
      const phone = contactPhoneFields(ctx, input.contactPhone, errors);
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      const { id } = await repo.insert(trx, {
        parent_id: parent.id,
        path: `${parent.path}pending/`,
        depth: parent.depth + 1,
        type_code: input.typeCode,
        name: input.name.trim(),
        code: input.code,
        pinyin_initials: pinyinInitials(input.name),
        pinyin_full: pinyinFull(input.name),
        founded_on: input.foundedOn ?? null,
        responsible_person: input.responsiblePerson?.trim() || null,
        ...phone,
        status: 'active',
        merged_into_id: null,
        created_at: at,
        updated_at: at,
      });
      await repo.setPath(trx, id, `${parent.path}${id}/`);
      await countOrgType(trx, { path: `${parent.path}${id}/`, type_code: input.typeCode }, 1);
      await audit(trx, actor, {
        action: 'org.create',
        targetType: 'organization',
        targetId: id,
        summary: { name: input.name, code: input.code, type: input.typeCode, parentId: parent.id },
      });
      return id;
    });
  },

  async update(ctx: AppContext, actor: Actor, id: number, patch: Partial<Omit<OrgInput, 'parentId'>>) {
    // Renaming or retyping is structural: below the actor's own organization (whose name is the
    // level above's business).
    const structural = patch.name !== undefined || patch.code !== undefined || patch.typeCode !== undefined;
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'org.write', 'org', id);
      if (structural && !orgPolicy.restructure(actor, org)) throw forbidden();
      const errors: FieldError[] = [];
      if (patch.code !== undefined && patch.code !== org.code && (await repo.codeExists(trx, patch.code, id))) {
        errors.push({
          field: 'code',
          code: 'ORG_CODE_TAKEN',
          message: { zh: `组织编码「${patch.code}」已被使用`, en: `Code "${patch.code}" is already used` },
        });
      }
      if (patch.typeCode !== undefined && patch.typeCode !== org.type_code) {
        const parent = org.parent_id ? await repo.byId(trx, org.parent_id) : null;
        if (parent) await assertRankBelow(trx, parent.type_code, patch.typeCode);
        for (const childType of await repo.childTypeCodes(trx, id)) await assertRankBelow(trx, patch.typeCode, childType);
      }
      const phone = contactPhoneFields(ctx, patch.contactPhone, errors);
      if (errors.length) throw validationFailed(errors);
      const changes = {
        ...(patch.name !== undefined ? { name: patch.name.trim(), pinyin_initials: pinyinInitials(patch.name), pinyin_full: pinyinFull(patch.name) } : {}),
        ...(patch.code !== undefined ? { code: patch.code } : {}),
        ...(patch.typeCode !== undefined ? { type_code: patch.typeCode } : {}),
        ...(patch.foundedOn !== undefined ? { founded_on: patch.foundedOn } : {}),
        ...(patch.responsiblePerson !== undefined ? { responsible_person: patch.responsiblePerson?.trim() || null } : {}),
        ...phone,
        updated_at: nowIso(),
      };
      await repo.update(trx, id, changes);
      if (patch.typeCode !== undefined && patch.typeCode !== org.type_code && org.status === 'active') {
        await countOrgType(trx, org, -1);
        await countOrgType(trx, { path: org.path, type_code: patch.typeCode }, 1);
        await refreshUnitsInAllCampaigns(trx, [id]);
      }
      const before = {
        name: org.name,
        code: org.code,
        type: org.type_code,
        foundedOn: org.founded_on,
        responsiblePerson: org.responsible_person,
        contactPhone: org.contact_phone_masked,
      };
      const after = {
        ...before,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.code !== undefined && { code: patch.code }),
        ...(patch.typeCode !== undefined && { type: patch.typeCode }),
        ...(patch.foundedOn !== undefined && { foundedOn: patch.foundedOn }),
        ...(patch.responsiblePerson !== undefined && { responsiblePerson: patch.responsiblePerson }),
        ...('contact_phone_masked' in phone && { contactPhone: phone.contact_phone_masked }),
      };
      await audit(trx, actor, { action: 'org.update', targetType: 'organization', targetId: id, summary: { before, after } });
    });
  },

  async move(ctx: AppContext, actor: Actor, id: number, newParentId: number) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'org.structure', 'org', id);
      assertRestructurable(actor, org);
      const parent = await requireAccess(trx, actor, 'org.structure', 'org', newParentId);
      if (isInSubtree(org.path, parent.path)) {
        throw validationFailed([
          {
            field: 'newParentId',
            code: 'ORG_MOVE_INTO_ITSELF',
            message: { zh: '不能移动到自身或其下级组织之下', en: 'An organization cannot be moved under itself or its descendants' },
          },
        ]);
      }
      if (parent.id === org.parent_id) return;
      if (parent.status !== 'active') throw conflict('ORG_INACTIVE', '目标上级组织已停用或合并', 'The new parent is not active');
      await assertRankBelow(trx, parent.type_code, org.type_code, 'newParentId');
      const oldParentPath = org.path.slice(0, org.path.slice(0, -1).lastIndexOf('/') + 1);
      const newPath = `${parent.path}${org.id}/`;
      await repo.rewriteSubtree(trx, org.path, newPath, parent.depth + 1 - org.depth);
      await repo.update(trx, org.id, { parent_id: parent.id, updated_at: nowIso() });
      await repo.addToSubtreeCounts(trx, idsOnPath(oldParentPath), -org.subtree_member_count);
      await repo.addToSubtreeCounts(trx, idsOnPath(parent.path), org.subtree_member_count);
      await moveTypeCounts(trx, org.id, oldParentPath, parent.path);
      await onSubtreeMoved(trx, org.id, org.path, newPath);
      await audit(trx, actor, {
        action: 'org.move',
        targetType: 'organization',
        targetId: id,
        summary: { fromParentId: org.parent_id, toParentId: parent.id },
      });
    });
  },

  async setActive(ctx: AppContext, actor: Actor, id: number, active: boolean, reason: string | null) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'org.structure', 'org', id);
      assertRestructurable(actor, org);
      if (org.status === 'merged') throw conflict('ORG_MERGED', '该组织已被合并，不能更改状态', 'This organization was merged');
      if (active) {
        const parent = await repo.byId(trx, org.parent_id!);
        if (!parent) throw new Error(`organization ${org.parent_id} vanished`);
        if (parent.status !== 'active') throw conflict('ORG_PARENT_INACTIVE', '上级组织已停用，请先启用上级组织', 'Reactivate the parent organization first');
      } else {
        if (org.subtree_member_count > 0)
          throw conflict(
            'ORG_HAS_MEMBERS',
            `该组织及下级仍有 ${org.subtree_member_count} 名在册团员，请先转接`,
            `${org.subtree_member_count} active member(s) remain in this subtree; transfer them first`,
          );
        if (await repo.countChildren(trx, id, true))
          throw conflict('ORG_HAS_CHILDREN', '该组织仍有在用的下级组织，请先停用或移动下级组织', 'Deactivate or move the active child organizations first');
      }
      await repo.update(trx, id, { status: active ? 'active' : 'inactive', updated_at: nowIso() });
      if ((org.status === 'active') !== active) {
        await countOrgType(trx, org, active ? 1 : -1);
        await refreshUnitsInAllCampaigns(trx, [id]);
      }
      await audit(trx, actor, { action: active ? 'org.reactivate' : 'org.deactivate', targetType: 'organization', targetId: id, summary: { reason } });
    });
  },

  async merge(ctx: AppContext, actor: Actor, id: number, targetId: number, reason: string) {
    return ctx.db.transaction().execute(async (trx) => {
      const src = await requireAccess(trx, actor, 'org.structure', 'org', id);
      assertRestructurable(actor, src);
      const target = await requireAccess(trx, actor, 'org.structure', 'org', targetId);
      if (src.id === target.id || isInSubtree(src.path, target.path)) {
        throw validationFailed([
          { field: 'targetId', code: 'ORG_MERGE_INTO_ITSELF', message: { zh: '不能合并到自身或其下级组织', en: 'Cannot merge into itself or a descendant' } },
        ]);
      }
      if (src.status !== 'active' || target.status !== 'active') throw conflict('ORG_INACTIVE', '只能合并两个在用的组织', 'Both organizations must be active');
      const targetType = await repo.typeByCode(trx, target.type_code);
      if (src.direct_member_count > 0 && !targetType?.holds_members) {
        throw validationFailed([
          {
            field: 'targetId',
            code: 'ORG_TYPE_HOLDS_NO_MEMBERS',
            message: { zh: `「${targetType?.name_zh}」不直接管理团员，不能接收团员`, en: 'The target type does not hold members directly' },
          },
        ]);
      }
      const children = await repo.directChildren(trx, src.id);
      for (const c of children) await assertRankBelow(trx, target.type_code, c.type_code, 'targetId');
      const at = nowIso();
      for (const c of children) {
        await repo.rewriteSubtree(trx, c.path, `${target.path}${c.id}/`, target.depth + 1 - c.depth);
        await repo.update(trx, c.id, { parent_id: target.id, updated_at: at });
        await moveTypeCounts(trx, c.id, src.path, target.path);
        await onSubtreeMoved(trx, c.id, c.path, `${target.path}${c.id}/`);
      }
      const movedMembers = await repo.moveMembers(trx, src.id, target.id, `组织合并：${reason}`, at, actor.userId);
      // Counts: the moved members leave src's ancestors and join target's.
      const srcParentPath = src.path.slice(0, src.path.slice(0, -1).lastIndexOf('/') + 1);
      await repo.addToSubtreeCounts(trx, idsOnPath(srcParentPath), -src.subtree_member_count);
      await repo.addToSubtreeCounts(trx, idsOnPath(target.path), src.subtree_member_count);
      await repo.addToDirectCount(trx, target.id, src.direct_member_count);
      const grants = await repo.revokeGrantsAt(trx, src.id);
      await repo.update(trx, src.id, { status: 'merged', merged_into_id: target.id, direct_member_count: 0, subtree_member_count: 0, updated_at: at });
      await countOrgType(trx, src, -1);
      await refreshUnitsInAllCampaigns(trx, [src.id, target.id]);
      await audit(trx, actor, {
        action: 'org.merge',
        targetType: 'organization',
        targetId: src.id,
        summary: { into: target.id, reason, movedMembers, movedChildren: children.length, revokedGrants: grants },
      });
    });
  },

  async revealContact(ctx: AppContext, actor: Actor, id: number) {
    const org = await requireAccess(ctx.db, actor, 'member.reveal', 'org', id);
    await audit(ctx.db, actor, { action: 'org.reveal_contact', targetType: 'organization', targetId: id });
    return org.contact_phone_enc ? ctx.cipher.decrypt(org.contact_phone_enc) : null;
  },
};
