import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useNoticeReply, type MyNoticeDetail, type QuizResult } from './api.ts';

type MemberQuiz = NonNullable<MyNoticeDetail['quiz']>;

/** The quiz on the member's phone: one card per question, graded by the server; the answers are shown only after passing or the last attempt. */
export function QuizForm({ notice, quiz }: { notice: MyNoticeDetail; quiz: MemberQuiz }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { answer } = useNoticeReply(notice.id);
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [result, setResult] = useState<QuizResult | null>(null);
  const finished = notice.passed || quiz.review != null;
  const left = quiz.maxAttempts == null ? null : quiz.maxAttempts - quiz.attempts;
  const complete = quiz.questions.every((_, i) => (answers[String(i)] ?? []).length > 0);

  const submit = () =>
    answer.mutate(answers, {
      onSuccess: (r) => {
        setResult(r);
        if (!r.passed) setAnswers({});
      },
      onError: (e) => message.error(errorText(e, i18n.language)),
    });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="quiz">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('notices.quiz.title')}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t('notices.quiz.rule', { n: quiz.passingScore, total: quiz.questions.length })}
        {left != null && !finished && ` · ${t('notices.quiz.left', { n: left })}`}
      </Typography.Text>
      {result && (
        <Alert
          data-testid="quiz-result"
          type={result.passed ? 'success' : 'warning'}
          showIcon
          message={t(result.passed ? 'notices.quiz.passed' : 'notices.quiz.failed', { score: result.score, total: result.total })}
        />
      )}
      {!result && notice.passed && (
        <Alert type="success" showIcon message={t('notices.quiz.alreadyPassed', { score: quiz.bestScore ?? 0, total: quiz.questions.length })} />
      )}
      {quiz.questions.map((q, i) => {
        const chosen = answers[String(i)] ?? [];
        const correct = quiz.review?.[i]?.correct;
        const options = q.options.map((o, j) => ({
          value: j,
          label: (
            <span style={{ color: correct ? (correct.includes(j) ? '#389e0d' : undefined) : undefined, overflowWrap: 'anywhere' }}>
              {o}
              {correct?.includes(j) ? ` ✓` : ''}
            </span>
          ),
        }));
        return (
          <Card key={`${notice.id}-${i}`} size="small" data-testid={`quiz-q-${i}`} styles={{ body: { padding: 14 } }}>
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {i + 1}. {q.text}{' '}
              <Typography.Text type="secondary">（{t(q.kind === 'single' ? 'notices.quiz.single' : 'notices.quiz.multiple')}）</Typography.Text>
            </Typography.Paragraph>
            {q.kind === 'single' ? (
              <Radio.Group
                disabled={finished}
                value={chosen[0]}
                onChange={(e) => setAnswers({ ...answers, [String(i)]: [e.target.value as number] })}
                style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
                options={options}
              />
            ) : (
              <Checkbox.Group
                disabled={finished}
                value={chosen}
                onChange={(v) => setAnswers({ ...answers, [String(i)]: v as number[] })}
                style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
                options={options}
              />
            )}
          </Card>
        );
      })}
      {!finished && (
        <Button type="primary" size="large" block disabled={!complete} loading={answer.isPending} onClick={submit} data-testid="quiz-submit">
          {t('notices.quiz.submit')}
        </Button>
      )}
    </Space>
  );
}
