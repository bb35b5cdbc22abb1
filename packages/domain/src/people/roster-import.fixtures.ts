import { expect } from 'vitest';
import { makeIdCard } from './idcard.ts';
import { RosterParser, type RowOutcome } from './roster-import.ts';

/** Rows, IDs and parsers shared by the roster-import-*.test.ts files. */

export const TODAY = '2025-06-01';
export const HEADER = ['序号', '姓名', '性别', '出生日期', '身份证号', '手机号', '入团时间', '团内职务', '组织编码', '备注'];

export const MALE_ID = makeIdCard('320102', '20010305', '123'); // 17th digit 3: male
export const FEMALE_ID = makeIdCard('320102', '20010305', '124'); // 17th digit 4: female

/**
 * A person's ID and the number Excel stores when it is typed into a number cell (15 significant
 * digits, so the last three become 000), chosen so that the damaged number passes the GB 11643
 * checksum and a double holds it exactly: the case no check on the digits can catch.
 */
export function idDamagedIntoAnotherValidId(): { typed: string; stored: number } {
  for (let region = 110101; region < 110200; region++) {
    for (let first = 0; first < 10; first++) {
      const first15 = `${region}19900307${first}`;
      const stored = `${first15}000`;
      // Rounded down (16th digit below 5), valid, exact as a double.
      if (makeIdCard(String(region), '19900307', `${first}00`) !== stored || BigInt(Number(stored)) !== BigInt(stored)) continue;
      return { typed: makeIdCard(String(region), '19900307', `${first}45`), stored: Number(stored) };
    }
  }
  throw new Error('no such ID found');
}

/** A female ID (even sequence number) ending in X. */
export function idEndingInX(prefix: string, birth: string): string {
  for (let seq = 2; seq < 1000; seq += 2) {
    const id = makeIdCard(prefix, birth, String(seq).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X ID found');
}

export function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

export function toFullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** A parser that has already seen the standard header. */
export function parserWithHeader(header: unknown[] = HEADER): RosterParser {
  const p = new RosterParser({ today: TODAY });
  expect(p.feed(1, header)).toEqual({ kind: 'skipped', reason: 'header' });
  return p;
}

export type Cells = Partial<Record<(typeof HEADER)[number], unknown>>;
export function row(cells: Cells): unknown[] {
  return HEADER.map((h) => cells[h]);
}

export function parseOne(cells: Cells): Extract<RowOutcome, { kind: 'row' }> {
  const out = parserWithHeader().feed(2, row(cells));
  if (out.kind !== 'row') throw new Error(`expected a data row, got ${JSON.stringify(out)}`);
  return out;
}

export const codesOf = (o: Extract<RowOutcome, { kind: 'row' }>) => o.errors.map((e) => e.code);
