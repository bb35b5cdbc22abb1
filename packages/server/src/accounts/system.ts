import os from 'node:os';
import { DEFAULT_ORG_TYPES, generatePassword, isSystemRole, ROLES, type Role } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import { hashPassword } from '../auth/passwords.ts';
import { authRepository } from '../auth/repository.ts';
import { userSubject } from '../auth/throttle.ts';
import { deviceRepository, throttleRepository } from '../auth/throttle-repository.ts';
import { auditAnonymous, type AuditEntry } from '../audit/service.ts';
import { countOrgType } from '../orgs/rollup.ts';
import { accountRepository } from './repository.ts';
import { systemAccountRepository as repo, type RootOrg } from './system-repository.ts';

/**
 * The three system accounts (三员: 系统管理员, 安全管理员, 审计管理员). They are created at install —
 * the first start of a database without any of them, demo city or not — with generated passwords
 * printed once and a forced change at first login, and afterwards changed only from the server's
 * command line (`npm run admin`, accounts/admin-cli.ts): the API refuses every change to an
 * account holding a system role (accounts/policy.ts), and nobody grants one through it.
 */

/** Same rule as the API's account form. */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/;

export interface SystemAccount {
  username: string;
  password: string;
  role: Role;
  roleZh: string;
  orgName: string;
}

const INSTALL_PLAN: ReadonlyArray<{ username: string; role: Role }> = [
  { username: 'sysadmin', role: 'system_admin' },
  { username: 'secadmin', role: 'security_admin' },
  { username: 'auditadmin', role: 'audit_admin' },
];

export const roleNameZh = (role: Role) => ROLES.find((r) => r.code === role)!.nameZh;
export const roleNameEn = (role: Role) => ROLES.find((r) => r.code === role)!.nameEn;

/** Who wrote an audit row outside any session: the installer or the command line, with the OS user. */
export interface Operator {
  /** '[install]' or '[cli]': brackets keep it apart from every account name (usernames are letters, digits, _ . -). */
  name: '[install]' | '[cli]';
  osUser: string;
  host: string;
}

/** The installer or the command line, run by the current OS account. */
export function operator(name: Operator['name']): Operator {
  let osUser: string;
  try {
    osUser = os.userInfo().username;
  } catch {
    osUser = process.env.USER ?? process.env.LOGNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
  return { name, osUser, host: os.hostname() };
}

/**
 * The root organization, created when the database has none (a first start without the demo
 * city): the system accounts need an organization to hold their grants, and the security admin
 * grants the first organization admin there.
 */
async function ensureRootOrganization(ex: Executor, name: string): Promise<RootOrg & { created: boolean }> {
  const existing = await repo.rootOrganization(ex);
  if (existing) return { ...existing, created: false };
  const typeCode = (await repo.topOrgTypeCode(ex)) ?? DEFAULT_ORG_TYPES[0].code;
  const code = (await repo.orgCodeTaken(ex, 'C')) ? `ROOT${Date.now()}` : 'C';
  const { id, path } = await repo.insertRootOrganization(ex, { name, code, typeCode, at: nowIso() });
  await countOrgType(ex, { path, type_code: typeCode }, 1);
  return { id, path, name, created: true };
}

async function unusedUsername(ex: Executor, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!(await accountRepository.usernameTaken(ex, candidate))) return candidate;
  }
}

/** An audit row written by the installer or the command line, at the root organization. */
export async function auditOperator(ex: Executor, op: Operator, root: RootOrg | undefined, entry: AuditEntry): Promise<void> {
  await auditAnonymous(ex, {
    ...entry,
    username: op.name,
    role: null,
    orgId: root?.id ?? null,
    orgPath: root?.path ?? null,
    ip: null,
    summary: { via: op.name === '[cli]' ? 'cli' : 'install', osUser: op.osUser, host: op.host, ...entry.summary },
  });
}

