import { expect } from 'vitest';
import { createTestApp, type TestApp } from './setup.ts';
import { FormDataBody, type TestClient } from './client.ts';
import { createTree } from './factories.ts';
import { xlsxOf } from './xlsx-fixtures.ts';

/**
 * The world of src/pii/pii-*.test.ts: one app on a fresh database, an org admin and an inspector
 * at 红星中学团委 and a branch secretary at 高一(1)班. Each test file builds its own in its beforeAll.
 */

export const API = '/api/v1';

/** The needles a clear ID or phone leaves: the whole number and, for IDs, the 17 digits before the check character. */
export const needlesOf = (idCards: string[], phones: string[]) => [...idCards.flatMap((id) => [id, id.slice(0, 17)]), ...phones];

/** Uploads a roster (姓名, 身份证号, 手机号), runs its preview and, given a mode, commits it; returns the job. */
export async function importRoster(t: TestApp, client: TestClient, orgId: number, rows: (string | null)[][], commitMode: 'valid_only' | null) {
  const res = await client.post(
    `${API}/members/import?orgId=${orgId}`,
    new FormDataBody({ name: 'r.xlsx', content: await xlsxOf([['姓名', '身份证号', '手机号'], ...rows]) }),
  );
  expect(res.status).toBe(202);
  await t.drainJobs();
  if (commitMode) {
    expect((await client.post(`${API}/jobs/${res.body.id}/commit`, { mode: commitMode })).status).toBe(202);
    await t.drainJobs();
  }
  return (await client.get(`${API}/jobs/${res.body.id}`)).body;
}

export async function piiWorld() {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  const admin = await t.loginAs('org_admin', tree.cA1); // member.reveal
  const inspector = await t.loginAs('inspector', tree.cA1); // member.read only
  const secretary = await t.loginAs('branch_secretary', tree.bA1a); // member.reveal in the branch
  return { t, tree, admin, inspector, secretary };
}
