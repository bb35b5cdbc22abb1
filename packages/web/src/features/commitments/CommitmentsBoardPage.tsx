import { useState } from 'react';
import { Alert, Card, Empty, Pagination, Segmented, Skeleton, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { EyeOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useCadreList, type CadreRow } from './api.ts';
import { yearChoices } from './dates.ts';
import { useCommitmentLabels } from './labels.ts';

/**
 * 承诺公示: an organization's cadres with their published commitments and the state of their
 * year-end reports — for the members (their own organization) and the levels above (any
 * organization of their subtree, optionally the whole subtree).
 */
export default function CommitmentsBoardPage() {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const me = useSession();
  const can = useCan();
  const L = useCommitmentLabels();
  const [params, setParams] = useSearchParams();
  const above = can('org.read');
  const orgId = Number(params.get('orgId')) || undefined;
  const year = Number(params.get('year')) || new Date().getFullYear();
  const subtree = above && params.get('subtree') === '1';
  const [page, setPage] = useState(1);
  const { data, isPending, error } = useCadreList({ orgId, year, subtree, page });
  const patch = (p: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(p))
      if (v === null) next.delete(k);
      else next.set(k, v);
    setPage(1);
    setParams(next, { replace: true });
  };
  const link = (r: CadreRow) => `/commitments/cadre/${r.memberId}/${year}`;
  const reportTag = (r: CadreRow) =>
    r.reportStatus === 'submitted' ? (
      <Tag color="green">{t('commitments.board.reportSubmitted')}</Tag>
    ) : r.reportStatus === 'draft' ? (
      <Tag color="orange">{t('commitments.report.draft')}</Tag>
    ) : (
      <Tag>{t('commitments.report.none')}</Tag>
    );
  const commitmentsText = (r: CadreRow) =>
    r.version > 0 ? t('commitments.board.published', { n: r.publishedCount, v: r.version }) : t('commitments.notPublished');

  const rows = (list: CadreRow[]) =>
    isMobile ? (
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {list.map((r) => (
          <Link key={r.memberId} to={link(r)} data-testid={`commitments-row-${r.memberId}`}>
            <Card size="small" hoverable>
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Space size={6} wrap>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {r.name}
                    </Typography.Text>
                    <Tag color="red">{L.position(r.position)}</Tag>
                  </Space>
                  {subtree && <div style={{ fontSize: 12, color: '#888', overflowWrap: 'anywhere' }}>{r.orgName}</div>}
                  <Space size={4} wrap style={{ marginTop: 4 }}>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {commitmentsText(r)}
                    </Typography.Text>
                    {reportTag(r)}
                  </Space>
                </div>
                <RightOutlined style={{ color: '#bbb' }} />
              </div>
            </Card>
          </Link>
        ))}
      </Space>
    ) : (
      <Table<CadreRow>
        rowKey="memberId"
        dataSource={list}
        pagination={false}
        size="middle"
        onRow={(r) => ({ 'data-testid': `commitments-row-${r.memberId}` }) as never}
        columns={[
          { title: t('commitments.board.name'), render: (_, r) => <Link to={link(r)}>{r.name}</Link> },
          { title: t('commitments.board.position'), render: (_, r) => L.position(r.position) },
          ...(subtree ? [{ title: t('commitments.board.org'), dataIndex: 'orgName' }] : []),
          { title: t('commitments.board.commitments'), render: (_, r) => commitmentsText(r) },
          { title: t('commitments.board.report'), render: (_, r) => reportTag(r) },
          {
            title: t('commitments.board.reads'),
            render: (_, r) =>
              r.reportStatus === 'submitted' ? (
                <span>
                  <EyeOutlined /> {r.readCount}
                </span>
              ) : (
                '—'
              ),
          },
          { title: '', render: (_, r) => <Link to={link(r)}>{t('commitments.board.open')}</Link> },
        ]}
      />
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="commitments-board">
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('commitments.board.title')}</h2>
        <Segmented
          value={year}
          onChange={(v) => patch({ year: String(v) })}
          options={yearChoices().map((y) => ({ value: y, label: t('commitments.yearN', { year: y }) }))}
          size={isMobile ? 'large' : 'middle'}
          data-testid="commitments-board-year"
        />
      </div>
      {above && (
        <Space wrap style={{ width: '100%' }}>
          <OrgSelect
            value={orgId ?? me.grant.orgId}
            initial={{ id: orgId ?? me.grant.orgId, name: data?.org.name ?? me.grant.orgName }}
            onChange={(id) => patch({ orgId: id ? String(id) : null })}
            style={{ width: isMobile ? '100%' : 320 }}
            testId="commitments-board-org"
          />
          <Space>
            <Switch checked={subtree} onChange={(v) => patch({ subtree: v ? '1' : null })} data-testid="commitments-board-subtree" />
            <span>{t('commitments.board.subtree')}</span>
          </Space>
        </Space>
      )}
      {error ? (
        <Alert type="error" showIcon message={errorText(error, i18n.language)} />
      ) : isPending || !data ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Card size="small" data-testid="commitments-board-totals">
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
              <Statistic title={t('commitments.board.cadres')} value={data.totals.cadres} />
              <Statistic title={t('commitments.board.publishedCount')} value={data.totals.published} />
              <Statistic title={t('commitments.board.submittedCount')} value={data.totals.submitted} />
            </div>
          </Card>
          <Card title={subtree ? t('commitments.board.subtreeTitle', { org: data.org.name }) : data.org.name} size={isMobile ? 'small' : 'default'}>
            {data.items.length ? rows(data.items) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('commitments.board.empty')} />}
            {data.total > data.pageSize && (
              <Pagination
                style={{ marginTop: 12 }}
                current={page}
                pageSize={data.pageSize}
                total={data.total}
                onChange={setPage}
                showSizeChanger={false}
                simple={isMobile}
              />
            )}
          </Card>
          {data.former.length > 0 && (
            <Card title={t('commitments.board.former')} size="small">
              {rows(data.former)}
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
