import { BUSINESS_ROLES, ROLE_CODES, SYSTEM_ROLES, type Role } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { userSubject } from '../auth/throttle.ts';
import { throttleRepository } from '../auth/throttle-repository.ts';
import {
  accountByUsername,
  auditOperator,
  createSystemAccount,
  listSystemAccounts,
  resetPassword,
  roleNameEn,
  roleNameZh,
  setStatus,
  USERNAME_PATTERN,
  type Operator,
} from './system.ts';
import { systemAccountRepository } from './system-repository.ts';

/**
 * `npm run admin -- <command>`: the only way to change the three system accounts (三员). Every
 * command writes an audit row — actor `[cli]`, the OS user and host in the summary, the outcome —
 * also when it refuses. Business accounts and roles are managed in the app, not here.
 */

export interface CommandResult {
  /** Process exit code: 0 done, 1 refused, 64 usage error. */
  code: number;
  out: string[];
}

export const USAGE = [
  '用法 Usage: npm run admin -- <command>',
  '  list                                   列出系统账号 List the system accounts (三员)',
  '  reset-password <username>              重置密码，打印一次性密码，下次登录须修改 New one-time password, to be changed at next login',
  '  unlock <username>                      解除登录限流 Clear the login throttles',
  '  disable <username> | enable <username> 停用 / 启用 Disable / enable',
  `  create <${SYSTEM_ROLES.join('|')}> <username> [display name]`,
  '                                         新建系统账号（如替换离任的管理员）Create a system account (e.g. a replacement)',
  '业务账号和业务角色在系统中由安全管理员管理。Business accounts and roles are managed in the app by the security admin.',
];

const usage = (problem?: string): CommandResult => ({ code: 64, out: [...(problem ? [problem] : []), ...USAGE] });

const ACTION_OF: Record<string, string> = {
  'reset-password': 'account.reset_password',
  unlock: 'account.unlock',
  disable: 'account.update',
  enable: 'account.update',
};

export async function runAdminCommand(ctx: Pick<AppContext, 'db'>, argv: readonly string[], op: Operator): Promise<CommandResult> {
  const [command, ...args] = argv;
  if (!command) return usage();
  if (command === 'help' || command === '--help' || command === '-h') return { code: 0, out: USAGE };
  const root = await systemAccountRepository.rootOrganization(ctx.db);
  const refuse = async (action: string, outcome: 'denied' | 'failure', summary: Record<string, unknown>, lines: string[]): Promise<CommandResult> => {
    await auditOperator(ctx.db, op, root, { action, outcome, summary: { command, ...summary } });
    return { code: 1, out: lines };
  };

  if (command === 'list') {
    const rows = await listSystemAccounts(ctx.db);
    await auditOperator(ctx.db, op, root, { action: 'account.list', summary: { command, count: rows.length } });
    const head = ['用户名 username', '角色 role', '状态 status', '须改密码 must change', '限流至 throttled until', '最近登录 last login'];
    const table = rows.map((r) => [
      r.username,
      `${roleNameZh(r.role)} ${r.role}`,
      r.status,
      r.mustChangePassword ? 'yes' : 'no',
      r.throttledUntil ?? '-',
      r.lastLoginAt ?? '-',
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return { code: 0, out: rows.length ? [line(head), ...table.map(line)] : ['（没有系统账号）No system account.'] };
  }

  if (command in ACTION_OF) {
    const action = ACTION_OF[command];
    const [username] = args;
    if (!username || args.length > 1) return usage(`${command}: 需要一个用户名 needs one username`);
    const account = await accountByUsername(ctx.db, username);
    if (!account) {
      return refuse(action, 'failure', { username, reason: 'unknown_account' }, [`没有用户名为「${username}」的账号 No account named "${username}"`]);
    }
    if (!account.system) {
      return refuse(action, 'denied', { username, userId: account.user.id, reason: 'business_account' }, [
        `「${username}」是业务账号，请由安全管理员在系统中管理 "${username}" is a business account: the security admin manages it in the app`,
      ]);
    }
    const { user } = account;
    return ctx.db.transaction().execute(async (trx) => {
      const audit = (summary: Record<string, unknown>) =>
        auditOperator(trx, op, root, { action, targetType: 'user', targetId: user.id, summary: { command, username, ...summary } });
      if (command === 'reset-password') {
        const password = await resetPassword(trx, user.id);
        await audit({});
        return {
          code: 0,
          out: [`新的一次性密码 New one-time password for ${username}: ${password}`, '下次登录时须修改 It must be changed at the next login (shown once).'],
        };
      }
      if (command === 'unlock') {
        const cleared = await throttleRepository.clearSubject(trx, userSubject(user.id));
        await audit({ cleared });
        return { code: 0, out: [`已解除「${username}」的登录限流 Login throttles of ${username} cleared (${cleared}).`] };
      }
      const status = command === 'disable' ? 'disabled' : 'active';
      await setStatus(trx, user.id, status);
      await audit({ before: { status: user.status }, after: { status } });
      return {
        code: 0,
        out: [
          status === 'disabled'
            ? `已停用「${username}」，其会话已结束 ${username} disabled; its sessions ended.`
            : `已启用「${username}」 ${username} enabled.`,
        ],
      };
    });
  }

  if (command === 'create') {
    const [role, username, ...nameParts] = args;
    if (!role || !username) return usage('create: 需要角色和用户名 needs a role and a username');
    if (!(ROLE_CODES as readonly string[]).includes(role)) {
      return refuse('account.create', 'failure', { role, username, reason: 'unknown_role' }, [
        `没有角色「${role}」 No role "${role}" (${SYSTEM_ROLES.join(', ')})`,
      ]);
    }
    if ((BUSINESS_ROLES as readonly string[]).includes(role)) {
      return refuse('account.create', 'denied', { role, username, reason: 'business_role' }, [
        `「${roleNameZh(role as Role)}」是业务角色，请由安全管理员在系统中创建 ${roleNameEn(role as Role)} is a business role: the security admin creates such accounts in the app`,
      ]);
    }
    if (!USERNAME_PATTERN.test(username)) {
      return refuse('account.create', 'failure', { role, username: username.slice(0, 40), reason: 'invalid_username' }, [
        '用户名须以字母开头，3–32 位字母、数字、下划线、点或连字符 Username: 3–32 letters, digits, _ . -, starting with a letter',
      ]);
    }
    if (await accountByUsername(ctx.db, username)) {
      return refuse('account.create', 'failure', { role, username, reason: 'username_taken' }, [
        `用户名「${username}」已被使用 Username "${username}" is taken`,
      ]);
    }
    if (!root) {
      return refuse('account.create', 'failure', { role, username, reason: 'not_installed' }, [
        '数据库尚未初始化：请先启动一次服务器 The database is not installed yet: start the server once first',
      ]);
    }
    const displayName = (nameParts.join(' ').trim() || roleNameZh(role as Role)).slice(0, 30);
    const created = await ctx.db.transaction().execute((trx) => createSystemAccount(trx, op, root, role as Role, username, displayName));
    return {
      code: 0,
      out: [
        `已创建${created.roleZh}「${username}」 Created ${roleNameEn(role as Role)} "${username}" at ${root.name}.`,
        `一次性密码 One-time password: ${created.password}`,
        '首次登录时须修改 It must be changed at the first login (shown once).',
      ],
    };
  }

  return usage(`未知命令 Unknown command: ${command}`);
}
