import { useState } from 'react';
import { Button, Card, Empty, Input, List, Pagination, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useDebounced } from '../../app/useDebounced.ts';
import { useQueue, type AssessmentStatus, type QueueRow } from './api.ts';
import { STATUS_COLOR, TierTag } from './labels.tsx';

const TABS: AssessmentStatus[] = ['submitted', 'returned', 'verified', 'draft', 'missing'];

/** The level above's verification queue: units below by self-assessment status (待核定 first). */
export function Queue({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [status, setStatus] = useState<AssessmentStatus>('submitted');
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const { data, isFetching } = useQueue(campaignId, { status, q, page, pageSize });
  const link = (r: QueueRow) => `/assessment/${campaignId}/${r.orgId}`;
  const score = (r: QueueRow) => (r.verifiedTotal != null ? `${r.verifiedTotal}（${t('assessment.self')} ${r.selfTotal}）` : (r.selfTotal ?? '—'));
  const signatures = (r: QueueRow) => (
    <Space size={4} wrap>
      <Tag color={r.secretarySigned ? 'green' : 'default'}>
        {t('assessment.secretaryShort')}
        {r.secretarySigned ? '✓' : '…'}
      </Tag>
      <Tag color={r.representativeSigned ? 'green' : 'default'}>
        {t('assessment.representativeShort')}
        {r.representativeSigned ? '✓' : '…'}
      </Tag>
    </Space>
  );
  const open = (r: QueueRow) => (
    <Link to={link(r)} data-testid={`queue-open-${r.orgId}`}>
      <Button size={isMobile ? 'middle' : 'small'} type={r.canVerify ? 'primary' : 'default'}>
        {r.canVerify ? t('assessment.verify') : t('assessment.view')}
      </Button>
    </Link>
  );
  return (
    <Card size={isMobile ? 'small' : 'default'} data-testid="assessment-queue">
      <Tabs
        activeKey={status}
        onChange={(k) => {
          setStatus(k as AssessmentStatus);
          setPage(1);
        }}
        items={TABS.map((s) => ({
          key: s,
          label: (
            <span data-testid={`queue-tab-${s}`}>
              {t(`assessment.status.${s}`)} <Tag style={{ marginInlineEnd: 0 }}>{data?.counts[s] ?? 0}</Tag>
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
        placeholder={t('assessment.searchPlaceholder')}
        style={{ maxWidth: isMobile ? '100%' : 320, marginBottom: 12 }}
        data-testid="queue-search"
      />
      {isMobile ? (
        <>
          <List
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <Empty description={t('assessment.emptyQueue')} /> }}
            renderItem={(r) => (
              <Card size="small" style={{ marginBottom: 8 }} data-testid={`queue-row-${r.orgId}`}>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <Tag color={STATUS_COLOR[r.status]}>{t(`assessment.status.${r.status}`)}</Tag>
                    {r.status === 'verified' && <TierTag tier={r.tier} />}
                  </Space>
                  <Typography.Text type="secondary">
                    {r.parentName} · {t('assessment.score')}：{score(r)}
                  </Typography.Text>
                  {signatures(r)}
                  {open(r)}
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
          locale={{ emptyText: <Empty description={t('assessment.emptyQueue')} /> }}
          onRow={(r) => ({ 'data-testid': `queue-row-${r.orgId}` }) as object}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common.totalItems', { n }),
            showSizeChanger: false,
          }}
          columns={[
            { title: t('assessment.unit'), dataIndex: 'name', render: (name: string, r) => <Link to={link(r)}>{name}</Link> },
            { title: t('assessment.parent'), dataIndex: 'parentName' },
            { title: t('assessment.foundedOn'), dataIndex: 'foundedOn', render: (v: string | null) => v ?? '—' },
            {
              title: t('assessment.statusCol'),
              dataIndex: 'status',
              render: (s: AssessmentStatus) => <Tag color={STATUS_COLOR[s]}>{t(`assessment.status.${s}`)}</Tag>,
            },
            { title: t('assessment.signatures'), key: 'sig', render: (_: unknown, r) => signatures(r) },
            { title: t('assessment.score'), key: 'score', render: (_: unknown, r) => score(r) },
            { title: t('assessment.tierCol'), dataIndex: 'tier', render: (v: QueueRow['tier'], r) => (r.status === 'verified' ? <TierTag tier={v} /> : '—') },
            { title: t('common.actions'), key: 'actions', render: (_: unknown, r) => open(r) },
          ]}
        />
      )}
    </Card>
  );
}
