import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import type { TestClient } from '../../test/client.ts';
import { createMember, createTree, createUser, type Tree } from '../../test/factories.ts';
import { ID_FAILURES, REQUESTS_PER_MINUTE } from './redeem.ts';

/**
 * Member account activation (docs/activation.md): the secretary's one step, the member's code,
 * self-activation with name + ID + mobile, and the abuse cases beside each.
 */
let t: TestApp;
let tree: Tree;
let secretary: TestClient;
let siblingSecretary: TestClient;
const API = '/api/v1';
const PASSWORD = 'Hongqi-2026-Tuanyuan!';
let ipSeq = 0;

/** A browser with no session, at its own address (the throttles count per address). */
async function anon() {
  const c = t.client(`10.70.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`);
  await c.get(`${API}/auth/csrf`);
  return c;
}

const audits = (action: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
const accountOf = (memberId: number) => t.ctx.db.selectFrom('user_account').selectAll().where('member_id', '=', memberId).executeTakeFirst();
const codesOf = (memberId: number) => t.ctx.db.selectFrom('activation_code').selectAll().where('member_id', '=', memberId).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  siblingSecretary = await t.loginAs('branch_secretary', tree.bA1b);
});
afterAll(() => t?.close());

describe("the secretary's one step", () => {
  it('issues a code for every active member without an account, and the sheet shows name, masked ID, code and link', async () => {
    const org = await t.ctx.db.selectFrom('organization').select(['id', 'path', 'name', 'code']).where('id', '=', tree.bA1a.id).executeTakeFirstOrThrow();
    const a = await createMember(t.ctx, org, { name: '王芳' });
    const b = await createMember(t.ctx, org, { name: '赵磊' });
    const withAccount = await createMember(t.ctx, org, { name: '孙强' });
    await createUser(t.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: withAccount.id });
    const res = await secretary.post(`${API}/activation/codes`, { orgId: tree.bA1a.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const cards = res.body.cards as Array<{ memberId: number; name: string; idCardMasked: string; code: string; link: string }>;
    expect(cards.map((c) => c.memberId)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(cards.map((c) => c.memberId)).not.toContain(withAccount.id);
    expect(res.body.skipped).toBeGreaterThanOrEqual(1);
    const card = cards.find((c) => c.memberId === a.id)!;
    expect(card.name).toBe('王芳');
    expect(card.idCardMasked).not.toBe(a.idCard);
    expect(card.idCardMasked).toContain('*');
    expect(card.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(card.link).toBe(`/activate?code=${card.code}`);
    // The database keeps only a hash: the code itself is nowhere in it.
    const stored = await codesOf(a.id);
    expect(JSON.stringify(stored)).not.toContain(card.code.replace(/-/g, ''));
    expect((await audits('activation.issue')).at(-1)).toMatchObject({ outcome: 'success', target_id: String(tree.bA1a.id) });
    // The roster shows who is pending and who has an account.
    const roster = await secretary.get(`${API}/activation/unit?orgId=${tree.bA1a.id}`);
    expect(roster.status).toBe(200);
    const state = (id: number) => roster.body.members.find((m: { memberId: number }) => m.memberId === id).state;
    expect([state(a.id), state(b.id), state(withAccount.id)]).toEqual(['pending', 'pending', 'active']);
  });

  it('refuses a member of another branch in the body, and a sibling branch secretary, and leaves no code', async () => {
    const foreign = await createMember(t.ctx, tree.bA1b, { name: '外支部' });
    const res = await secretary.post(`${API}/activation/codes`, { orgId: tree.bA1a.id, memberIds: [foreign.id] });
    expect(res.status).toBe(404);
    expect(res.body.errors[0].field).toBe('memberIds.0');
    expect(await codesOf(foreign.id)).toEqual([]);
    const sibling = await siblingSecretary.post(`${API}/activation/codes`, { orgId: tree.bA1a.id });
    expect(sibling.status).toBe(404);
    expect((await siblingSecretary.get(`${API}/activation/unit?orgId=${tree.bA1a.id}`)).status).toBe(404);
    // A member of the unit below the committee named with the committee's orgId: not a member of that unit.
    const admin = await t.loginAs('org_admin', tree.cA1);
    const notDirect = await admin.post(`${API}/activation/codes`, { orgId: tree.cA1.id, memberIds: [foreign.id] });
    expect(notDirect.status).toBe(422);
    expect(notDirect.body.errors[0]).toMatchObject({ field: 'memberIds.0', code: 'MEMBER_NOT_IN_UNIT' });
    expect(await codesOf(foreign.id)).toEqual([]);
  });

  it('is refused to a plain member (403) and to nobody signed in (401)', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const member = await t.loginAs('member', tree.bA1a, { memberId: m.id });
    expect((await member.post(`${API}/activation/codes`, { orgId: tree.bA1a.id })).status).toBe(403);
    expect((await (await anon()).post(`${API}/activation/codes`, { orgId: tree.bA1a.id })).status).toBe(401);
  });
});

describe('redeeming a code', () => {
  async function issue(memberId: number) {
    const res = await secretary.post(`${API}/activation/codes`, { orgId: tree.bA1a.id, memberIds: [memberId] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.cards[0].code as string;
  }

  it('makes the member-role account at the member’s unit, linked to them, and signs the member in', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { name: '周婷' });
    const code = await issue(m.id);
    const phone = await anon();
    // Typed loosely: lower case, no dashes.
    const res = await phone.post(`${API}/activation/redeem`, { code: code.replace(/-/g, '').toLowerCase(), password: PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.user).toMatchObject({ memberId: m.id, displayName: '周婷', mustChangePassword: false });
    expect(res.body.grant).toMatchObject({ role: 'member', orgId: tree.bA1a.id });
    expect((await phone.get(`${API}/auth/me`)).status).toBe(200);
    expect((await phone.get(`${API}/home`)).status).toBe(200);
    const account = await accountOf(m.id);
    expect(account?.status).toBe('active');
    // The member logs in again with the password they chose, by username or by their mobile.
    const again = await anon();
    expect((await again.login(account!.username, PASSWORD)).status).toBe(200);
    expect((await (await anon()).login(m.phone!, PASSWORD)).status).toBe(200);
    expect((await audits('activation.redeem')).at(-1)).toMatchObject({ outcome: 'success', user_id: account!.id, target_id: String(m.id) });
    // The secretary never sees the password: nothing but its hash is stored, and the audit row holds no secret.
    expect(JSON.stringify(await audits('activation.redeem'))).not.toContain(PASSWORD);
  });

  it('is single use: the second redemption of the same code is refused', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const code = await issue(m.id);
    expect((await (await anon()).post(`${API}/activation/redeem`, { code, password: PASSWORD })).status).toBe(200);
    const second = await (await anon()).post(`${API}/activation/redeem`, { code, password: PASSWORD });
    expect(second.status).toBe(400);
    expect(second.body.code).toBe('ACTIVATION_CODE_INVALID');
  });

  it('re-issuing invalidates the earlier code; revoking ends the code', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const first = await issue(m.id);
    const second = await issue(m.id);
    expect(first).not.toBe(second);
    const old = await (await anon()).post(`${API}/activation/redeem`, { code: first, password: PASSWORD });
    expect(old.body.code).toBe('ACTIVATION_CODE_INVALID');
    expect((await secretary.post(`${API}/activation/revoke`, { memberId: m.id })).status).toBe(200);
    expect((await (await anon()).post(`${API}/activation/redeem`, { code: second, password: PASSWORD })).body.code).toBe('ACTIVATION_CODE_INVALID');
    expect(await accountOf(m.id)).toBeUndefined();
    expect((await audits('activation.revoke')).at(-1)).toMatchObject({ target_id: String(m.id) });
    // A sibling branch's secretary cannot revoke it (and a second revoke finds no live code).
    const third = await issue(m.id);
    expect((await siblingSecretary.post(`${API}/activation/revoke`, { memberId: m.id })).status).toBe(404);
    expect((await (await anon()).post(`${API}/activation/redeem`, { code: third, password: PASSWORD })).status).toBe(200);
  });

  it('refuses an expired code', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const code = await issue(m.id);
    await t.ctx.db.updateTable('activation_code').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('member_id', '=', m.id).execute();
    const res = await (await anon()).post(`${API}/activation/redeem`, { code, password: PASSWORD });
    expect(res.body.code).toBe('ACTIVATION_CODE_INVALID');
    expect((await audits('activation.redeem')).at(-1)).toMatchObject({ outcome: 'failure' });
    expect(JSON.parse((await audits('activation.redeem')).at(-1)!.summary!)).toMatchObject({ reason: 'expired' });
  });

  it('refuses a weak password on its field and keeps the code usable', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const code = await issue(m.id);
    const weak = await (await anon()).post(`${API}/activation/redeem`, { code, password: '123' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].field).toBe('password');
    expect(await accountOf(m.id)).toBeUndefined();
    expect((await (await anon()).post(`${API}/activation/redeem`, { code, password: PASSWORD })).status).toBe(200);
  });

  it('refuses a member who has an account by now (log in or reset instead)', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const code = await issue(m.id);
    await createUser(t.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: m.id });
    const res = await (await anon()).post(`${API}/activation/redeem`, { code, password: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MEMBER_HAS_ACCOUNT');
  });

  it('caps attempts per address per minute', async () => {
    const c = await anon();
    // The window is a calendar minute: the requests may straddle two, so send until refused (at most two windows' worth).
    const statuses: number[] = [];
    while (statuses.length < 2 * (REQUESTS_PER_MINUTE + 1) && statuses.at(-1) !== 429) {
      statuses.push((await c.post(`${API}/activation/redeem`, { code: `AAAA-BBBB-CCCC-DDD${statuses.length % 10}`, password: PASSWORD })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, REQUESTS_PER_MINUTE)).toEqual(Array(REQUESTS_PER_MINUTE).fill(400));
    expect((await audits('activation.redeem')).at(-1)).toMatchObject({ outcome: 'denied' });
  });
});

