import { useState, type ReactNode } from 'react';
import { App, Button, Card, Drawer, Empty, Input, InputNumber, List, Pagination, Popconfirm, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useHistory, useTitleActions, useTitles, useUpgradeReport, type TierChange, type TitleCode, type UpgradeRow } from './api.ts';
import { TierTag } from './labels.tsx';

const CHANGES: TierChange[] = ['up', 'down', 'same', 'new', 'none'];
const CHANGE_COLOR: Record<TierChange, string> = { up: 'green', down: 'red', same: 'default', new: 'blue', none: 'default' };
const CHANGE_ICON: Partial<Record<TierChange, ReactNode>> = { up: <ArrowUpOutlined />, down: <ArrowDownOutlined />, same: <MinusOutlined /> };

export function ChangeTag({ change }: { change: TierChange }) {
  const { t } = useTranslation();
  return (
    <Tag color={CHANGE_COLOR[change]} icon={CHANGE_ICON[change]}>
      {t(`assessment.change.${change}`)}
    </Tag>
  );
}

/** 晋档升级: this year's tiers against last year's in the actor's subtree, and the units' titles. */
export function UpgradeReport({ year, setYear }: { year: number; setYear: (y: number) => void }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [change, setChange] = useState<TierChange | 'all'>('all');
  const [page, setPage] = useState(1);
  const [unit, setUnit] = useState<number | null>(null);
  const pageSize = 50;
  const { data, isFetching } = useUpgradeReport({ year, change: change === 'all' ? undefined : change, page, pageSize });
  const open = (r: UpgradeRow) => (
    <Button size={isMobile ? 'middle' : 'small'} icon={<TrophyOutlined />} onClick={() => setUnit(r.orgId)} data-testid={`upgrade-open-${r.orgId}`}>
      {t('assessment.historyAndTitles')}
    </Button>
  );
  return (
    <Card
      size={isMobile ? 'small' : 'default'}
      data-testid="upgrade-report"
      title={
        <Space wrap>
          {t('assessment.upgradeTitle')}
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="upgrade-year" />
        </Space>
      }
    >
      <div className="zx-upgrade-counts">
        {CHANGES.map((c) => (
          <Card key={c} size="small" data-testid={`upgrade-count-${c}`}>
            <Statistic
              title={t(`assessment.change.${c}`)}
              value={data?.counts[c] ?? 0}
              styles={{ content: { color: c === 'up' ? '#389e0d' : c === 'down' ? '#cf1322' : undefined } }}
            />
          </Card>
        ))}
      </div>
      <Segmented
        value={change}
        onChange={(v) => {
          setChange(v as TierChange | 'all');
          setPage(1);
        }}
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        options={[{ value: 'all', label: t('assessment.all') }, ...CHANGES.map((c) => ({ value: c, label: t(`assessment.change.${c}`) }))]}
      />
      {isMobile ? (
        <>
          <List
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <Empty description={t('assessment.noTiers')} /> }}
            renderItem={(r) => (
              <Card size="small" style={{ marginBottom: 8 }} data-testid={`upgrade-row-${r.orgId}`}>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <ChangeTag change={r.change} />
                  </Space>
                  <Typography.Text type="secondary">{r.parentName}</Typography.Text>
                  <Space wrap>
                    {t('assessment.lastYear')}
                    {r.last || r.lastScore != null ? <TierTag tier={r.last} /> : ' — '} → {t('assessment.thisYear')}
                    {r.now || r.nowScore != null ? <TierTag tier={r.now} /> : ' — '}
                  </Space>
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
          locale={{ emptyText: <Empty description={t('assessment.noTiers')} /> }}
          onRow={(r) => ({ 'data-testid': `upgrade-row-${r.orgId}` }) as object}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t('common.totalItems', { n }),
          }}
          columns={[
            { title: t('assessment.unit'), dataIndex: 'name' },
            { title: t('assessment.parent'), dataIndex: 'parentName' },
            {
              title: t('assessment.lastYearCol', { y: year - 1 }),
              key: 'last',
              render: (_: unknown, r) =>
                r.last || r.lastScore != null ? (
                  <Space size={2}>
                    <TierTag tier={r.last} />
                    {r.lastScore != null && <Typography.Text type="secondary">{r.lastScore}</Typography.Text>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('assessment.thisYearCol', { y: year }),
              key: 'now',
              render: (_: unknown, r) =>
                r.now || r.nowScore != null ? (
                  <Space size={2}>
                    <TierTag tier={r.now} />
                    {r.nowScore != null && <Typography.Text type="secondary">{r.nowScore}</Typography.Text>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: t('assessment.changeCol'), dataIndex: 'change', render: (c: TierChange) => <ChangeTag change={c} /> },
            { title: t('common.actions'), key: 'a', render: (_: unknown, r) => open(r) },
          ]}
        />
      )}
      <UnitHistory orgId={unit} year={year} onClose={() => setUnit(null)} />
    </Card>
  );
}

/** A unit's tiers and titles by year, with the titles the ladder lets the level above award this year. */
export function UnitHistory({ orgId, year, onClose }: { orgId: number | null; year: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { data } = useHistory(orgId, year);
  const { award, revoke } = useTitleActions();
  const [note, setNote] = useState('');
  const give = (title: TitleCode) =>
    award.mutate(
      { orgId: orgId!, year, title, note: note || null },
      {
        onSuccess: () => {
          message.success(t('assessment.awarded'));
          setNote('');
        },
        onError: (e) => message.error(errorText(e, i18n.language)),
      },
    );
  return (
    <Drawer open={!!orgId} onClose={onClose} size={isMobile ? '100%' : 560} title={data?.org.name ?? ''} data-testid="unit-history">
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={t('assessment.tierHistory')}>
            {data.tiers.length === 0 ? (
              <Empty description={t('assessment.noTiers')} />
            ) : (
              <List
                size="small"
                dataSource={data.tiers}
                renderItem={(r) => (
                  <List.Item data-testid={`history-tier-${r.year}`}>
                    <Space wrap>
                      <Typography.Text strong>{r.year}</Typography.Text>
                      <TierTag tier={r.tier} />
                      {r.score != null && <span>{r.score}</span>}
                      <ChangeTag change={r.change} />
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('assessment.titlesOf', { y: year })}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input placeholder={t('assessment.titleNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} data-testid="title-note" />
              {data.titleOptions.map((o) => (
                <div key={o.title} className="zx-veto-row" data-testid={`title-option-${o.title}`}>
                  <Space direction="vertical" size={0} style={{ flex: '1 1 220px' }}>
                    <Typography.Text strong>{en ? o.nameEn : o.nameZh}</Typography.Text>
                    {o.problems.map((p) => (
                      <Typography.Text key={p.code} type="secondary">
                        {en ? p.en : p.zh}
                      </Typography.Text>
                    ))}
                  </Space>
                  {o.held ? (
                    <Tag color="red">{t('assessment.held')}</Tag>
                  ) : (
                    <Button
                      type="primary"
                      disabled={!o.canAward}
                      loading={award.isPending}
                      onClick={() => give(o.title)}
                      data-testid={`title-award-${o.title}`}
                    >
                      {t('assessment.award')}
                    </Button>
                  )}
                </div>
              ))}
            </Space>
          </Card>
          <Card size="small" title={t('assessment.titleHistory')}>
            {data.titles.length === 0 ? (
              <Empty description={t('assessment.noTitles')} />
            ) : (
              <List
                size="small"
                dataSource={data.titles}
                renderItem={(r) => (
                  <List.Item
                    data-testid={`history-title-${r.id}`}
                    actions={
                      r.canRevoke
                        ? [
                            <Popconfirm
                              key="r"
                              title={t('assessment.revokeConfirm')}
                              onConfirm={() => revoke.mutate(r.id, { onError: (e) => message.error(errorText(e, i18n.language)) })}
                            >
                              <Button size="small" danger data-testid={`title-revoke-${r.id}`}>
                                {t('assessment.revoke')}
                              </Button>
                            </Popconfirm>,
                          ]
                        : []
                    }
                  >
                    <Space wrap>
                      <Typography.Text strong>{r.year}</Typography.Text>
                      <Tag color="red">{en ? r.nameEn : r.nameZh}</Tag>
                      <Typography.Text type="secondary">{r.awarderOrgName}</Typography.Text>
                      {r.note && <span>{r.note}</span>}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

/** Titles awarded in the subtree for a year. */
export function TitlesList({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const isMobile = useIsMobile();
  const [title, setTitle] = useState<TitleCode | 'all'>('all');
  const [page, setPage] = useState(1);
  const [unit, setUnit] = useState<number | null>(null);
  const { data, isFetching } = useTitles({ year, title: title === 'all' ? undefined : title, page, pageSize: 50 });
  return (
    <Card size={isMobile ? 'small' : 'default'} data-testid="titles-list" title={t('assessment.titlesOf', { y: year })}>
      <Segmented
        value={title}
        onChange={(v) => {
          setTitle(v as TitleCode | 'all');
          setPage(1);
        }}
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        options={[
          { value: 'all', label: t('assessment.all') },
          ...(['standard', 'four_good', 'distinctive', 'red_flag'] as TitleCode[]).map((c) => ({ value: c, label: t(`assessment.title.${c}`) })),
        ]}
      />
      <List
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('assessment.noTitles')} /> }}
        pagination={(data?.total ?? 0) > 50 ? { current: page, pageSize: 50, total: data?.total, onChange: setPage, simple: true } : false}
        renderItem={(r) => (
          <List.Item
            data-testid={`title-row-${r.id}`}
            actions={[
              <Button key="h" size="small" onClick={() => setUnit(r.orgId!)}>
                {t('assessment.historyAndTitles')}
              </Button>,
            ]}
          >
            <Space wrap>
              <Typography.Text strong>{r.orgName}</Typography.Text>
              <Tag color="red">{en ? r.nameEn : r.nameZh}</Tag>
              <Typography.Text type="secondary">
                {r.awarderOrgName} · {r.awardedAt.slice(0, 10)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <UnitHistory orgId={unit} year={year} onClose={() => setUnit(null)} />
    </Card>
  );
}
