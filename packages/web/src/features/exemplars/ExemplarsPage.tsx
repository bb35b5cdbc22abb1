import { useState } from 'react';
import { Badge, Button, Card, Col, Empty, Input, Pagination, Row, Segmented, Space, Spin, Switch, Tabs, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PlusOutlined, TeamOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useExemplars, type ExemplarKind, type ExemplarStatus, type ExemplarSummary } from './api.ts';
import { NominateDrawer } from './NominateDrawer.tsx';

type TabKey = 'selected' | 'sites' | 'nominations';

export const STATUS_COLOR: Record<ExemplarStatus, string> = { nominated: 'processing', selected: 'red', not_selected: 'default', withdrawn: 'default' };

/** 先进典型: selected exemplars (cards with photos), demonstration sites, and nominations to decide. */
export default function ExemplarsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = (['selected', 'sites', 'nominations'].includes(params.get('tab') ?? '') ? params.get('tab') : 'selected') as TabKey;
  const [nominating, setNominating] = useState(false);
  const manages = can('exemplar.nominate') || can('exemplar.select');
  const pending = useExemplars({ decidable: true, page: 1, pageSize: 1 }, can('exemplar.select'));

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('exemplars.title')}</h2>
        {can('exemplar.nominate') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setNominating(true)} data-testid="exemplar-nominate-button">
            {t('exemplars.nominate')}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'selected' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'selected', label: <span data-testid="exemplars-tab-selected">{t('exemplars.tabSelected')}</span>, children: <Gallery /> },
          { key: 'sites', label: <span data-testid="exemplars-tab-sites">{t('exemplars.tabSites')}</span>, children: <Gallery sites /> },
          ...(manages
            ? [
                {
                  key: 'nominations',
                  label: (
                    <span data-testid="exemplars-tab-nominations">
                      {t('exemplars.tabNominations')} <Badge count={pending.data?.total ?? 0} size="small" />
                    </span>
                  ),
                  children: <Nominations />,
                },
              ]
            : []),
        ]}
      />
      <NominateDrawer open={nominating} onClose={() => setNominating(false)} />
    </>
  );
}

