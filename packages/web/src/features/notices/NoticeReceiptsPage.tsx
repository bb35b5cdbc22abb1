import { Card, Descriptions, List, Progress, Result, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useNotice, useReceipts } from './api.ts';

const pct = (a: number, b: number) => (b ? Math.round((a * 100) / b) : 0);

/** A sent notice and its receipts: read, acknowledged, passed and the 知晓率 per unit below; for the members' own cadres, who has not yet. */
export default function NoticeReceiptsPage() {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const id = Number(useParams().id);
  const n = useNotice(id);
  const r = useReceipts(id, n.data?.status === 'sent');
  if (n.isPending) return <Skeleton active />;
  if (n.error || !n.data) return <Result status="404" title={errorText(n.error, i18n.language)} />;
  const d = n.data;
  const totals = r.data?.totals;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 1100 }} data-testid="notice-receipts">
      <h2 style={{ margin: 0, fontSize: 20, overflowWrap: 'anywhere' }}>{d.title}</h2>
      <Card>
        <Descriptions column={isMobile ? 1 : 3} size="small">
          <Descriptions.Item label={t('notices.sender')}>{d.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('notices.sentAt')}>{d.sentAt?.slice(0, 16).replace('T', ' ') ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('notices.audience')}>
            {d.targetOrgs ? d.targetOrgs.map((o) => o.name).join('、') : t('notices.wholeSubtree')}
          </Descriptions.Item>
          {d.quiz && <Descriptions.Item label={t('notices.quiz.title')}>{t('notices.quiz.summary', { n: d.quiz.questions.length })}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{d.body}</Typography.Paragraph>
        {d.status === 'draft' && <Link to={`/notices/${d.id}/edit`}>{t('notices.edit')}</Link>}
      </Card>
      {totals && (
        <Card title={t('notices.receipts')}>
          <Space size={isMobile ? 16 : 40} wrap>
            <Statistic title={t('notices.recipients')} value={totals.sent} />
            <Statistic title={t('notices.read')} value={totals.read} />
            <Statistic title={d.quiz ? t('notices.passedCount') : t('notices.acknowledgedCount')} value={d.quiz ? totals.passed : totals.acknowledged} />
            <Statistic title={t('notices.awareness')} value={pct(totals.aware, totals.sent)} suffix="%" data-testid="receipts-rate" />
          </Space>
        </Card>
      )}
      {r.data && r.data.units.length > 0 && (
        <Card title={t('notices.byUnit')} styles={{ body: { padding: isMobile ? 12 : 0 } }}>
          {isMobile ? (
            <List
              dataSource={r.data.units}
              renderItem={(u) => (
                <List.Item>
                  <div style={{ width: '100%' }}>
                    <Typography.Text>{u.name}</Typography.Text>
                    <Progress percent={pct(u.aware, u.sent)} size="small" format={() => `${u.aware}/${u.sent}`} />
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Table
              rowKey="orgId"
              pagination={false}
              dataSource={r.data.units}
              columns={[
                { title: t('notices.unit'), dataIndex: 'name' },
                { title: t('notices.recipients'), dataIndex: 'sent' },
                { title: t('notices.read'), dataIndex: 'read' },
                {
                  title: d.quiz ? t('notices.passedCount') : t('notices.acknowledgedCount'),
                  key: 'done',
                  render: (_: unknown, u) => (d.quiz ? u.passed : u.acknowledged),
                },
                { title: t('notices.awareness'), key: 'rate', width: 240, render: (_: unknown, u) => <Progress percent={pct(u.aware, u.sent)} size="small" /> },
              ]}
            />
          )}
        </Card>
      )}
      {r.data?.notYet && (
        <Card title={t('notices.notYet', { n: r.data.notYet.length })} data-testid="receipts-not-yet">
          {r.data.notYet.length ? (
            <Space wrap>
              {r.data.notYet.map((m) => (
                <Tag key={m.memberId} color={m.read ? 'orange' : 'red'}>
                  {m.name}
                  {m.read ? ` · ${t('notices.readOnly')}` : ''}
                </Tag>
              ))}
            </Space>
          ) : (
            <Typography.Text type="success">{t('notices.allAware')}</Typography.Text>
          )}
        </Card>
      )}
    </Space>
  );
}
