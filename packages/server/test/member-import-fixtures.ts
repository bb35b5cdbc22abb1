import { expect } from 'vitest';
import { createTestApp, type TestApp } from './setup.ts';
import { FormDataBody, type TestClient } from './client.ts';
import { createTree, createUser, type OrgRef, type Tree } from './factories.ts';

/**
 * The member import's API tests (src/members/import-*.test.ts): an app with the test tree and an
 * organization admin at 红星中学团委 (cA1), the upload → preview → commit steps, and the roster
 * counts they check (members, and every organization's direct and subtree counts).
 */
export const API = '/api/v1';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function setUpImportWorld(): Promise<{ t: TestApp; tree: Tree; admin: TestClient }> {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  const adminUsername = (await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }])).username;
  const admin = t.client();
  expect((await admin.login(adminUsername)).status).toBe(200);
  return { t, tree, admin };
}

export async function upload(client: TestClient, url: string, content: Buffer, name = '花名册.xlsx', fields: Record<string, string> = {}) {
  return client.post(url, new FormDataBody({ name, content }, fields));
}

export const ancestorsAndSelf = (org: OrgRef) => org.path.split('/').filter(Boolean).map(Number);

/** The steps and counts on the app `app()` returns (set up in the test file's beforeAll). */
export function importSteps(app: () => TestApp) {
  /** Uploads, runs the preview job and returns the finished job. */
  async function preview(client: TestClient, orgId: number, content: Buffer) {
    const res = await upload(client, `${API}/members/import?orgId=${orgId}`, content);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ kind: 'member_import', status: 'queued', phase: 'preview' });
    await app().drainJobs();
    const job = await client.get(`${API}/jobs/${res.body.id}`);
    expect(job.status).toBe(200);
    return job.body;
  }

  async function commit(client: TestClient, jobId: number, mode: 'all' | 'valid_only') {
    const res = await client.post(`${API}/jobs/${jobId}/commit`, { mode });
    if (res.status !== 202) return res;
    await app().drainJobs();
    return { ...res, job: (await client.get(`${API}/jobs/${jobId}`)).body };
  }

  async function issuesOf(client: TestClient, jobId: number) {
    const res = await client.get(`${API}/jobs/${jobId}/issues?pageSize=200`);
    expect(res.status).toBe(200);
    return res.body as { items: { rowNumber: number; field: string; code: string; message: string; messages: { zh: string; en: string } }[]; total: number };
  }

  const memberCount = async () =>
    Number(
      (
        await app()
          .ctx.db.selectFrom('member')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function orgCounts() {
    const rows = await app().ctx.db.selectFrom('organization').select(['id', 'direct_member_count', 'subtree_member_count']).execute();
    return new Map(rows.map((r) => [r.id, { direct: Number(r.direct_member_count), subtree: Number(r.subtree_member_count) }]));
  }

  /** Every organization's counts changed by exactly `direct` / `subtree` (org id → delta), all others unchanged. */
  async function expectCountDeltas(before: Map<number, { direct: number; subtree: number }>, direct: Record<number, number>, subtree: Record<number, number>) {
    const after = await orgCounts();
    for (const [id, b] of before) {
      const a = after.get(id)!;
      expect({ id, direct: a.direct - b.direct, subtree: a.subtree - b.subtree }).toEqual({ id, direct: direct[id] ?? 0, subtree: subtree[id] ?? 0 });
    }
  }

  const hashExists = async (idCard: string) =>
    !!(await app().ctx.db.selectFrom('member').select('id').where('id_card_hash', '=', app().ctx.cipher.hash(idCard)).executeTakeFirst());

  return { preview, commit, issuesOf, memberCount, orgCounts, expectCountDeltas, hashExists };
}
