import { generatePassword, isSystemRole, normalizePhone, validateMobile, type Role, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, scopeRoot } from '../access/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { authRepository } from '../auth/repository.ts';
import { userSubject } from '../auth/throttle.ts';
import { deviceRepository, throttleRepository } from '../auth/throttle-repository.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { phoneColumns } from '../members/pii.ts';
import { accountRepository as repo } from './repository.ts';
import { accountPolicy } from './policy.ts';

/** An account in scope (404 outside it) that the actor may change (403 otherwise: see accountPolicy.manage). */
async function manageableAccount(ex: Executor, actor: Actor, userId: number) {
  const user = await requireAccess(ex, actor, 'account.write', 'account', userId);
  const grants = await repo.grantsWithOrgs(ex, [userId]);
  if (!accountPolicy.manage(actor, user, grants)) throw forbidden();
  return { user, grants };
}

function assertGrantable(actor: Actor, role: Role) {
  if (!accountPolicy.grant(actor, role)) {
    throw validationFailed([
      {
        field: 'role',
        code: 'ROLE_NOT_GRANTABLE',
        message: isSystemRole(role)
          ? {
              zh: '系统管理员、安全管理员、审计管理员账号只能在服务器命令行中管理（npm run admin）',
              en: 'System, security and audit administrator accounts are managed only from the server command line (npm run admin)',
            }
          : { zh: '您不能授予该角色', en: 'You cannot grant this role' },
      },
    ]);
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
  if (await repo.phoneTaken(ex, cols.phone_hash!, exceptId))
    errors.push({ field: 'phone', code: 'PHONE_TAKEN', message: { zh: '该手机号已绑定其他账号', en: 'This mobile number belongs to another account' } });
  return cols;
}

export const accountService = {
  async list(ctx: AppContext, actor: Actor, f: { q?: string; orgId?: number; role?: string }, page: { page: number; pageSize: number }) {
    const scope = scopeRoot(actor, 'account.read');
    if (f.orgId) await requireAccess(ctx.db, actor, 'account.read', 'org', f.orgId);
    const { users, total } = await repo.page(ctx.db, scope, f, ctx.dialect, {
      limit: page.pageSize,
      offset: (page.page - 1) * page.pageSize,
    });
    const grants = await repo.grantsWithOrgs(
      ctx.db,
      users.map((u) => u.id),
    );
    const now = nowIso();
    // "Locked": the account's untrusted clients are throttled (its trusted devices still log in).
    const throttled = await throttleRepository.accountThrottles(
      ctx.db,
      users.map((u) => u.id),
      now,
    );
    return {
      items: users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        phoneMasked: u.phone_masked,
        status: u.status,
        locked: throttled.has(u.id),
        lockedUntil: throttled.get(u.id) ?? null,
        lastLoginAt: u.last_login_at,
        memberId: u.member_id,
        mustChangePassword: u.must_change_password === 1,
        createdAt: u.created_at,
        // Grants outside the actor's subtree are not its business: neither shown nor counted.
        grants: grants
          .filter((g) => g.user_id === u.id && accountPolicy.visibleGrant(actor, g))
          .map((g) => ({ id: g.id, role: g.role as Role, orgId: g.org_id, orgName: g.org_name })),
        canManage: accountPolicy.manage(
          actor,
          u,
          grants.filter((g) => g.user_id === u.id),
        ),
      })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  },

  async create(
    ctx: AppContext,
    actor: Actor,
    input: { username: string; displayName: string; phone?: string | null; memberId?: number | null; role: Role; orgId: number },
  ) {
    assertGrantable(actor, input.role);
    const initialPassword = generatePassword();
    const passwordHash = await hashPassword(initialPassword);
    const id = await ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'account.write', 'org', input.orgId);
      const errors: FieldError[] = [];
      if (await repo.usernameTaken(trx, input.username))
        errors.push({
          field: 'username',
          code: 'USERNAME_TAKEN',
          message: { zh: `用户名「${input.username}」已被使用`, en: `Username "${input.username}" is taken` },
        });
      const phone = await validatePhone(ctx, trx, input.phone, errors);
      // Linking an account to a member hands it their profile, notices and ballots: only someone who
      // keeps that member's record (member.write over them) links, and a member has one account.
      if (input.memberId) {
        await requireAccess(trx, actor, 'member.write', 'member', input.memberId);
        if (await repo.memberLinked(trx, input.memberId))
          errors.push({
            field: 'memberId',
            code: 'MEMBER_HAS_ACCOUNT',
            message: { zh: '该团员已有账号：请为该账号增加角色，而不是再建一个', en: 'This member already has an account: add a role to it instead' },
          });
      }
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      const id = await repo.insert(trx, {
        username: input.username,
        display_name: input.displayName,
        ...phone,
        password_hash: passwordHash,
        member_id: input.memberId ?? null,
        status: 'active',
        must_change_password: 1,
        password_changed_at: at,
        created_at: at,
        updated_at: at,
      });
      await repo.insertGrant(trx, { user_id: id, role: input.role, org_id: org.id, created_at: at, created_by: actor.userId });
      await audit(trx, actor, {
        action: 'account.create',
        targetType: 'user',
        targetId: id,
        summary: { username: input.username, role: input.role, orgId: org.id, phone: phone.phone_masked, memberId: input.memberId ?? null },
      });
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
      await repo.update(trx, id, {
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...phone,
        ...(patch.status !== undefined && { status: patch.status }),
        updated_at: nowIso(),
      });
      if (patch.status === 'disabled') {
        await authRepository.deleteSessionsOf(trx, id);
        await deviceRepository.revokeAllOf(trx, id);
      }
      await audit(trx, actor, {
        action: 'account.update',
        targetType: 'user',
        targetId: id,
        summary: {
          before: { displayName: user.display_name, phone: user.phone_masked, status: user.status },
          after: { ...patch, phone: 'phone_masked' in phone ? phone.phone_masked : user.phone_masked },
        },
      });
    });
  },

  async resetPassword(ctx: AppContext, actor: Actor, id: number) {
    const initialPassword = generatePassword();
    const hashed = await hashPassword(initialPassword);
    await ctx.db.transaction().execute(async (trx) => {
      await manageableAccount(trx, actor, id);
      const at = nowIso();
      await repo.update(trx, id, { password_hash: hashed, must_change_password: 1, password_changed_at: at, updated_at: at });
      await authRepository.deleteSessionsOf(trx, id);
      // A reset starts clean: no browser stays trusted, no throttle stays.
      await deviceRepository.revokeAllOf(trx, id);
      await throttleRepository.clearSubject(trx, userSubject(id));
      await audit(trx, actor, { action: 'account.reset_password', targetType: 'user', targetId: id });
    });
    return { initialPassword };
  },

  async unlock(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      await manageableAccount(trx, actor, id);
      const cleared = await throttleRepository.clearSubject(trx, userSubject(id));
      await audit(trx, actor, { action: 'account.unlock', targetType: 'user', targetId: id, summary: { cleared } });
    });
  },

  async addGrant(ctx: AppContext, actor: Actor, id: number, role: Role, orgId: number) {
    assertGrantable(actor, role);
    await ctx.db.transaction().execute(async (trx) => {
      const { grants } = await manageableAccount(trx, actor, id);
      const org = await requireAccess(trx, actor, 'account.write', 'org', orgId);
      if (grants.some((g) => g.role === role && g.org_id === org.id))
        throw conflict('GRANT_EXISTS', '该账号已有此角色', 'The account already has this role here');
      const grantId = await repo.insertGrant(trx, { user_id: id, role, org_id: org.id, created_at: nowIso(), created_by: actor.userId });
      await audit(trx, actor, { action: 'account.grant', targetType: 'user', targetId: id, summary: { grantId, role, orgId: org.id } });
    });
  },

  async revokeGrant(ctx: AppContext, actor: Actor, id: number, grantId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const { grants } = await manageableAccount(trx, actor, id);
      const g = grants.find((x) => x.id === grantId);
      if (!g) throw notFound({ zh: '授权', en: 'Grant' });
      await repo.deleteGrant(trx, grantId);
      await audit(trx, actor, { action: 'account.revoke', targetType: 'user', targetId: id, summary: { grantId, role: g.role, orgId: g.org_id } });
    });
  },
};