function Gallery({ sites = false }: { sites?: boolean }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<ExemplarKind | 'all'>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, isFetching } = useExemplars({ status: 'selected', kind: sites ? 'unit' : kind === 'all' ? null : kind, demoSite: sites, q, page });

  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} className="zx-filters" align="middle">
        {!sites && (
          <Col xs={24} md={10}>
            <Segmented
              block={isMobile}
              value={kind}
              onChange={(v) => {
                setKind(v as ExemplarKind | 'all');
                setPage(1);
              }}
              options={(['all', 'unit', 'person'] as const).map((k) => ({
                value: k,
                label: <span data-testid={`exemplars-kind-${k}`}>{t(`exemplars.kindFilter.${k}`)}</span>,
              }))}
            />
          </Col>
        )}
        <Col xs={24} md={8}>
          <Input.Search
            allowClear
            placeholder={t('exemplars.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            data-testid={sites ? 'sites-search' : 'exemplars-search'}
          />
        </Col>
      </Row>
      <Spin spinning={isFetching}>
        {data && data.items.length === 0 ? (
          <Empty description={sites ? t('exemplars.noSites') : t('exemplars.none')} />
        ) : (
          <Row gutter={[12, 12]} data-testid={sites ? 'sites-grid' : 'exemplars-grid'}>
            {(data?.items ?? []).map((e) => (
              <Col key={e.id} xs={24} sm={12} lg={8} xxl={6}>
                <ExemplarCard e={e} />
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      {data && data.total > 24 && (
        <Pagination
          style={{ marginTop: 16, textAlign: 'center' }}
          current={page}
          pageSize={24}
          total={data.total}
          onChange={setPage}
          showSizeChanger={false}
          simple={isMobile}
          align="center"
        />
      )}
    </>
  );
}

export function ExemplarCard({ e }: { e: ExemplarSummary }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const en = i18n.language === 'en-US';
  return (
    <Card
      hoverable
      size="small"
      onClick={() => navigate(`/exemplars/${e.id}`)}
      data-testid={`exemplar-card-${e.id}`}
      cover={
        e.coverUrl ? (
          <img src={e.coverUrl} alt={e.title} style={{ height: 140, objectFit: 'cover' }} />
        ) : (
          <div
            style={{
              height: 96,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              background: 'linear-gradient(135deg,#fff1f0,#fff7e6)',
              color: '#c8161d',
              fontSize: 36,
            }}
          >
            {e.kind === 'unit' ? <TeamOutlined /> : <UserOutlined />}
          </div>
        )
      }
    >
      <Typography.Text strong style={{ fontSize: 16, display: 'block' }} ellipsis>
        {e.nomineeName}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }} ellipsis>
        {e.title}
      </Typography.Text>
      <Space size={4} wrap style={{ marginTop: 6 }}>
        {e.level && (
          <Tag color="red" icon={<TrophyOutlined />}>
            {en ? e.level.nameEn : e.level.nameZh}
          </Tag>
        )}
        <Tag>{t(`exemplars.kind.${e.kind}`)}</Tag>
        {e.demoSite && (
          <Tag color="gold" icon={<EnvironmentOutlined />}>
            {t('exemplars.demoSite')}
            {e.visitCount ? ` · ${t('exemplars.visitsN', { n: e.visitCount })}` : ''}
          </Tag>
        )}
        {e.status !== 'selected' && <Tag color={STATUS_COLOR[e.status]}>{t(`exemplars.status.${e.status}`)}</Tag>}
      </Space>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
        {e.status === 'selected'
          ? t('exemplars.selectedBy', { org: e.selectorOrgName ?? '', date: e.decidedOn ?? '' })
          : t('exemplars.nominatedBy', { org: e.nominatorOrgName, date: e.nominatedOn })}
      </Typography.Text>
    </Card>
  );
}

/** Nominations seen from here: those this organization may decide on first, then all by status. */
function Nominations() {
  const { t } = useTranslation();
  const can = useCan();
  const isMobile = useIsMobile();
  const [status, setStatus] = useState<ExemplarStatus>('nominated');
  const [mine, setMine] = useState(can('exemplar.select'));
  const [page, setPage] = useState(1);
  const { data, isFetching } = useExemplars({ status, decidable: mine && status === 'nominated', page });

  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} className="zx-filters" align="middle">
        <Col xs={24} md={14}>
          <Segmented
            block={isMobile}
            value={status}
            onChange={(v) => {
              setStatus(v as ExemplarStatus);
              setPage(1);
            }}
            options={(['nominated', 'not_selected', 'withdrawn'] as const).map((s) => ({
              value: s,
              label: <span data-testid={`nominations-status-${s}`}>{t(`exemplars.status.${s}`)}</span>,
            }))}
          />
        </Col>
        {can('exemplar.select') && status === 'nominated' && (
          <Col xs={24} md={10}>
            <Space>
              <Switch
                checked={mine}
                onChange={(v) => {
                  setMine(v);
                  setPage(1);
                }}
                data-testid="nominations-decidable"
              />
              <span>{t('exemplars.decidableOnly')}</span>
            </Space>
          </Col>
        )}
      </Row>
      <Spin spinning={isFetching}>
        {data && data.items.length === 0 ? (
          <Empty description={t('exemplars.noNominations')} />
        ) : (
          <Row gutter={[12, 12]} data-testid="nominations-grid">
            {(data?.items ?? []).map((e) => (
              <Col key={e.id} xs={24} sm={12} lg={8} xxl={6}>
                <ExemplarCard e={e} />
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      {data && data.total > 24 && (
        <Pagination
          style={{ marginTop: 16 }}
          current={page}
          pageSize={24}
          total={data.total}
          onChange={setPage}
          showSizeChanger={false}
          simple={isMobile}
          align="center"
        />
      )}
    </>
  );
}
