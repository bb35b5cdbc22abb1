import { useState } from 'react';
import { Button, Col, DatePicker, Input, Row, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { AuditEntry } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';
import { useDownload } from '../../app/useDownload.ts';

interface Filters {
  range: [Dayjs | null, Dayjs | null] | null;
  action: string;
  username: string;
  /** '' = every outcome */
  outcome: '' | Outcome;
}

const OUTCOMES = ['success', 'failure', 'denied'] as const;
type Outcome = (typeof OUTCOMES)[number];

const OUTCOME_COLORS: Record<string, string> = { success: 'green', failure: 'orange', denied: 'red' };

function summaryText(s: unknown): string {
  if (s === null || s === undefined || s === '') return '';
  if (typeof s === 'string') {
    try {
      return JSON.stringify(JSON.parse(s), null, 2);
    } catch {
      return s;
    }
  }
  return JSON.stringify(s, null, 2);
}

function toParams(f: Filters) {
  return {
    from: f.range?.[0] ? f.range[0].startOf('day').toISOString() : undefined,
    to: f.range?.[1] ? f.range[1].endOf('day').toISOString() : undefined,
    action: f.action.trim(),
    username: f.username.trim(),
    outcome: f.outcome || undefined,
  };
}

/** 审计日志: who did what, when, from where, with what outcome; filters and export. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const empty: Filters = { range: null, action: '', username: '', outcome: '' };
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const exporter = useDownload();
  const { data, isFetching } = useQuery({
    queryKey: ['audit', toParams(filters), page],
    queryFn: () => api.GET('/audit', { params: { query: { ...toParams(filters), ...page } } }),
    placeholderData: (prev) => prev,
  });
  const actionLabel = (a: string) => (a.includes('.') && i18n.exists(`auditAction.${a}`) ? t(`auditAction.${a}`) : a);

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('audit.user'), dataIndex: 'username', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('audit.role'), dataIndex: 'role', width: 110, render: (v: string | null) => (v ? labels.role(v) : '—') },
    { title: t('audit.org'), key: 'org', width: 160, ellipsis: true, render: (_, r) => r.orgName ?? (r.orgId ? `#${r.orgId}` : '—') },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      render: (v: string) => (
        <span>
          {actionLabel(v)}
          {actionLabel(v) !== v && (
            <Typography.Text type="secondary" className="zx-mono" style={{ display: 'block', fontSize: 11 }}>
              {v}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('audit.target'), key: 'target', width: 130, render: (_, r) => (r.targetType ? `${r.targetType}${r.targetId ? ` #${r.targetId}` : ''}` : '—') },
    { title: t('audit.outcome'), dataIndex: 'outcome', width: 90, render: (v: string) => <Tag color={OUTCOME_COLORS[v]}>{t(`audit.outcomes.${v}`)}</Tag> },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => <span className="zx-mono">{v ?? '—'}</span> },
  ];

  const exportAudit = () => exporter.run('/audit/export', 'audit.xlsx', { params: { query: toParams(filters) } });

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('nav.audit')}</h2>
        <Button icon={<DownloadOutlined />} loading={exporter.busy} onClick={() => void exportAudit()} data-testid="audit-export">
          {t('common.export')}
        </Button>
      </div>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="audit-filters">
        <Col xs={24} md={12} xl={7}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            value={draft.range}
            onChange={(range) => setDraft({ ...draft, range })}
            disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Input allowClear placeholder={t('audit.actionPlaceholder')} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Input
            allowClear
            placeholder={t('audit.usernamePlaceholder')}
            value={draft.username}
            onChange={(e) => setDraft({ ...draft, username: e.target.value })}
            data-testid="audit-username"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            style={{ width: '100%' }}
            value={draft.outcome}
            onChange={(outcome) => setDraft({ ...draft, outcome })}
            options={[{ value: '', label: t('audit.allOutcomes') }, ...OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))]}
          />
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Button
            type="primary"
            icon={<SearchOutlined />}
            onClick={() => {
              setFilters(draft);
              setPage({ ...page, page: 1 });
            }}
            data-testid="audit-search"
          >
            {t('common.search')}
          </Button>
          <Button
            style={{ marginInlineStart: 8 }}
            onClick={() => {
              setDraft(empty);
              setFilters(empty);
              setPage({ ...page, page: 1 });
            }}
          >
            {t('common.reset')}
          </Button>
        </Col>
      </Row>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 1070 }}
        data-testid="audit-table"
        onRow={(r) => ({ 'data-testid': `audit-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (r) => summaryText(r.summary) !== '',
          expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{summaryText(r.summary)}</pre>,
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.totalItems', { n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </>
  );
}
