import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, List, Row, Segmented, Select, Skeleton, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { AimOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useCampaigns } from '../campaigns/api.ts';
import { useExemplars } from '../exemplars/api.ts';
import { useBenchmark, useMeasures, useSaveBenchmark, useSetStep, type Benchmark, type BenchmarkStep, type GapRow, type Measure } from './api.ts';
import { GapChart } from './GapChart.tsx';
import { MeasureCard, MeasureFormModal, MeasureStatusTags } from './MeasureCard.tsx';

/** 对标定位: a unit's exercise (exemplars, gaps, catch-up measures) and the level above's supervision list. */
export default function BenchmarkingPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const supervises = can('benchmark.write') || can('inspection.write');
  const tab = params.get('tab') === 'supervise' && supervises ? 'supervise' : 'unit';
  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('exemplars.bench.title')}</h2>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'unit' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'unit', label: <span data-testid="benchmarking-tab-unit">{t('exemplars.bench.tabUnit')}</span>, children: <UnitTab /> },
          ...(supervises
            ? [
                {
                  key: 'supervise',
                  label: <span data-testid="benchmarking-tab-supervise">{t('exemplars.bench.tabSupervise')}</span>,
                  children: <SuperviseTab />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function UnitTab() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const { data: campaigns = [], isPending } = useCampaigns();
  const campaignId = Number(params.get('campaignId')) || campaigns.find((c) => c.status === 'running')?.id || campaigns[0]?.id || null;
  const orgId = Number(params.get('orgId')) || me.grant.orgId;
  const set = (k: string, v: number | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, String(v));
    else next.delete(k);
    setParams(next, { replace: true });
  };
  if (isPending) return <Skeleton active />;
  if (!campaignId) return <Empty description={t('exemplars.bench.noCampaign')} />;
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} className="zx-filters">
        <Col xs={24} md={10} xl={8}>
          <Select
            style={{ width: '100%' }}
            value={campaignId}
            onChange={(v) => set('campaignId', v)}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="benchmark-campaign"
          />
        </Col>
        <Col xs={24} md={10} xl={8}>
          <OrgSelect value={orgId} initial={{ id: me.grant.orgId, name: me.grant.orgName }} onChange={(id) => set('orgId', id)} testId="benchmark-org" />
        </Col>
      </Row>
      <Exercise campaignId={campaignId} orgId={orgId} />
    </>
  );
}

function Exercise({ campaignId, orgId }: { campaignId: number; orgId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const { data, isPending, error } = useBenchmark(campaignId, orgId);
  const setStep = useSetStep(campaignId, orgId);
  const [adding, setAdding] = useState<{ dimensionKey: string | null } | null>(null);
  if (isPending) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;
  const current = data.step ? data.steps.findIndex((s) => s.key === data.step) : -1;
  const move = (i: number) => {
    if (!data.canWrite || i === current) return;
    setStep.mutate(data.steps[i].key as BenchmarkStep, {
      onSuccess: () => message.success(t('exemplars.bench.stepDone', { step: en ? data.steps[i].nameEn : data.steps[i].nameZh })),
      onError: (e) => message.error(errorText(e, i18n.language)),
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="benchmark-exercise">
      <Card size="small" title={t('exemplars.bench.steps')}>
        <Steps
          size="small"
          orientation={isMobile ? 'vertical' : 'horizontal'}
          current={current}
          onChange={data.canWrite ? move : undefined}
          items={data.steps.map((s, i) => ({
            title: (
              <span data-testid={`benchmark-step-${s.key}`} data-current={i === current ? '1' : '0'}>
                {en ? s.nameEn : s.nameZh}
              </span>
            ),
          }))}
        />
        {data.canWrite && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('exemplars.bench.stepsHint')}
          </Typography.Text>
        )}
      </Card>
      <ExemplarPicker data={data} />
      <Card size="small" title={t('exemplars.bench.gapTitle')} data-testid="benchmark-gaps">
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }} data-testid="benchmark-standard">
          {t('exemplars.bench.standard', { name: en ? data.standardName.en : data.standardName.zh })}
        </Typography.Text>
        {data.own ? (
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t('exemplars.bench.ownTotal', { total: data.own.total, max: data.own.max })}
            {data.gaps.totals.benchmark !== null &&
              ` · ${t('exemplars.bench.exemplarTotal', { total: data.gaps.totals.benchmark, gap: data.gaps.totals.gapToExemplar ?? '—' })}`}
          </Typography.Paragraph>
        ) : (
          <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('exemplars.bench.notVerified')} data-testid="benchmark-not-verified" />
        )}
        <GapChart data={data} />
        <GapTable data={data} onAdd={(k) => setAdding({ dimensionKey: k })} />
      </Card>
      <Card
        size="small"
        title={t('exemplars.bench.measuresTitle', { n: data.measures.length })}
        extra={
          data.canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({ dimensionKey: data.gaps.behind[0] ?? null })} data-testid="measure-add">
              {t('exemplars.bench.addMeasure')}
            </Button>
          )
        }
        data-testid="benchmark-measures"
      >
        {data.measures.length === 0 ? (
          <Empty description={t('exemplars.bench.noMeasures')} />
        ) : (
          data.measures.map((m) => <MeasureCard key={m.id} m={m} standard={data.standard} />)
        )}
      </Card>
      {adding && (
        <MeasureFormModal
          open
          onClose={() => setAdding(null)}
          campaignId={campaignId}
          orgId={orgId}
          standard={data.standard}
          dimensionKey={adding.dimensionKey}
        />
      )}
    </Space>
  );
}

