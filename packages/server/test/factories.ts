import { randomBytes } from 'node:crypto';
import { makeIdCard, pinyinFull, pinyinInitials, type PhaseDates, type Role } from '@zx/domain';
import type { AppContext } from '../src/context.ts';
import { nowIso } from '../src/db/database.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { idCardColumns, phoneColumns } from '../src/members/pii.ts';
import { adjustMemberCounts, countOrgType } from '../src/orgs/rollup.ts';

/** The one password every factory account has (factories bypass the password policy on purpose). */
export const TEST_PASSWORD = 'Test-Passw0rd!';
let passwordHash: Promise<string> | null = null;

export interface OrgRef {
  id: number;
  path: string;
  name: string;
  code: string;
}

let codeSeq = 0;
export async function createOrg(
  ctx: AppContext,
  parent: OrgRef | null,
  typeCode: string,
  name: string,
  code = `T${++codeSeq}${randomBytes(2).toString('hex')}`,
): Promise<OrgRef> {
  const at = nowIso();
  const { id } = await ctx.db
    .insertInto('organization')
    .values({
      parent_id: parent?.id ?? null,
      path: 'pending',
      depth: parent ? parent.path.split('/').length - 2 : 0,
      type_code: typeCode,
      name,
      code,
      pinyin_initials: pinyinInitials(name),
      pinyin_full: pinyinFull(name),
      founded_on: '2015-05-04',
      responsible_person: '张三',
      contact_phone_enc: null,
      contact_phone_masked: null,
      status: 'active',
      merged_into_id: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${id}/`;
  await ctx.db.updateTable('organization').set({ path }).where('id', '=', id).execute();
  await countOrgType(ctx.db, { path, type_code: typeCode }, 1);
  return { id, path, name, code };
}

/**
 * The tree every scope test uses:
 *
 *   city 示范市团市委
 *   ├─ dA 红星区团委
 *   │  ├─ cA1 红星中学团委            ← org admin here
 *   │  │  ├─ bA1a 高一(1)班团支部      ← branch secretary here
 *   │  │  ├─ bA1b 高一(2)班团支部
 *   │  │  └─ gA1 教工团总支
 *   │  │     └─ gA1x 教工第一团支部
 *   │  └─ cA2 青山街道团工委
 *   │     └─ bA2a 青山社区团支部
 *   └─ dB 临江区团委
 *      └─ cB1 临江医院团委
 *         └─ bB1a 临江医院护理团支部
 */
export async function createTree(ctx: AppContext) {
  const city = await createOrg(ctx, null, 'city', '示范市团市委');
  const dA = await createOrg(ctx, city, 'district', '红星区团委');
  const cA1 = await createOrg(ctx, dA, 'basic_committee', '红星中学团委');
  const bA1a = await createOrg(ctx, cA1, 'branch', '高一(1)班团支部');
  const bA1b = await createOrg(ctx, cA1, 'branch', '高一(2)班团支部');
  const gA1 = await createOrg(ctx, cA1, 'general_branch', '教工团总支');
  const gA1x = await createOrg(ctx, gA1, 'branch', '教工第一团支部');
  const cA2 = await createOrg(ctx, dA, 'working_committee', '青山街道团工委');
  const bA2a = await createOrg(ctx, cA2, 'branch', '青山社区团支部');
  const dB = await createOrg(ctx, city, 'district', '临江区团委');
  const cB1 = await createOrg(ctx, dB, 'basic_committee', '临江医院团委');
  const bB1a = await createOrg(ctx, cB1, 'branch', '临江医院护理团支部');
  return { city, dA, cA1, bA1a, bA1b, gA1, gA1x, cA2, bA2a, dB, cB1, bB1a };
}
export type Tree = Awaited<ReturnType<typeof createTree>>;

let memberSeq = 0;
/** A valid synthetic ID number (region prefix 99xxxx never exists). */
export function testIdCard(birth = '20010305'): string {
  memberSeq++;
  return makeIdCard(`99${String(memberSeq % 10000).padStart(4, '0')}`, birth, String(100 + (memberSeq % 900)));
}

export async function createMember(ctx: AppContext, org: OrgRef, opts: { name?: string; idCard?: string; phone?: string | null; position?: string } = {}) {
  const idCard = opts.idCard ?? testIdCard();
  const male = Number(idCard[16]) % 2 === 1;
  const at = nowIso();
  const phone = opts.phone === undefined ? `1390000${String(++memberSeq).padStart(4, '0')}` : opts.phone;
  const { id } = await ctx.db
    .insertInto('member')
    .values({
      org_id: org.id,
      name: opts.name ?? '李明',
      gender: male ? 'male' : 'female',
      birth_date: `${idCard.slice(6, 10)}-${idCard.slice(10, 12)}-${idCard.slice(12, 14)}`,
      ...idCardColumns(ctx.cipher, idCard),
      ...phoneColumns(ctx.cipher, phone),
      joined_on: '2016-05-04',
      position: opts.position ?? 'none',
      status: 'active',
      note: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await adjustMemberCounts(ctx.db, org, 1);
  return { id, idCard, phone };
}

let userSeq = 0;
export async function createUser(ctx: AppContext, grants: { role: Role; org: OrgRef }[], opts: { username?: string; phone?: string; memberId?: number } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const at = nowIso();
  const username = opts.username ?? `user${++userSeq}${randomBytes(2).toString('hex')}`;
  const { id } = await ctx.db
    .insertInto('user_account')
    .values({
      username,
      display_name: `测试用户${userSeq}`,
      ...phoneColumns(ctx.cipher, opts.phone ?? null),
      password_hash: await passwordHash,
      member_id: opts.memberId ?? null,
      status: 'active',
      must_change_password: 0,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const g of grants) {
    await ctx.db.insertInto('role_grant').values({ user_id: id, role: g.role, org_id: g.org.id, created_at: at, created_by: null }).execute();
  }
  return { id, username };
}

/** The template's four phases over one calendar year (the dates most campaign tests launch with). */
export function yearPhases(year: number): PhaseDates[] {
  return [
    { key: 'mobilization', startsOn: `${year}-01-01`, endsOn: `${year}-02-28` },
    { key: 'implementation', startsOn: `${year}-03-01`, endsOn: `${year}-08-31` },
    { key: 'deepening', startsOn: `${year}-09-01`, endsOn: `${year}-10-31` },
    { key: 'summary', startsOn: `${year}-11-01`, endsOn: `${year}-12-31` },
  ];
}

/** The member's own account (the member role at `org`): the one they have, or a new one — one account per member. */
export async function memberAccount(ctx: AppContext, memberId: number, org: OrgRef) {
  const existing = await ctx.db.selectFrom('user_account').select(['id', 'username']).where('member_id', '=', memberId).executeTakeFirst();
  return existing ?? createUser(ctx, [{ role: 'member', org }], { memberId });
}
