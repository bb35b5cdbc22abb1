import { describe, expect, it } from 'vitest';
import { canTransition, isOverdue, validateVisit } from './rectification.ts';

describe('inspection visits', () => {
  it('accepts a visit today with items due on or after it', () => {
    expect(validateVisit({ visitedOn: '2026-05-10', score: 85, items: [{ dueOn: '2026-05-10' }, { dueOn: '2026-06-30' }] }, '2026-05-10')).toEqual([]);
  });

  it('refuses a visit in the future, a score outside 0–100 and an item due before the visit, each on its field', () => {
    const errors = validateVisit({ visitedOn: '2026-05-11', score: 101, items: [{ dueOn: '2026-06-01' }, { dueOn: '2026-05-01' }] }, '2026-05-10');
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['visitedOn', 'VISIT_IN_FUTURE'],
      ['score', 'SCORE_RANGE'],
      ['items.1.dueOn', 'DUE_BEFORE_VISIT'],
    ]);
    expect(errors[2].message.zh).toBe('整改期限不能早于检查日期');
  });
});

describe('rectification items', () => {
  it('is overdue when not closed and its due date has passed', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-05-09' }, '2026-05-10')).toBe(true);
    expect(isOverdue({ status: 'answered', dueOn: '2026-05-09' }, '2026-05-10')).toBe(true);
    expect(isOverdue({ status: 'open', dueOn: '2026-05-10' }, '2026-05-10')).toBe(false);
    expect(isOverdue({ status: 'closed', dueOn: '2026-05-01' }, '2026-05-10')).toBe(false);
  });

  it('closes only answered items and reopens answered or closed ones', () => {
    expect(canTransition('open', 'closed')).toBe(false);
    expect(canTransition('answered', 'closed')).toBe(true);
    expect(canTransition('closed', 'answered')).toBe(false);
    expect(canTransition('answered', 'answered')).toBe(true);
    expect(canTransition('open', 'open')).toBe(false);
    expect(canTransition('closed', 'open')).toBe(true);
  });
});