/** Chooses the exemplar units (selected, visible) to benchmark against. */
function ExemplarPicker({ data }: { data: Benchmark }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const en = i18n.language === 'en-US';
  const save = useSaveBenchmark(data.campaign.id, data.org.id);
  const { data: candidates } = useExemplars({ status: 'selected', kind: 'unit', page: 1, pageSize: 100 });
  const [chosen, setChosen] = useState<number[]>(data.exemplars.map((e) => e.id));
  useEffect(() => setChosen(data.exemplars.map((e) => e.id)), [data.exemplars]);
  const options = (candidates?.items ?? [])
    .filter((e) => e.nomineeOrgId !== data.org.id)
    .map((e) => ({
      value: e.id,
      label: `${e.nomineeName}（${en ? (e.level?.nameEn ?? '') : (e.level?.nameZh ?? '')} · ${e.title}）`,
    }));
  for (const e of data.exemplars) if (!options.some((o) => o.value === e.id)) options.push({ value: e.id, label: e.orgName });
  const dirty = chosen.join(',') !== data.exemplars.map((e) => e.id).join(',');

  return (
    <Card size="small" title={t('exemplars.bench.exemplarsTitle')} data-testid="benchmark-exemplars">
      {data.canWrite && (
        <div style={{ display: 'flex', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
          <Select
            mode="multiple"
            style={{ flex: '1 1 240px', minWidth: 0 }}
            value={chosen}
            onChange={setChosen}
            options={options}
            maxCount={5}
            placeholder={t('exemplars.bench.pickExemplars')}
            optionFilterProp="label"
            data-testid="benchmark-exemplar-select"
          />
          <Button
            type="primary"
            disabled={!dirty}
            loading={save.isPending}
            data-testid="benchmark-exemplar-save"
            onClick={() =>
              save.mutate(
                { exemplarIds: chosen },
                { onSuccess: () => message.success(t('common.saved')), onError: (e) => message.error(errorText(e, i18n.language)) },
              )
            }
          >
            {t('common.save')}
          </Button>
        </div>
      )}
      {data.exemplars.length === 0 ? (
        <Typography.Text type="secondary">{t('exemplars.bench.noExemplars')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={data.exemplars}
          renderItem={(e) => (
            <List.Item data-testid={`benchmark-exemplar-${e.id}`}>
              <Space wrap size={6}>
                <AimOutlined style={{ color: '#c8161d' }} />
                <Typography.Text strong>{e.orgName}</Typography.Text>
                {(e.levelZh || e.levelEn) && <Tag color="red">{en ? e.levelEn : e.levelZh}</Tag>}
                <Typography.Text type="secondary">
                  {e.total !== null ? t('exemplars.bench.score', { n: e.total }) : t('exemplars.bench.unverified')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function GapTable({ data, onAdd }: { data: Benchmark; onAdd: (dimensionKey: string) => void }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const gapTag = (g: number | null) => (g === null ? '—' : g > 0 ? <Tag color="red">-{g}</Tag> : <Tag color="green">{g === 0 ? '0' : `+${-g}`}</Tag>);
  const behind = new Set(data.gaps.behind);
  if (isMobile) {
    return (
      <div style={{ marginTop: 12 }} data-testid="gap-cards">
        {data.gaps.rows.map((r) => (
          <Card key={r.key} size="small" style={{ marginBottom: 8 }} data-testid={`gap-row-${r.key}`}>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
              <div>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {en ? r.nameEn : r.nameZh}
                </Typography.Text>
                <div style={{ fontSize: 13, color: '#595959' }}>
                  {t('exemplars.bench.rowLine', { own: r.own ?? '—', exemplar: r.benchmark ?? '—', max: r.max })}
                </div>
                <div>
                  {t('exemplars.bench.gapToExemplar')} {gapTag(r.gapToExemplar)} {t('exemplars.bench.gapToFull')} {r.gapToFull ?? '—'}
                </div>
              </div>
              {data.canWrite && behind.has(r.key) && (
                <Button
                  size="large"
                  icon={<PlusOutlined />}
                  onClick={() => onAdd(r.key)}
                  data-testid={`gap-add-${r.key}`}
                  aria-label={t('exemplars.bench.addMeasure')}
                />
              )}
            </div>
          </Card>
        ))}
      </div>
    );
  }
  return (
    <Table<GapRow>
      style={{ marginTop: 12 }}
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={data.gaps.rows}
      data-testid="gap-table"
      onRow={(r) => ({ 'data-testid': `gap-row-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('exemplars.bench.dimension'), key: 'name', render: (_, r) => (en ? r.nameEn : r.nameZh) },
        { title: t('exemplars.bench.own'), dataIndex: 'own', render: (v: number | null) => v ?? '—' },
        ...data.exemplars.map((e, i) => ({ title: e.orgName, key: `e${i}`, render: (_: unknown, r: GapRow) => r.exemplars[i] ?? '—' })),
        { title: t('exemplars.bench.full'), dataIndex: 'max' },
        { title: t('exemplars.bench.gapToExemplar'), key: 'ge', render: (_, r) => gapTag(r.gapToExemplar) },
        { title: t('exemplars.bench.gapToFull'), dataIndex: 'gapToFull', render: (v: number | null) => v ?? '—' },
        ...(data.canWrite
          ? [
              {
                title: '',
                key: 'add',
                width: 120,
                render: (_: unknown, r: GapRow) =>
                  behind.has(r.key) && (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => onAdd(r.key)} data-testid={`gap-add-${r.key}`}>
                      {t('exemplars.bench.toMeasure')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** 督促检查: measures across the subtree, the overdue ones first-class; comment or send back from here. */
function SuperviseTab() {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const [status, setStatus] = useState<'open' | 'overdue' | 'closed' | 'all'>('open');
  const [orgId, setOrgId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const { data, isFetching } = useMeasures({ status: status === 'all' ? null : status, orgId, page });
  const pagination = { current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true };

  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} className="zx-filters" align="middle">
        <Col xs={24} md={8} xl={6}>
          <OrgSelect
            value={orgId}
            onChange={(id) => {
              setOrgId(id);
              setPage(1);
            }}
            allowClear
            placeholder={t('exemplars.bench.filterOrg')}
            testId="measures-filter-org"
          />
        </Col>
        <Col xs={24} md={16}>
          <Segmented
            block={isMobile}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['open', 'overdue', 'closed', 'all'] as const).map((s) => ({
              value: s,
              label: <span data-testid={`measures-status-${s}`}>{t(`exemplars.bench.filter.${s}`)}</span>,
            }))}
          />
        </Col>
      </Row>
      {isMobile ? (
        <List<Measure>
          data-testid="measures-list"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('exemplars.bench.noMeasuresFound')} /> }}
          pagination={data && data.total > 20 ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
          renderItem={(m) => <MeasureCard m={m} showUnit />}
        />
      ) : (
        <Table<Measure>
          rowKey="id"
          size="middle"
          loading={isFetching}
          dataSource={data?.items ?? []}
          pagination={pagination}
          data-testid="measures-table"
          locale={{ emptyText: <Empty description={t('exemplars.bench.noMeasuresFound')} /> }}
          expandable={{ expandedRowRender: (m) => <MeasureCard m={m} showUnit />, expandRowByClick: true }}
          onRow={(m) => ({ 'data-testid': `measure-row-${m.id}`, style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('exemplars.bench.unit'), dataIndex: 'orgName', width: 180 },
            { title: t('exemplars.bench.dimension'), key: 'dim', width: 90, render: (_, m) => (en ? m.dimensionNameEn : m.dimensionNameZh) },
            { title: t('exemplars.bench.content'), dataIndex: 'content', ellipsis: true },
            { title: t('exemplars.bench.owner'), dataIndex: 'ownerName', width: 100 },
            {
              title: t('exemplars.bench.dueOn'),
              dataIndex: 'dueOn',
              width: 120,
              render: (d: string, m) => <span style={m.overdue ? { color: '#cf1322' } : undefined}>{d}</span>,
            },
            { title: t('exemplars.bench.statusLabel'), key: 'status', width: 150, render: (_, m) => <MeasureStatusTags m={m} /> },
            { title: t('exemplars.bench.comments'), key: 'comments', width: 90, render: (_, m) => m.comments.length || '—' },
          ]}
        />
      )}
    </>
  );
}
