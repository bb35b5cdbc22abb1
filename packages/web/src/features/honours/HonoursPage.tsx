import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Drawer, Empty, Form, Input, InputNumber, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { FileTextOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { HONOUR_KINDS, HONOUR_NAMES, type HonourKind } from '@zx/domain/assessment/honour';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { api } from '../../api/client.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCreateRound, useHonourSettings, useRounds, type Round, type RoundBody, type RoundStatus, type RoundSummary } from './api.ts';
import { SettingsDrawer } from './SettingsDrawer.tsx';

export const ROUND_STATUS_COLOR: Record<RoundStatus, string> = { draft: 'default', recommending: 'processing', notice: 'orange', final: 'red' };

export const kindName = (k: HonourKind, lang: string) => (lang === 'en-US' ? HONOUR_NAMES[k].en : HONOUR_NAMES[k].zh);

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

interface FormValues {
  name: string;
  year: number;
  referenceDate: dayjs.Dayjs;
  kinds: HonourKind[];
  noticeDays: number;
  requireLowerTitle: boolean;
  quota: Partial<Record<HonourKind, number>>;
}

/** Creates a round (defaults from the settings), or edits one before its notice (`round`). */
export function RoundDrawer({ open, onClose, onSaved, round }: { open: boolean; onClose: () => void; onSaved?: (id: number) => void; round?: Round }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<FormValues>();
  const settings = useHonourSettings();
  const create = useCreateRound();
  const qc = useQueryClient();
  const update = useMutation({
    mutationFn: (b: Omit<RoundBody, 'year' | 'orgId'>) => api.patch<Round>(`/honours/rounds/${round!.id}`, b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['honour-round'] }),
  });
  const year = new Date().getFullYear();
  const defaults = settings.data?.settings;

  const submit = async (v: FormValues) => {
    try {
      const body = {
        name: v.name,
        referenceDate: v.referenceDate?.format('YYYY-MM-DD') ?? '',
        kinds: v.kinds ?? [],
        noticeDays: v.noticeDays,
        requireLowerTitle: v.requireLowerTitle,
        quotaPercent: v.quota,
      };
      const r = round ? await update.mutateAsync(body) : await create.mutateAsync({ ...body, year: v.year });
      message.success(round ? t('common.saved') : t('honours.created'));
      onClose();
      form.resetFields();
      onSaved?.(r.id);
    } catch (e) {
      const rest = applyFieldErrors(form, e, i18n.language);
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={round ? t('honours.edit') : t('honours.create')}
      width={isMobile ? '100%' : 520}
      destroyOnHidden
      extra={
        <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="honour-round-submit">
          {t('common.save')}
        </Button>
      }
    >
      {defaults && (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={
            round
              ? {
                  name: round.name,
                  year: round.year,
                  referenceDate: dayjs(round.referenceDate),
                  kinds: round.kinds,
                  noticeDays: round.settings.noticeDays,
                  requireLowerTitle: round.requireLowerTitle,
                  quota: { ...round.settings.quotaPercent },
                }
              : {
                  name: t('honours.defaultName', { year }),
                  year,
                  referenceDate: dayjs(`${year}-12-31`),
                  kinds: [...HONOUR_KINDS],
                  noticeDays: defaults.noticeDays,
                  requireLowerTitle: false,
                  quota: { ...defaults.quotaPercent },
                }
          }
        >
          <Form.Item name="name" label={t('honours.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} data-testid="honour-round-name" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="year" label={t('honours.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} disabled={!!round} data-testid="honour-round-year" />
            </Form.Item>
            <Form.Item name="referenceDate" label={t('honours.referenceDate')} tooltip={t('honours.referenceDateHint')} rules={[{ required: true }]}>
              <DatePicker data-testid="honour-round-refdate" />
            </Form.Item>
            <Form.Item name="noticeDays" label={t('honours.noticeDays')}>
              <InputNumber min={1} max={60} addonAfter={t('honours.days')} data-testid="honour-round-notice-days" />
            </Form.Item>
          </Space>
          <Form.Item name="kinds" label={t('honours.kinds')} rules={[{ required: true }]}>
            <Checkbox.Group
              options={HONOUR_KINDS.map((k) => ({ value: k, label: <span data-testid={`honour-round-kind-${k}`}>{kindName(k, i18n.language)}</span> }))}
            />
          </Form.Item>
          <Typography.Text strong>{t('honours.quotaPercent')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('honours.quotaHint')}
          </Typography.Paragraph>
          <Space wrap style={{ marginBottom: 12 }}>
            {HONOUR_KINDS.map((k) => (
              <Form.Item key={k} name={['quota', k]} label={kindName(k, i18n.language)} style={{ marginBottom: 0 }}>
                <InputNumber min={0.1} max={100} step={0.5} addonAfter="%" style={{ width: 130 }} data-testid={`honour-round-quota-${k}`} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="requireLowerTitle" label={t('honours.requireLowerTitle')} valuePropName="checked" tooltip={t('honours.requireLowerTitleHint')}>
            <Switch data-testid="honour-round-lower-title" />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            <SettingOutlined />{' '}
            {t('honours.settingsHint', {
              age: defaults.maxAge,
              years: defaults.minMembershipYears,
              hours: defaults.minVolunteerHours,
              tasks: defaults.minTaskCompletionPercent,
              dues: defaults.maxArrearsPercent,
            })}
          </Typography.Paragraph>
        </Form>
      )}
    </Drawer>
  );
}
