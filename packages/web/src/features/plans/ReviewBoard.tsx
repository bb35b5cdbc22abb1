import { useState } from 'react';
import { App, Button, Card, Empty, Input, List, Pagination, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useDebounced } from '../../app/useDebounced.ts';
import { usePlanList, useReviewFromList, type PlanListStatus, type PlanRow } from './api.ts';
import { ReviewModal } from './ReviewModal.tsx';
import { STATUS_COLOR, when } from './PlanView.tsx';

const TABS: PlanListStatus[] = ['submitted', 'returned', 'approved', 'draft', 'missing'];

/** The reviewer's board: units below by plan status (待审核 first), the 未提交 list with deadlines. */
export function ReviewBoard({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [status, setStatus] = useState<PlanListStatus>('submitted');
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const { data, isFetching } = usePlanList(campaignId, { status, q, page, pageSize });
  const reviewer = useReviewFromList(campaignId);
  const [review, setReview] = useState<{ row: PlanRow; decision: 'approve' | 'return' } | null>(null);

  const decide = (comment: string) =>
    reviewer.mutate(
      { orgId: review!.row.orgId, decision: review!.decision, comment },
      {
        onSuccess: () => {
          message.success(review!.decision === 'approve' ? t('plans.approvedMsg') : t('plans.returnedMsg'));
          setReview(null);
        },
        onError: (e) => message.error(errorText(e, i18n.language)),
      },
    );

  const link = (r: PlanRow) => `/plans/${campaignId}/${r.orgId}`;
  const deadline = (r: PlanRow) => (
    <Space size={4}>
      <span>{r.dueOn ?? '—'}</span>
      {r.overdue && <Tag color="red">{t('plans.overdue')}</Tag>}
    </Space>
  );
  const actions = (r: PlanRow) => (
    <Space wrap size={4}>
      <Link to={link(r)} data-testid={`plan-row-view-${r.orgId}`}>
        <Button size={isMobile ? 'middle' : 'small'}>{t('plans.view')}</Button>
      </Link>
      {r.canReview && (
        <>
          <Button
            size={isMobile ? 'middle' : 'small'}
            type="primary"
            onClick={() => setReview({ row: r, decision: 'approve' })}
            data-testid={`plan-row-approve-${r.orgId}`}
          >
            {t('plans.approve')}
          </Button>
          <Button
            size={isMobile ? 'middle' : 'small'}
            danger
            onClick={() => setReview({ row: r, decision: 'return' })}
            data-testid={`plan-row-return-${r.orgId}`}
          >
            {t('plans.return')}
          </Button>
        </>
      )}
    </Space>
  );

  return (
    <Card size={isMobile ? 'small' : 'default'} data-testid="plan-board">
      <Tabs
        activeKey={status}
        onChange={(k) => {
          setStatus(k as PlanListStatus);
          setPage(1);
        }}
        items={TABS.map((s) => ({
          key: s,
          label: (
            <span data-testid={`plan-tab-${s}`}>
              {t(`plans.tabs.${s}`)} <Tag style={{ marginInlineEnd: 0 }}>{data?.counts[s] ?? 0}</Tag>
            </span>
          ),
        }))}
      />
      <Input.Search
        allowClear
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setPage(1);
        }}
        placeholder={t('plans.searchPlaceholder')}
        style={{ maxWidth: isMobile ? '100%' : 320, marginBottom: 12 }}
        data-testid="plan-search"
      />
      {isMobile ? (
        <>
          <List
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <Empty description={t('plans.empty')} /> }}
            renderItem={(r) => (
              <Card size="small" style={{ marginBottom: 8 }} data-testid={`plan-row-${r.orgId}`}>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <Tag color={STATUS_COLOR[r.status]}>{t(`plans.status.${r.status}`)}</Tag>
                  </Space>
                  {r.theme && <Typography.Text>{r.theme}</Typography.Text>}
                  <Typography.Text type="secondary">
                    {r.parentName} · {t('plans.responsible')}：{r.responsiblePerson ?? '—'}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('plans.deadline')}：{deadline(r)}
                  </Typography.Text>
                  {actions(r)}
                </Space>
              </Card>
            )}
          />
          {(data?.total ?? 0) > pageSize && <Pagination simple current={page} pageSize={pageSize} total={data?.total} onChange={setPage} />}
        </>
      ) : (
        <Table
          rowKey="orgId"
          size="middle"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('plans.empty')} /> }}
          onRow={(r) => ({ 'data-testid': `plan-row-${r.orgId}` }) as object}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common.totalItems', { n }),
            showSizeChanger: false,
          }}
          columns={[
            { title: t('plans.unit'), dataIndex: 'name', render: (name: string, r) => <Link to={link(r)}>{name}</Link> },
            { title: t('plans.parent'), dataIndex: 'parentName' },
            { title: t('plans.responsible'), dataIndex: 'responsiblePerson', render: (v: string | null) => v ?? '—' },
            { title: t('plans.theme'), dataIndex: 'theme', ellipsis: true, render: (v: string | null) => v ?? '—' },
            {
              title: t('plans.statusCol'),
              dataIndex: 'status',
              render: (s: PlanListStatus, r) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOR[s]}>{t(`plans.status.${s}`)}</Tag>
                  {r.version > 0 && <Typography.Text type="secondary">{t('plans.version', { n: r.version })}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('plans.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => when(v) },
            { title: t('plans.deadline'), dataIndex: 'dueOn', render: (_: unknown, r) => deadline(r) },
            { title: t('common.actions'), key: 'actions', render: (_: unknown, r) => actions(r) },
          ]}
        />
      )}
      <ReviewModal
        decision={review?.decision ?? null}
        unitName={review?.row.name ?? ''}
        pending={reviewer.isPending}
        onOk={decide}
        onCancel={() => setReview(null)}
      />
    </Card>
  );
}
