import { describe, expect, it } from 'vitest';
import { gradeQuiz, passingScore, quizForMember, validateQuiz, type Quiz } from './quiz.ts';

const quiz: Quiz = {
  questions: [
    { text: '双争先指什么', kind: 'single', options: ['争创先进集体、争当先进个人', '争先恐后'], correct: [0] },
    { text: '五四红旗团组织包括', kind: 'multiple', options: ['红旗团委', '红旗团支部', '红旗食堂'], correct: [0, 1] },
    { text: '活动分几个阶段', kind: 'single', options: ['二', '三', '四'], correct: [2] },
  ],
  passMark: { kind: 'count', value: 2 },
};

describe('notice quiz', () => {
  it('passes with the pass mark of exactly correct answers', () => {
    expect(gradeQuiz(quiz, { '0': [0], '1': [1, 0], '2': [1] })).toEqual({ score: 2, total: 3, passed: true });
  });
  it('counts a multiple choice only when the chosen set is exactly the correct set', () => {
    expect(gradeQuiz(quiz, { '0': [0], '1': [0] }).score).toBe(1);
    expect(gradeQuiz(quiz, { '0': [0], '1': [0, 1, 2] }).score).toBe(1);
    expect(gradeQuiz(quiz, { '0': [0], '1': [0, 1] }).passed).toBe(true);
  });
  it('does not pass on wrong or missing answers', () => {
    expect(gradeQuiz(quiz, { '0': [1], '2': [0] })).toEqual({ score: 0, total: 3, passed: false });
    expect(gradeQuiz(quiz, {}).passed).toBe(false);
  });
  it('rounds a percentage pass mark up', () => {
    expect(passingScore({ ...quiz, passMark: { kind: 'percent', value: 60 } })).toBe(2);
    expect(passingScore({ ...quiz, passMark: { kind: 'percent', value: 100 } })).toBe(3);
  });
  it('never gives the member the correct options', () => {
    expect(JSON.stringify(quizForMember(quiz))).not.toContain('correct');
  });
  it('refuses too few options, a single choice with two answers and a pass mark above the questions', () => {
    const bad = validateQuiz({
      questions: [
        { text: 'q', kind: 'single', options: ['a'], correct: [0] },
        { text: 'q', kind: 'single', options: ['a', 'b'], correct: [0, 1] },
      ],
      passMark: { kind: 'count', value: 3 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.code)).toEqual(['QUIZ_OPTIONS', 'QUIZ_CORRECT', 'QUIZ_PASS_MARK']);
    expect(validateQuiz(quiz).ok).toBe(true);
  });
});
