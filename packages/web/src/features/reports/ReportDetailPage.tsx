import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useDownload } from '../../app/useDownload.ts';
import { BOARD_STATUSES, useReport, type BoardRow, type BoardStatus, type ReportRequest } from './api.ts';
import { BoardStatusTag, DeadlineTag, fmt } from './ReportTags.tsx';
import { SubmissionForm, SubmissionModal } from './Submission.tsx';

const STAT_COLORS: Record<BoardStatus, string> = { submitted: '#389e0d', late: '#d48806', missing: '#cf1322', pending: '#595959' };

/** One request: the board for the requesting side, the unit's own report for a unit that was asked. */
export default function ReportDetailPage() {
  const id = Number(useParams().id);
  const [status, setStatus] = useState<BoardStatus | undefined>();
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useReport(id, { status, page });
  const { t } = useTranslation();

  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Empty description={t('reports.notFound')} />;
  return (
    <>
      <RequestHeader request={data.request} done={data.side === 'target' && data.submission.status === 'submitted'} />
      {data.side === 'requester' ? (
        <Board
          requestId={id}
          title={data.request.title}
          counts={data.board.counts}
          rows={data.board.rows.items}
          total={data.board.rows.total}
          page={page}
          setPage={setPage}
          status={status}
          setStatus={(s) => {
            setStatus(s);
            setPage(1);
          }}
          canReview={data.canReview}
        />
      ) : (
        <SubmissionForm requestId={id} requestOrgName={data.request.orgName} submission={data.submission} />
      )}
    </>
  );
}

function RequestHeader({ request: r, done }: { request: ReportRequest; done: boolean }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  return (
    <Card style={{ marginBottom: 12 }} data-testid="report-header">
      <Space size={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-title">
          {r.title}
        </Typography.Title>
        <DeadlineTag dueOn={r.dueOn} daysLeft={r.daysLeft} done={done} />
      </Space>
      <Descriptions size="small" column={isMobile ? 1 : 3}>
        <Descriptions.Item label={t('reports.from')}>{r.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('reports.dueOn')}>{r.dueOn}</Descriptions.Item>
        {r.campaignName && <Descriptions.Item label={t('reports.campaign')}>{r.campaignName}</Descriptions.Item>}
      </Descriptions>
      {r.guidance && (
        <>
          <Typography.Text type="secondary">{t('reports.guidance')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="report-guidance">
            {r.guidance}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

interface BoardProps {
  requestId: number;
  title: string;
  counts: Record<BoardStatus, number> & { total: number };
  rows: BoardRow[];
  total: number;
  page: number;
  setPage: (p: number) => void;
  status?: BoardStatus;
  setStatus: (s?: BoardStatus) => void;
  canReview: boolean;
}

/** 提交情况: a card per status (click filters the rows), then the units with their responsible person. */
function Board({ requestId, title, counts, rows, total, page, setPage, status, setStatus, canReview }: BoardProps) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { busy, run } = useDownload();
  const [viewing, setViewing] = useState<BoardRow | null>(null);
  const pagination = { current: page, pageSize: 20, total, onChange: setPage, showSizeChanger: false };

  return (
    <>
      <div className="zx-page-toolbar">
        <Typography.Text strong>
          {t('reports.board')} · {t('reports.totalUnits', { n: counts.total })}
        </Typography.Text>
        <Space>
          {status && (
            <Button onClick={() => setStatus(undefined)} data-testid="report-stat-clear">
              {t('reports.showAll')}
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            loading={busy}
            onClick={() => run('/report-requests/{id}/export', `${title}.xlsx`, { params: { path: { id: requestId } } })}
            data-testid="report-export"
          >
            {t('reports.export')}
          </Button>
        </Space>
      </div>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        {BOARD_STATUSES.map((s) => (
          <Col xs={12} md={6} key={s}>
            <Card
              size="small"
              hoverable
              onClick={() => setStatus(status === s ? undefined : s)}
              style={{ borderColor: status === s ? STAT_COLORS[s] : undefined, borderWidth: status === s ? 2 : 1 }}
              data-testid={`report-stat-${s}`}
              aria-pressed={status === s}
            >
              <Statistic title={t(`reports.status.${s}`)} value={counts[s]} valueStyle={{ color: STAT_COLORS[s] }} />
            </Card>
          </Col>
        ))}
      </Row>
      {isMobile ? (
        <List<BoardRow>
          data-testid="report-board-cards"
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('reports.noRows')} /> }}
          pagination={total > 20 ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
          renderItem={(r) => (
            <Card
              size="small"
              style={{ marginBottom: 8 }}
              hoverable={r.submittedAt !== null}
              onClick={() => r.submittedAt && setViewing(r)}
              data-testid={`report-board-row-${r.orgId}`}
            >
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong style={{ display: 'block' }}>
                    {r.orgName}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                    {r.parentName ?? ''} · {t('reports.responsible')}：{r.responsiblePerson ?? '—'}
                  </Typography.Text>
                  <Space size={4} wrap style={{ marginTop: 4 }}>
                    <BoardStatusTag status={r.status} />
                    {r.submittedAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmt(r.submittedAt)}
                      </Typography.Text>
                    )}
                  </Space>
                  {r.reviewComment && (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 13 }}>
                      {t('reports.reviewComment')}：{r.reviewComment}
                    </Typography.Paragraph>
                  )}
                </div>
                {r.submittedAt && <RightOutlined style={{ color: '#bbb' }} />}
              </div>
            </Card>
          )}
        />
      ) : (
        <Table<BoardRow>
          rowKey="orgId"
          size="middle"
          dataSource={rows}
          pagination={pagination}
          locale={{ emptyText: <Empty description={t('reports.noRows')} /> }}
          onRow={(r) => ({ 'data-testid': `report-board-row-${r.orgId}` }) as React.HTMLAttributes<HTMLElement>}
          data-testid="report-board-table"
          columns={[
            { title: t('reports.unit'), dataIndex: 'orgName' },
            { title: t('reports.parent'), dataIndex: 'parentName', width: 180, render: (v: string | null) => v ?? '—' },
            { title: t('reports.responsible'), dataIndex: 'responsiblePerson', width: 110, render: (v: string | null) => v ?? '—' },
            { title: t('reports.statusLabel'), dataIndex: 'status', width: 110, render: (s: BoardStatus) => <BoardStatusTag status={s} /> },
            { title: t('reports.submittedAt'), dataIndex: 'submittedAt', width: 160, render: (v: string | null) => (v ? fmt(v) : '—') },
            { title: t('reports.reviewComment'), dataIndex: 'reviewComment', ellipsis: true, render: (v: string | null) => v ?? '—' },
            {
              title: t('reports.actions'),
              key: 'actions',
              width: 110,
              render: (_, r) =>
                r.submittedAt && (
                  <Button size="small" onClick={() => setViewing(r)} data-testid={`report-view-${r.orgId}`}>
                    {canReview && !r.reviewedAt ? t('reports.review') : t('reports.view')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <SubmissionModal requestId={requestId} row={viewing} canReview={canReview} onClose={() => setViewing(null)} />
    </>
  );
}
