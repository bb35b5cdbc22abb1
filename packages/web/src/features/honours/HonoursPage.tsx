import { useState } from 'react';
import { Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { FileTextOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useRounds, type RoundSummary } from './api.ts';
import { kindName, ROUND_STATUS_COLOR } from './labels.ts';
import { RoundDrawer } from './RoundDrawer.tsx';
import { SettingsDrawer } from './SettingsDrawer.tsx';

/** 两红两优: the honour rounds this account can see (a member sees the notices of their organizations). */
export default function HonoursPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const can = useCan();
  const { data, isLoading } = useRounds();
  const [creating, setCreating] = useState(false);
  const [settings, setSettings] = useState(false);
  const items = data?.items ?? [];

  const kinds = (r: RoundSummary) => (
    <Space size={4} wrap>
      {r.kinds.map((k) => (
        <Tag key={k} color="red">
          {kindName(k, i18n.language)}
        </Tag>
      ))}
    </Space>
  );
  const status = (r: RoundSummary) => (
    <Tag color={ROUND_STATUS_COLOR[r.status]} data-testid={`honour-round-status-${r.id}`}>
      {t(`honours.status.${r.status}`)}
    </Tag>
  );
  const notice = (r: RoundSummary) => (r.noticeStartsOn ? `${r.noticeStartsOn} ~ ${r.noticeEndsOn}` : '—');

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('honours.title')}</h2>
        <Space wrap>
          {can('honour.manage') && (
            <Button icon={<SettingOutlined />} onClick={() => setSettings(true)} data-testid="honour-settings">
              {t('honours.settings.title')}
            </Button>
          )}
          {can('honour.read') && (
            <Button icon={<FileTextOutlined />} onClick={() => navigate('/honours/data')} data-testid="honours-data-link">
              {t('honours.data.nav')}
            </Button>
          )}
          {data?.canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="honour-round-create">
              {t('honours.create')}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('honours.intro')}</Typography.Paragraph>
      <Spin spinning={isLoading}>
        {!isLoading && !items.length ? (
          <Empty description={t('honours.none')} />
        ) : isMobile ? (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="honour-rounds-cards">
            {items.map((r) => (
              <Card key={r.id} size="small" hoverable onClick={() => navigate(`/honours/${r.id}`)} data-testid={`honour-round-card-${r.id}`}>
                <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
                  {r.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {r.orgName} · {r.year}
                </Typography.Text>
                <div style={{ margin: '6px 0' }}>
                  {status(r)} {kinds(r)}
                </div>
                {r.noticeStartsOn && (
                  <Typography.Text type="secondary">
                    {t('honours.noticePeriod')}：{notice(r)}
                  </Typography.Text>
                )}
              </Card>
            ))}
          </Space>
        ) : (
          <Table
            rowKey="id"
            dataSource={items}
            pagination={false}
            data-testid="honour-rounds-table"
            onRow={(r) => ({ onClick: () => navigate(`/honours/${r.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('honours.name'), dataIndex: 'name', render: (v: string, r) => <a data-testid={`honour-round-link-${r.id}`}>{v}</a> },
              { title: t('honours.org'), dataIndex: 'orgName' },
              { title: t('honours.year'), dataIndex: 'year', width: 90 },
              { title: t('honours.kinds'), render: (_: unknown, r) => kinds(r) },
              { title: t('honours.statusLabel'), render: (_: unknown, r) => status(r), width: 110 },
              { title: t('honours.noticePeriod'), render: (_: unknown, r) => notice(r), width: 210 },
            ]}
          />
        )}
      </Spin>
      <RoundDrawer open={creating} onClose={() => setCreating(false)} onSaved={(id) => navigate(`/honours/${id}`)} />
      <SettingsDrawer open={settings} onClose={() => setSettings(false)} />
    </>
  );
}
