import { Image, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import type { CadreReportView } from './api.ts';
import { OUTCOME_COLOR, useCommitmentLabels } from './labels.ts';

/**
 * A year-end report as members read it on a phone before rating: the tally, the text, then each
 * commitment with its status, the cadre's note and the evidence.
 */
export function ReportReader({ report }: { report: CadreReportView }) {
  const { t } = useTranslation();
  const can = useCan();
  const L = useCommitmentLabels();
  const s = report.summary;
  return (
    <div data-testid="report-view">
      <Space wrap size={4} style={{ marginBottom: 12 }} data-testid="report-view-summary">
        <Tag>{t('commitments.report.total', { n: s.total })}</Tag>
        <Tag color="green">
          {L.outcome('done')} {s.done}
        </Tag>
        <Tag color="gold">
          {L.outcome('partly')} {s.partly}
        </Tag>
        <Tag color="red">
          {L.outcome('not_done')} {s.notDone}
        </Tag>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8, overflowWrap: 'anywhere' }} data-testid="report-view-content">
        {report.content || t('commitments.report.noText')}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('commitments.report.perCommitment')}</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {report.items.map((i, idx) => (
          <div
            key={i.commitmentId}
            style={{
              borderLeft: `3px solid ${i.status === 'done' ? '#52c41a' : i.status === 'partly' ? '#faad14' : i.status ? '#ff4d4f' : '#d9d9d9'}`,
              paddingLeft: 10,
            }}
            data-testid={`report-view-item-${i.commitmentId}`}
          >
            <div style={{ overflowWrap: 'anywhere' }}>
              <Typography.Text strong>{idx + 1}. </Typography.Text>
              {i.text}
            </div>
            <Space size={4} wrap style={{ marginTop: 4 }}>
              {i.status ? (
                <Tag color={OUTCOME_COLOR[i.status]} data-testid={`report-view-status-${i.commitmentId}`}>
                  {L.outcome(i.status)}
                </Tag>
              ) : (
                <Tag>{t('commitments.report.noStatus')}</Tag>
              )}
              {i.category && <Tag>{L.category(i.category)}</Tag>}
            </Space>
            {i.note && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {i.note}
              </Typography.Paragraph>
            )}
            {i.activities.map((a) => (
              <div key={a.id} style={{ fontSize: 13, marginTop: 4, overflowWrap: 'anywhere' }}>
                <CalendarOutlined /> {can('activity.read') ? <Link to={`/activities/${a.id}`}>{a.title}</Link> : a.title}{' '}
                <Typography.Text type="secondary">{a.heldOn}</Typography.Text>
              </div>
            ))}
            {i.attachments.filter((f) => f.thumbUrl).length > 0 && (
              <Image.PreviewGroup>
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  {i.attachments
                    .filter((f) => f.thumbUrl)
                    .map((f) => (
                      <Image
                        key={f.id}
                        src={f.thumbUrl!}
                        preview={{ src: f.url }}
                        width={72}
                        height={72}
                        style={{ objectFit: 'cover', borderRadius: 4 }}
                        alt={f.name}
                      />
                    ))}
                </Space>
              </Image.PreviewGroup>
            )}
            {i.attachments
              .filter((f) => !f.thumbUrl)
              .map((f) => (
                <div key={f.id} style={{ fontSize: 13, marginTop: 4, overflowWrap: 'anywhere' }}>
                  <a href={f.url} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {f.name}
                  </a>
                </div>
              ))}
          </div>
        ))}
      </Space>
    </div>
  );
}
