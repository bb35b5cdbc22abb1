import { fieldError, type FieldError, type Result } from '../common/messages.ts';

/**
 * A notice's awareness quiz (知晓率测试): single or multiple choice questions with 2–6 options,
 * the correct option indexes, and a pass mark — a count of correct answers or a percentage.
 * The server grades; the client never receives `correct` before the member has passed or used
 * every attempt.
 */
export interface QuizQuestion {
  text: string;
  kind: 'single' | 'multiple';
  options: string[];
  /** Indexes into `options`: exactly one for 'single', one or more for 'multiple'. */
  correct: number[];
}
export interface PassMark {
  kind: 'count' | 'percent';
  value: number;
}
export interface Quiz {
  questions: QuizQuestion[];
  passMark: PassMark;
}
/** A member's answers: per question index, the chosen option indexes. */
export type QuizAnswers = Record<string, number[]>;

export const QUIZ_MAX_QUESTIONS = 20;
export const QUIZ_MIN_OPTIONS = 2;
export const QUIZ_MAX_OPTIONS = 6;

/** Checks a quiz as a sender wrote it; field names are relative to `prefix` ('quiz'). */
export function validateQuiz(quiz: Quiz, prefix = 'quiz'): Result<Quiz> {
  const errors: FieldError[] = [];
  const qs = quiz.questions;
  if (!qs.length || qs.length > QUIZ_MAX_QUESTIONS)
    errors.push(fieldError(`${prefix}.questions`, 'QUIZ_QUESTIONS', `测试题须为 1–${QUIZ_MAX_QUESTIONS} 道`, `A quiz has 1–${QUIZ_MAX_QUESTIONS} questions`));
  qs.forEach((q, i) => {
    const at = `${prefix}.questions.${i}`;
    if (!q.text.trim()) errors.push(fieldError(`${at}.text`, 'FIELD_REQUIRED', '请填写题目', 'Write the question'));
    if (q.options.length < QUIZ_MIN_OPTIONS || q.options.length > QUIZ_MAX_OPTIONS)
      errors.push(
        fieldError(
          `${at}.options`,
          'QUIZ_OPTIONS',
          `每题须有 ${QUIZ_MIN_OPTIONS}–${QUIZ_MAX_OPTIONS} 个选项`,
          `Each question has ${QUIZ_MIN_OPTIONS}–${QUIZ_MAX_OPTIONS} options`,
        ),
      );
    q.options.forEach((o, j) => {
      if (!o.trim()) errors.push(fieldError(`${at}.options.${j}`, 'FIELD_REQUIRED', '选项不能为空', 'An option cannot be empty'));
    });
    const correct = [...new Set(q.correct)];
    const inRange = correct.every((c) => Number.isInteger(c) && c >= 0 && c < q.options.length);
    if (!inRange || !correct.length || correct.length !== q.correct.length || (q.kind === 'single' && correct.length !== 1))
      errors.push(
        fieldError(
          `${at}.correct`,
          'QUIZ_CORRECT',
          q.kind === 'single' ? '单选题须指定一个正确选项' : '多选题须指定至少一个正确选项（不重复）',
          q.kind === 'single'
            ? 'A single choice question has exactly one correct option'
            : 'A multiple choice question has one or more distinct correct options',
        ),
      );
  });
  const { kind, value } = quiz.passMark;
  const markOk = kind === 'percent' ? Number.isInteger(value) && value >= 1 && value <= 100 : Number.isInteger(value) && value >= 1 && value <= qs.length;
  if (!markOk)
    errors.push(
      fieldError(
        `${prefix}.passMark.value`,
        'QUIZ_PASS_MARK',
        kind === 'percent' ? '及格线应为 1–100 的百分数' : '及格题数应在 1 到题目总数之间',
        kind === 'percent' ? 'The pass mark is a percentage from 1 to 100' : 'The pass mark is between 1 and the number of questions',
      ),
    );
  return errors.length ? { ok: false, errors } : { ok: true, value: quiz };
}

/** The number of correct answers needed to pass. */
export function passingScore(quiz: Quiz): number {
  const total = quiz.questions.length;
  return quiz.passMark.kind === 'count' ? quiz.passMark.value : Math.ceil((quiz.passMark.value * total) / 100);
}

/**
 * Grades answers: a question counts only when the chosen set is exactly the correct set (a
 * multiple choice with one option missing or one too many is wrong); unknown question indexes
 * and out-of-range options are ignored, a missing answer is wrong.
 */
export function gradeQuiz(quiz: Quiz, answers: QuizAnswers): { score: number; total: number; passed: boolean } {
  let score = 0;
  quiz.questions.forEach((q, i) => {
    const chosen = [...new Set(answers[String(i)] ?? [])].sort((a, b) => a - b);
    const correct = [...q.correct].sort((a, b) => a - b);
    if (chosen.length === correct.length && chosen.every((c, k) => c === correct[k])) score++;
  });
  return { score, total: quiz.questions.length, passed: score >= passingScore(quiz) };
}

/** The quiz as a member sees it before passing: the questions and options, never the answers. */
export const quizForMember = (quiz: Quiz) => ({
  questions: quiz.questions.map((q) => ({ text: q.text, kind: q.kind, options: q.options })),
  passingScore: passingScore(quiz),
});

/** A pledge (岗位承诺): the member's post and the promise, bounded. */
export const PLEDGE_POST_MAX = 60;
export const PLEDGE_TEXT_MAX = 500;
