import { describe, expect, it } from 'vitest';
import { ageOn } from '../common/dates.ts';
import { idCardCheckChar, maskIdCard } from './idcard.ts';

/**
 * What a role without member.reveal sees of a person must never narrow their ID number below
 * 10,000 candidates (DESIGN.md, "Personal data"). The attacker here is generous to itself: it
 * knows the exact 6-digit region code (the member's own county), the gender, the age in years
 * on the day it looked, and the masked ID the roster shows. We count every 18-character ID
 * number consistent with all of that, checksum included.
 */
const TODAY = '2026-12-07';
const REGION = '320102';

function* days(fromIso: string, toIso: string) {
  for (let t = Date.parse(`${fromIso}T00:00:00Z`); t <= Date.parse(`${toIso}T00:00:00Z`); t += 86_400_000) yield new Date(t).toISOString().slice(0, 10);
}

/** Every ID number matching what is visible: region, birth dates in play, gender digit parity, the masked form. */
function candidates(visible: { masked: string; gender: 'male' | 'female'; birthDates: string[] }): number {
  const known = [...visible.masked].map((c, i) => (c === '*' ? null : { i, c }));
  let n = 0;
  for (const birth of visible.birthDates) {
    const prefix = REGION + birth.replaceAll('-', '');
    for (let seq = 0; seq < 1000; seq++) {
      const s = String(seq).padStart(3, '0');
      if ((Number(s[2]) % 2 === 1) !== (visible.gender === 'male')) continue;
      const id = prefix + s + idCardCheckChar(prefix + s);
      if (known.every((k) => !k || id[k.i] === k.c)) n++;
    }
  }
  return n;
}

const birthDatesOfAge = (age: number) => [...days(`${Number(TODAY.slice(0, 4)) - age - 1}-01-01`, TODAY)].filter((d) => ageOn(d, TODAY) === age);

describe('an ID number behind the roster mask', () => {
  const person = { id: '320102200103051238', gender: 'male' as const, birth: '2001-03-05' };

  it('keeps over 10,000 candidates when the viewer also knows the region, the gender and the age', () => {
    const age = ageOn(person.birth, TODAY);
    const n = candidates({ masked: maskIdCard(person.id), gender: person.gender, birthDates: birthDatesOfAge(age) });
    expect(n).toBeGreaterThanOrEqual(10_000);
  });

  it('holds for every check character and both genders', () => {
    const birthDates = birthDatesOfAge(25);
    for (const last of ['0', '5', 'X']) {
      for (const gender of ['male', 'female'] as const) {
        expect(candidates({ masked: `${'*'.repeat(17)}${last}`, gender, birthDates }), `${last} ${gender}`).toBeGreaterThanOrEqual(10_000);
      }
    }
  });

  it('would fall to a handful with the old mask (first 3, last 4) and the birth date beside it', () => {
    const old = person.id.slice(0, 3) + '*'.repeat(11) + person.id.slice(-4);
    expect(candidates({ masked: old, gender: person.gender, birthDates: [person.birth] })).toBeLessThan(10);
  });
});
