import { Button, Card, Checkbox, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Quiz } from './api.ts';

type Question = Quiz['questions'][number];
const blank = (): Question => ({ text: '', kind: 'single', options: ['', ''], correct: [0] });
export const emptyQuiz = (): Quiz => ({ questions: [blank()], passMark: { kind: 'count', value: 1 } });

/** The quiz editor of the composer: questions, 2–6 options each, the correct option(s) ticked beside them, and the pass mark. */
export function QuizEditor({ value, onChange, errors }: { value: Quiz; onChange: (q: Quiz) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const setQ = (i: number, q: Question) => onChange({ ...value, questions: value.questions.map((x, k) => (k === i ? q : x)) });
  const err = (f: string) => errors[`quiz.${f}`];
  return (
    <Space direction="vertical" size={10} style={{ width: '100%' }} data-testid="quiz-editor">
      {value.questions.map((q, i) => (
        <Card
          key={i}
          size="small"
          title={t('notices.quiz.question', { n: i + 1 })}
          extra={
            value.questions.length > 1 && (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('notices.quiz.removeQuestion')}
                onClick={() => onChange({ ...value, questions: value.questions.filter((_, k) => k !== i) })}
              />
            )
          }
        >
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            <Input
              value={q.text}
              placeholder={t('notices.quiz.questionText')}
              onChange={(e) => setQ(i, { ...q, text: e.target.value })}
              status={err(`questions.${i}.text`) ? 'error' : undefined}
              data-testid={`quiz-text-${i}`}
            />
            <Radio.Group
              value={q.kind}
              onChange={(e) => setQ(i, { ...q, kind: e.target.value, correct: e.target.value === 'single' ? q.correct.slice(0, 1) : q.correct })}
              options={[
                { value: 'single', label: t('notices.quiz.single') },
                { value: 'multiple', label: t('notices.quiz.multiple') },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('notices.quiz.tickCorrect')}
            </Typography.Text>
            {q.options.map((o, j) => (
              <Space.Compact key={j} style={{ width: '100%' }}>
                <Checkbox
                  style={{ padding: '4px 8px' }}
                  checked={q.correct.includes(j)}
                  aria-label={t('notices.quiz.correct')}
                  data-testid={`quiz-correct-${i}-${j}`}
                  onChange={(e) =>
                    setQ(i, { ...q, correct: q.kind === 'single' ? [j] : e.target.checked ? [...q.correct, j].sort() : q.correct.filter((c) => c !== j) })
                  }
                />
                <Input
                  value={o}
                  placeholder={t('notices.quiz.option', { n: j + 1 })}
                  onChange={(e) => setQ(i, { ...q, options: q.options.map((x, k) => (k === j ? e.target.value : x)) })}
                  data-testid={`quiz-option-${i}-${j}`}
                />
                {q.options.length > 2 && (
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('notices.quiz.removeOption')}
                    onClick={() =>
                      setQ(i, { ...q, options: q.options.filter((_, k) => k !== j), correct: q.correct.filter((c) => c !== j).map((c) => (c > j ? c - 1 : c)) })
                    }
                  />
                )}
              </Space.Compact>
            ))}
            {q.options.length < 6 && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setQ(i, { ...q, options: [...q.options, ''] })}>
                {t('notices.quiz.addOption')}
              </Button>
            )}
            {[err(`questions.${i}.options`), err(`questions.${i}.correct`), err(`questions.${i}.text`)].filter(Boolean).map((m) => (
              <Typography.Text key={m} type="danger">
                {m}
              </Typography.Text>
            ))}
          </Space>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange({ ...value, questions: [...value.questions, blank()] })} disabled={value.questions.length >= 20}>
        {t('notices.quiz.addQuestion')}
      </Button>
      <Space wrap>
        <Typography.Text>{t('notices.quiz.passMark')}</Typography.Text>
        <Select
          value={value.passMark.kind}
          onChange={(kind) =>
            onChange({ ...value, passMark: { kind, value: kind === 'percent' ? 60 : Math.min(value.passMark.value, value.questions.length) } })
          }
          options={[
            { value: 'count', label: t('notices.quiz.byCount') },
            { value: 'percent', label: t('notices.quiz.byPercent') },
          ]}
          style={{ width: 140 }}
        />
        <InputNumber
          min={1}
          max={value.passMark.kind === 'percent' ? 100 : value.questions.length}
          value={value.passMark.value}
          onChange={(v) => onChange({ ...value, passMark: { ...value.passMark, value: v ?? 1 } })}
          data-testid="quiz-pass-mark"
        />
        {err('passMark.value') && <Typography.Text type="danger">{err('passMark.value')}</Typography.Text>}
      </Space>
    </Space>
  );
}
