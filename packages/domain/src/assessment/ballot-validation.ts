/** Validation of the answers of one cast ballot. */
import { fieldError, type FieldError } from '../common/messages.ts';
import type { BallotScale } from './ballot-scales.ts';

export type BallotAnswers = Record<string, string | number>;

/**
 * The answers of one ballot: exactly one valid answer for every subject on the ballot, nothing else.
 * A ballot with an unanswered subject would be recognisable in the box, so none is accepted.
 */
export function validateBallot(scale: BallotScale, subjectIds: number[], answers: BallotAnswers): { value: Record<string, string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: Record<string, string> = {};
  const wanted = new Set(subjectIds.map(String));
  for (const key of Object.keys(answers)) {
    if (!wanted.has(key)) errors.push(fieldError(`answers.${key}`, 'SUBJECT_NOT_ON_BALLOT', '选票上没有这一项', 'This is not on the ballot'));
  }
  for (const id of subjectIds) {
    const raw = answers[String(id)];
    if (raw === undefined || raw === null || raw === '') {
      errors.push(fieldError(`answers.${id}`, 'ANSWER_MISSING', '请对每一位评议对象作出选择', 'Please answer for every person on the ballot'));
      continue;
    }
    const key = String(raw);
    if (!scale.options.some((o) => o.key === key)) {
      errors.push(fieldError(`answers.${id}`, 'ANSWER_INVALID', '所选选项无效', 'Not an option of this ballot'));
      continue;
    }
    value[String(id)] = key;
  }
  return { value, errors };
}