describe('self-activation with name, ID number and mobile', () => {
  it('activates the one active member who matches all three and signs them in', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { name: '钱多多' });
    const res = await (await anon()).post(`${API}/activation/self`, { name: ' 钱多多 ', idCard: m.idCard.toLowerCase(), phone: m.phone, password: PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.user.memberId).toBe(m.id);
    expect(res.body.grant).toMatchObject({ role: 'member', orgId: tree.bA1a.id });
    expect((await audits('activation.self')).at(-1)).toMatchObject({ outcome: 'success', target_id: String(m.id) });
    // Now the account exists: a second self-activation is refused (log in instead).
    const again = await (await anon()).post(`${API}/activation/self`, { name: '钱多多', idCard: m.idCard, phone: m.phone, password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MEMBER_HAS_ACCOUNT');
  });

  it('answers the same generic error whichever field is wrong, and audits each failure without the ID in clear', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { name: '孙悟' });
    const other = await createMember(t.ctx, tree.bA1a, { name: '猪八' });
    const tries = [
      { name: '孙小悟', idCard: m.idCard, phone: m.phone },
      { name: '孙悟', idCard: other.idCard, phone: m.phone },
      { name: '孙悟', idCard: m.idCard, phone: other.phone },
      { name: '不存在', idCard: '110101199003074514', phone: '13800000000' },
    ];
    const answers = [];
    for (const x of tries) {
      const res = await (await anon()).post(`${API}/activation/self`, { ...x, password: PASSWORD });
      answers.push({ status: res.status, code: res.body.code, title: res.body.title, detail: res.body.detail, errors: res.body.errors });
    }
    expect(answers[0]).toMatchObject({ status: 400, code: 'ACTIVATION_NO_MATCH' });
    for (const a of answers) expect(a).toEqual(answers[0]);
    const failures = (await audits('activation.self')).filter((r) => r.outcome === 'failure');
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(failures)).not.toContain(m.idCard);
    expect(await accountOf(m.id)).toBeUndefined();
  });

  it('throttles an ID number after repeated failures from many addresses, even with the right details, and audits it', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { name: '李四' });
    for (let i = 0; i < ID_FAILURES; i++) {
      const res = await (await anon()).post(`${API}/activation/self`, { name: `李${i}`, idCard: m.idCard, phone: m.phone, password: PASSWORD });
      expect(res.body.code).toBe('ACTIVATION_NO_MATCH');
    }
    const right = await (await anon()).post(`${API}/activation/self`, { name: '李四', idCard: m.idCard, phone: m.phone, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('ACTIVATION_THROTTLED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(await accountOf(m.id)).toBeUndefined();
    const throttle = (await audits('activation.throttle')).at(-1)!;
    expect(JSON.parse(throttle.summary!)).toMatchObject({ scope: 'id_number', failures: ID_FAILURES });
    expect((await audits('activation.self')).at(-1)).toMatchObject({ outcome: 'denied' });
  });
});