/** A new account holding one system role at the root, with a generated one-time password. */
export async function createSystemAccount(
  ex: Executor,
  op: Operator,
  root: RootOrg,
  role: Role,
  username: string,
  displayName: string,
): Promise<SystemAccount> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  const at = nowIso();
  const id = await accountRepository.insert(ex, {
    username,
    display_name: displayName,
    phone_enc: null,
    phone_hash: null,
    phone_masked: null,
    password_hash: hash,
    member_id: null,
    status: 'active',
    must_change_password: 1,
    password_changed_at: at,
    created_at: at,
    updated_at: at,
  });
  await accountRepository.insertGrant(ex, { user_id: id, role, org_id: root.id, created_at: at, created_by: null });
  await auditOperator(ex, op, root, { action: 'account.create', targetType: 'user', targetId: id, summary: { username, role, orgId: root.id } });
  return { username, password, role, roleZh: roleNameZh(role), orgName: root.name };
}

/**
 * At install: the three system accounts at the root organization (created when missing), each with
 * a password printed once and to be changed at first login. Null when a system account already exists.
 */
export async function installSystemAccounts(ctx: Pick<AppContext, 'db'>, op: Operator, opts: { rootOrgName?: string } = {}): Promise<SystemAccount[] | null> {
  if (await repo.systemGrantExists(ctx.db)) return null;
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.systemGrantExists(trx)) return null; // another instance installed them meanwhile
    const root = await ensureRootOrganization(trx, opts.rootOrgName ?? '团市委');
    if (root.created) {
      await auditOperator(trx, op, root, { action: 'org.create', targetType: 'organization', targetId: root.id, summary: { name: root.name, root: true } });
    }
    const accounts: SystemAccount[] = [];
    for (const p of INSTALL_PLAN) {
      const username = await unusedUsername(trx, p.username);
      accounts.push(await createSystemAccount(trx, op, root, p.role, username, roleNameZh(p.role)));
    }
    return accounts;
  });
}

/** Lines for the console: one account a line, the password shown once. */
export function accountLines(accounts: ReadonlyArray<{ username: string; password: string; roleZh: string; orgName: string }>): string[] {
  return accounts.map((a) => `  ${a.roleZh.padEnd(8, '　')} ${a.username.padEnd(18)} ${a.password}   (${a.orgName})`);
}

/** The account with this username and its grants, with whether it holds a system role. */
export async function accountByUsername(ex: Executor, username: string) {
  const user = await authRepository.findUserByUsername(ex, username);
  if (!user) return null;
  const grants = await repo.grantsOf(ex, user.id);
  return { user, grants, system: grants.some((g) => isSystemRole(g.role)) };
}

/** Every account holding a system role, with what the command line lists. */
export async function listSystemAccounts(ex: Executor) {
  const rows = await repo.systemAccounts(ex);
  const throttled = await throttleRepository.accountThrottles(
    ex,
    rows.map((r) => r.id),
    nowIso(),
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    status: r.status,
    mustChangePassword: r.must_change_password === 1,
    lastLoginAt: r.last_login_at,
    throttledUntil: throttled.get(r.id) ?? null,
  }));
}

/** A new one-time password; sessions end, trusted devices and throttles go, the next login must change it. */
export async function resetPassword(ex: Executor, userId: number): Promise<string> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  const at = nowIso();
  await accountRepository.update(ex, userId, { password_hash: hash, must_change_password: 1, password_changed_at: at, updated_at: at });
  await authRepository.deleteSessionsOf(ex, userId);
  await deviceRepository.revokeAllOf(ex, userId);
  await throttleRepository.clearSubject(ex, userSubject(userId));
  return password;
}

export async function setStatus(ex: Executor, userId: number, status: 'active' | 'disabled'): Promise<void> {
  await accountRepository.update(ex, userId, { status, updated_at: nowIso() });
  if (status === 'disabled') {
    await authRepository.deleteSessionsOf(ex, userId);
    await deviceRepository.revokeAllOf(ex, userId);
  }
}
