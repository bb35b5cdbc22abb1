import { generatePassword, grantableRoles, normalizePhone, SYSTEM_ROLES, validateMobile, type Role, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { assertAllowed, isInSubtree } from '../auth/scope.ts';
import { hashPassword } from '../auth/passwords.ts';
import { authRepository } from '../auth/repository.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { orgInScope } from '../orgs/service.ts';
import { phoneColumns } from '../members/pii.ts';
import { memberRepository } from '../members/repository.ts';
import { accountRepository as repo } from './repository.ts';

const ACCOUNT = { zh: '账号', en: 'Account' };

/**
 * An account is manageable when every grant it holds lies inside the actor's subtree and none
 * is a system role the actor may not grant: a district admin cannot reset the password of a
 * city admin who also happens to hold a grant in the district.
 */
async function manageableAccount(ex: Executor, actor: Actor, userId: number) {
  assertAllowed(actor, 'account.write');
  const user = await authRepository.findUserById(ex, userId);
  if (!user) throw notFound(ACCOUNT);
  const grants = await repo.grantsWithOrgs(ex, [userId]);
  const inScope = grants.filter((g) => isInSubtree(actor.grant.orgPath, g.org_path));
  if (inScope.length === 0) throw notFound(ACCOUNT);
  const allowed = grantableRoles(actor.grant.role);
  if (inScope.length !== grants.length || grants.some((g) => !allowed.includes(g.role as Role))) throw forbidden();
  if (user.id === actor.userId) throw forbidden();
  return { user, grants };
}

function assertGrantable(actor: Actor, role: Role) {
  if (!grantableRoles(actor.grant.role).includes(role)) {
    throw validationFailed([{ field: 'role', code: 'ROLE_NOT_GRANTABLE', message: { zh: '您不能授予该角色', en: 'You cannot grant this role' } }]);
  }
}

async function validatePhone(ctx: AppContext, ex: Executor, raw: string | null | undefined, errors: FieldError[], exceptId?: number) {
  if (!raw) return phoneColumns(ctx.cipher, null);
  const r = validateMobile(normalizePhone(raw));
  if (!r.ok) {
    errors.push(...r.errors);
    return phoneColumns(ctx.cipher, null);
  }
  const cols = phoneColumns(ctx.cipher, r.value);
  if (await repo.phoneTaken(ex, cols.phone_hash!, exceptId)) errors.push({ field: 'phone', code: 'PHONE_TAKEN', message: { zh: '该手机号已绑定其他账号', en: 'This mobile number belongs to another account' } });
  return cols;
}

export const accountService = {
  async list(ctx: AppContext, actor: Actor, f: { q?: string; orgId?: number; role?: string }, page: { page: number; pageSize: number }) {
    assertAllowed(actor, 'account.read');
    const base = repo.listInScope(ctx.db, actor.grant.orgPath, f, ctx.dialect === 'postgres' ? 'ilike' : 'like');
    const [users, total] = await Promise.all([
      base.select(['u.id', 'u.username', 'u.display_name', 'u.phone_masked', 'u.status', 'u.locked_until', 'u.last_login_at', 'u.member_id', 'u.created_at', 'u.must_change_password'])
        .orderBy('u.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    const grants = await repo.grantsWithOrgs(ctx.db, users.map((u) => u.id));
    const now = nowIso();
    return {
      items: users.map((u) => ({
        id: u.id, username: u.username, displayName: u.display_name, phoneMasked: u.phone_masked, status: u.status,
        locked: !!u.locked_until && u.locked_until > now, lockedUntil: u.locked_until, lastLoginAt: u.last_login_at, memberId: u.member_id,
        mustChangePassword: u.must_change_password === 1, createdAt: u.created_at,
        grants: grants.filter((g) => g.user_id === u.id).map((g) => ({ id: g.id, role: g.role, orgId: g.org_id, orgName: g.org_name, inScope: isInSubtree(actor.grant.orgPath, g.org_path) })),
      })),
      total: Number(total.n), page: page.page, pageSize: page.pageSize,
    };
  },

  async create(ctx: AppContext, actor: Actor, input: { username: string; displayName: string; phone?: string | null; memberId?: number | null; role: Role; orgId: number }) {
    assertAllowed(actor, 'account.write');
    assertGrantable(actor, input.role);
    const initialPassword = generatePassword();
    const passwordHash = await hashPassword(initialPassword);
    const id = await ctx.db.transaction().execute(async (trx) => {
      const org = await orgInScope(trx, actor, input.orgId);
      const errors: FieldError[] = [];
      if (await repo.usernameTaken(trx, input.username)) errors.push({ field: 'username', code: 'USERNAME_TAKEN', message: { zh: `用户名「${input.username}」已被使用`, en: `Username "${input.username}" is taken` } });
      const phone = await validatePhone(ctx, trx, input.phone, errors);
      if (input.memberId) {
        const m = await memberRepository.findInScope(trx, actor.grant.orgPath, input.memberId);
        if (!m) errors.push({ field: 'memberId', code: 'MEMBER_NOT_FOUND', message: { zh: '关联的团员不存在或不在管理范围内', en: 'The linked member is not in your scope' } });
      }
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      const { id } = await trx.insertInto('user_account').values({
        username: input.username, display_name: input.displayName, ...phone, password_hash: passwordHash, member_id: input.memberId ?? null,
        status: 'active', must_change_password: 1, password_changed_at: at, created_at: at, updated_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('role_grant').values({ user_id: id, role: input.role, org_id: org.id, created_at: at, created_by: actor.userId }).execute();
      await audit(trx, actor, { action: 'account.create', targetType: 'user', targetId: id, summary: { username: input.username, role: input.role, orgId: org.id, phone: phone.phone_masked } });
      return id;
    });
    return { id, initialPassword };
  },

  async update(ctx: AppContext, actor: Actor, id: number, patch: { displayName?: string; phone?: string | null; status?: 'active' | 'disabled' }) {
    return ctx.db.transaction().execute(async (trx) => {
      const { user } = await manageableAccount(trx, actor, id);
      const errors: FieldError[] = [];
      const phone = patch.phone !== undefined ? await validatePhone(ctx, trx, patch.phone, errors, id) : {};
      if (errors.length) throw validationFailed(errors);
      await trx.updateTable('user_account').set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }), ...phone,
        ...(patch.status !== undefined && { status: patch.status }), updated_at: nowIso(),
      }).where('id', '=', id).execute();
      if (patch.status === 'disabled') await authRepository.deleteSessionsOf(trx, id);
      await audit(trx, actor, { action: 'account.update', targetType: 'user', targetId: id, summary: { before: { displayName: user.display_name, phone: user.phone_masked, status: user.status }, after: { ...patch, phone: 'phone_masked' in phone ? phone.phone_masked : user.phone_masked } } });
    });
  },

  async resetPassword(ctx: AppContext, actor: Actor, id: number) {
    const initialPassword = generatePassword();
    const hashed = await hashPassword(initialPassword);
    await ctx.db.transaction().execute(async (trx) => {
      await manageableAccount(trx, actor, id);
      const at = nowIso();
      await trx.updateTable('user_account').set({ password_hash: hashed, must_change_password: 1, password_changed_at: at, failed_logins: 0, locked_until: null, updated_at: at }).where('id', '=', id).execute();
      await authRepository.deleteSessionsOf(trx, id);
      await audit(trx, actor, { action: 'account.reset_password', targetType: 'user', targetId: id });
    });
    return { initialPassword };
  },

  async unlock(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      await manageableAccount(trx, actor, id);
      await trx.updateTable('user_account').set({ failed_logins: 0, locked_until: null, updated_at: nowIso() }).where('id', '=', id).execute();
      await audit(trx, actor, { action: 'account.unlock', targetType: 'user', targetId: id });
    });
  },

  async addGrant(ctx: AppContext, actor: Actor, id: number, role: Role, orgId: number) {
    assertAllowed(actor, 'account.write');
    assertGrantable(actor, role);
    await ctx.db.transaction().execute(async (trx) => {
      const { grants } = await manageableAccount(trx, actor, id);
      const org = await orgInScope(trx, actor, orgId);
      if (grants.some((g) => g.role === role && g.org_id === org.id)) throw conflict('GRANT_EXISTS', '该账号已有此角色', 'The account already has this role here');
      // 三员分立: a system role is never combined with another role on one account.
      const mixesSystem = SYSTEM_ROLES.includes(role) ? grants.length > 0 : grants.some((g) => SYSTEM_ROLES.includes(g.role as Role));
      if (mixesSystem) throw conflict('ROLE_SEPARATION', '系统管理员、安全管理员、审计管理员须使用独立账号，不能与其他角色兼任', 'System, security and audit administrators need separate accounts (三员分立)');
      const { id: grantId } = await trx.insertInto('role_grant').values({ user_id: id, role, org_id: org.id, created_at: nowIso(), created_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, actor, { action: 'account.grant', targetType: 'user', targetId: id, summary: { grantId, role, orgId: org.id } });
    });
  },

  async revokeGrant(ctx: AppContext, actor: Actor, id: number, grantId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const { grants } = await manageableAccount(trx, actor, id);
      const g = grants.find((x) => x.id === grantId);
      if (!g) throw notFound({ zh: '授权', en: 'Grant' });
      await trx.deleteFrom('role_grant').where('id', '=', grantId).execute();
      await audit(trx, actor, { action: 'account.revoke', targetType: 'user', targetId: id, summary: { grantId, role: g.role, orgId: g.org_id } });
    });
  },
};
