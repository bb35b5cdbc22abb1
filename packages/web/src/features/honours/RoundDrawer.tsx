import { App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { HONOUR_KINDS, type HonourKind } from '@zx/domain/assessment/honour';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { api } from '../../api/client.ts';
import { useCreateRound, useHonourSettings, type Round, type RoundBody } from './api.ts';
import { kindName } from './labels.ts';

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
    mutationFn: (b: Omit<RoundBody, 'year' | 'orgId'>) => api.PATCH('/honours/rounds/{id}', { params: { path: { id: round!.id } }, body: b }),
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
