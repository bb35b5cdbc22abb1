import { Alert, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BALLOT_SCALES } from '@zx/domain/assessment/ballot';
import { useLabels } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import type { ScaleCode, SessionResult } from './api.ts';
import { useVoteLabels } from './labels.tsx';

type Row = SessionResult['subjects'][number];

/** The report of a closed session: turnout and quorum, then per subject the counts, rates, scores and flags. */
export function ResultReport({ result, scale, weighted, cadres }: { result: SessionResult; scale: ScaleCode; weighted: boolean; cadres: boolean }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const L = useVoteLabels();
  const labels = useLabels();
  const options = BALLOT_SCALES[scale].options;
  const q = result.quorum;
  const flag = (r: Row) =>
    r.exempt ? (
      <Tag>{t('votes.exempt')}</Tag>
    ) : r.flagged ? (
      <Tag color="red" icon={<WarningOutlined />}>
        {t('votes.flagged')}
      </Tag>
    ) : r.score == null ? (
      '—'
    ) : (
      <Tag color="green">{t('votes.normal')}</Tag>
    );
  const countText = (r: Row) =>
    r.exempt || !Object.keys(r.counts).length
      ? '—'
      : options
          .filter((o) => scale !== 'points10' || r.counts[o.key])
          .map((o) => `${L.optionName(scale, o.key)} ${r.counts[o.key] ?? 0}`)
          .join(' · ');
  const name = (r: Row) => (
    <Space size={4} wrap>
      <span>{r.label}</span>
      {cadres && r.detail && <Tag>{labels.position(r.detail)}</Tag>}
    </Space>
  );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="votes-result">
      <Descriptions size="small" column={isMobile ? 1 : 4} bordered>
        <Descriptions.Item label={t('votes.ballots')}>
          {result.ballots}/{result.rollSize}
        </Descriptions.Item>
        <Descriptions.Item label={t('votes.turnoutRate')}>{L.percent(result.turnout)}</Descriptions.Item>
        <Descriptions.Item label={t('votes.quorum')}>
          {t(q.strict ? 'votes.quorumMore' : 'votes.quorumAtLeast', { num: q.num, den: q.den })}{' '}
          {q.met ? <Tag color="green">{t('votes.quorumMet')}</Tag> : <Tag color="red">{t('votes.quorumNotMet')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('votes.minGroup')}>{result.minGroup}</Descriptions.Item>
      </Descriptions>
      {result.withheld && (
        <Alert
          type="warning"
          showIcon
          data-testid="votes-result-withheld"
          message={t('votes.withheld')}
          description={i18n.language === 'en-US' ? result.withheld.message.en : result.withheld.message.zh}
        />
      )}
      {isMobile ? (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {result.subjects.map((r) => (
            <Card key={r.subjectId} size="small" data-testid={`votes-result-card-${r.subjectId}`}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {name(r)}
                </Typography.Text>
                {flag(r)}
              </div>
              {!r.exempt && !result.withheld && (
                <div style={{ marginTop: 6, fontSize: 14, lineHeight: 1.8 }}>
                  <div>
                    {t('votes.counts')}：{countText(r)}
                  </div>
                  <div>
                    {t('votes.satisfaction')}：<b>{L.percent(r.satisfactionRate)}</b> · {t('votes.score')}：<b>{r.score ?? '—'}</b>
                  </div>
                  {weighted && (
                    <div>
                      {t('votes.upperScore')}：{r.upperScore ?? t('votes.pendingUpper')} · {t('votes.weighted')}：<b>{r.weightedScore ?? '—'}</b>
                    </div>
                  )}
                </div>
              )}
              {r.exempt && r.exemptReason && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {r.exemptReason}
                </Typography.Text>
              )}
            </Card>
          ))}
        </Space>
      ) : (
        <Table<Row>
          rowKey="subjectId"
          dataSource={result.subjects}
          pagination={false}
          size="middle"
          data-testid="votes-result-table"
          onRow={(r) => ({ 'data-testid': `votes-result-row-${r.subjectId}` }) as never}
          columns={[
            { title: t('votes.subjects'), render: (_, r) => name(r) },
            ...(scale === 'points10'
              ? [{ key: 'counts', title: t('votes.counts'), render: (_: unknown, r: Row) => countText(r) }]
              : options.map((o) => ({
                  key: o.key,
                  title: L.optionName(scale, o.key),
                  align: 'right' as const,
                  render: (_: unknown, r: Row) => (r.exempt || result.withheld ? '—' : (r.counts[o.key] ?? 0)),
                }))),
            { title: t('votes.satisfaction'), align: 'right', render: (_, r) => L.percent(r.satisfactionRate) },
            { title: t('votes.score'), align: 'right', render: (_, r) => r.score ?? '—' },
            ...(weighted
              ? [
                  {
                    key: 'upper',
                    title: t('votes.upperScore'),
                    align: 'right' as const,
                    render: (_: unknown, r: Row) =>
                      r.exempt ? '—' : (r.upperScore ?? <Typography.Text type="secondary">{t('votes.pendingUpper')}</Typography.Text>),
                  },
                  { key: 'weighted', title: t('votes.weighted'), align: 'right' as const, render: (_: unknown, r: Row) => r.weightedScore ?? '—' },
                ]
              : []),
            { title: t('votes.flag'), render: (_, r) => flag(r) },
          ]}
        />
      )}
    </Space>
  );
}
