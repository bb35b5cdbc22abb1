import { fieldError, type FieldError } from '../common/messages.ts';

/**
 * 检查指导: a higher unit's inspector visits a unit, writes findings, and leaves rectification
 * items (整改事项) with an owner and a due date. The unit answers each item; the inspecting side
 * closes an answered item or reopens it with a comment.
 */
export type RectificationStatus = 'open' | 'answered' | 'closed';

/** 'overdue' is not stored: an item not closed whose due date has passed. */
export type RectificationFilter = RectificationStatus | 'overdue';

export interface VisitInput {
  visitedOn: string;
  score?: number | null;
  items: { dueOn: string }[];
}

/** A visit as the inspector records it (POST /inspections): the body the web sends and the server validates. */
export interface NewInspection {
  orgId: number;
  campaignId?: number | null;
  visitedOn: string;
  findings: string;
  score?: number | null;
  items: { description: string; owner: string; dueOn: string }[];
}

/** Date rules of a visit: not in the future, every item due on or after the visit. */
export function validateVisit(v: VisitInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (v.visitedOn > today) errors.push(fieldError('visitedOn', 'VISIT_IN_FUTURE', '检查日期不能晚于今天', 'The visit date cannot be in the future'));
  if (v.score != null && (!Number.isInteger(v.score) || v.score < 0 || v.score > 100)) {
    errors.push(fieldError('score', 'SCORE_RANGE', '评分应为 0–100 的整数', 'The score must be a whole number from 0 to 100'));
  }
  v.items.forEach((item, i) => {
    if (item.dueOn < v.visitedOn)
      errors.push(fieldError(`items.${i}.dueOn`, 'DUE_BEFORE_VISIT', '整改期限不能早于检查日期', 'The due date cannot be before the visit'));
  });
  return errors;
}

export const isOverdue = (item: { status: RectificationStatus; dueOn: string }, today: string) => item.status !== 'closed' && item.dueOn < today;

/** Which transitions an item allows: the unit answers (again, until closed); the inspector closes or reopens. */
export function canTransition(from: RectificationStatus, to: 'answered' | 'closed' | 'open'): boolean {
  if (to === 'answered') return from !== 'closed';
  if (to === 'closed') return from === 'answered';
  return from !== 'open';
}
