import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../web/src/app/i18n/zh-CN.ts';
import { enUS } from '../../../web/src/app/i18n/en-US.ts';
import { NOTICE_AUDIENCE } from '../inbox/audiences.ts';
import { SERVER_SRC, sourceFiles } from '../../test/source-files.ts';

/**
 * The audit log and the inbox show codes from the server as words. A code without a label shows
 * raw to a League secretary ("honour.finalize"), so every code the server writes must have a
 * label in both languages.
 */
const SRC = SERVER_SRC;
const sources = sourceFiles;

/** Files where `action:` names a permission, not an audit action: the access rules, notice audiences, migrations. */
const NOT_AUDIT = [path.join(SRC, 'access') + path.sep, path.join(SRC, 'inbox', 'audiences.ts'), path.join(SRC, 'db', 'migrations') + path.sep];

/** Every `x.y` string literal in the expression after `action:` (ternaries included). */
function auditActions(): string[] {
  const found = new Set<string>();
  for (const file of sources(SRC).filter((f) => !NOT_AUDIT.some((n) => f.startsWith(n)))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\baction:\s*([^,}\n]+)/g)) {
      for (const lit of m[1].matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.add(lit[1]);
    }
  }
  return [...found].sort();
}

const notificationKinds = () => Object.keys(NOTICE_AUDIENCE).sort();

const label = (tree: unknown, keyPath: string[]) =>
  keyPath.reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), tree);

describe('labels for codes the server writes', () => {
  it('finds the codes (the scan itself works)', () => {
    expect(auditActions()).toEqual(expect.arrayContaining(['auth.login', 'plan.approve', 'plan.return', 'vote.cast']));
    expect(notificationKinds()).toEqual(expect.arrayContaining(['plan_returned', 'vote_opened']));
  });

  it('every audit action has a zh-CN and an en-US label', () => {
    const missing = auditActions().filter(
      (a) => typeof label(zhCN.auditAction, a.split('.')) !== 'string' || typeof label(enUS.auditAction, a.split('.')) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it('every inbox notice kind has a zh-CN and an en-US label', () => {
    const missing = notificationKinds().filter((k) => typeof label(zhCN.inbox.kind, [k]) !== 'string' || typeof label(enUS.inbox.kind, [k]) !== 'string');
    expect(missing).toEqual([]);
  });
});
