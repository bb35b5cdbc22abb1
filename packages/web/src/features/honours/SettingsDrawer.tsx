import { App, Button, Drawer, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { HONOUR_KINDS, type HonourSettings } from '@zx/domain/assessment/honour';
import { TIER_CODES, TIER_NAMES } from '@zx/domain/assessment/rubric';
import { api } from '../../api/client.ts';
import { applyNestedFieldErrors, errorText } from '../../api/forms.ts';
import { useOrgTypes } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useHonourSettings } from './api.ts';
import { kindName } from './labels.ts';

const NUMBERS: Array<{
  key: keyof HonourSettings;
  min: number;
  max: number;
  step?: number;
  unit?: 'years' | 'hours' | 'percent' | 'months' | 'days' | 'chars';
}> = [
  { key: 'maxAge', min: 14, max: 40, unit: 'years' },
  { key: 'minMembershipYears', min: 0, max: 20, unit: 'years' },
  { key: 'excellentWindow', min: 1, max: 10, unit: 'years' },
  { key: 'minExcellent', min: 0, max: 10 },
  { key: 'minVolunteerHours', min: 0, max: 2000, step: 0.5, unit: 'hours' },
  { key: 'minTaskCompletionPercent', min: 0, max: 100, unit: 'percent' },
  { key: 'maxArrearsPercent', min: 0, max: 100, step: 0.5, unit: 'percent' },
  { key: 'minUnitAgeMonths', min: 0, max: 240, unit: 'months' },
  { key: 'noticeDays', min: 1, max: 60, unit: 'days' },
  { key: 'objectionMinChars', min: 1, max: 200, unit: 'chars' },
];

/** 评选规则: every number of the honour rules; edited at the top of the tree, read everywhere else. */
export function SettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<HonourSettings>();
  const { data } = useHonourSettings();
  const { data: types = [] } = useOrgTypes();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: HonourSettings) => api.PUT('/honours/settings', { body: v }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['honour-settings'] }),
  });
  const en = i18n.language === 'en-US';
  const canEdit = !!data?.canEdit;
  const submit = async (v: HonourSettings) => {
    try {
      await save.mutateAsync({ ...data!.settings, ...v });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      const rest = applyNestedFieldErrors(form, e, i18n.language, () => true);
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    }
  };
  const typeOptions = types.map((x) => ({ value: x.code, label: en ? x.nameEn : x.nameZh }));
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('honours.settings.title')}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      extra={
        canEdit ? (
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="honour-settings-save">
            {t('common.save')}
          </Button>
        ) : undefined
      }
    >
      <Typography.Paragraph type="secondary">{canEdit ? t('honours.settings.hint') : t('honours.settings.readOnly')}</Typography.Paragraph>
      {data && (
        <Form form={form} layout="vertical" disabled={!canEdit} onFinish={submit} initialValues={data.settings} data-testid="honour-settings-form">
          <Space wrap>
            {NUMBERS.map((n) => (
              <Form.Item key={n.key} name={n.key} label={t(`honours.settings.${n.key}`)} style={{ width: isMobile ? '100%' : 240 }}>
                <InputNumber
                  min={n.min}
                  max={n.max}
                  step={n.step ?? 1}
                  style={{ width: '100%' }}
                  addonAfter={n.unit ? t(`honours.settings.unit.${n.unit}`) : undefined}
                  data-testid={`honour-setting-${n.key}`}
                />
              </Form.Item>
            ))}
            <Form.Item name="minTier" label={t('honours.settings.minTier')} style={{ width: isMobile ? '100%' : 240 }}>
              <Select options={TIER_CODES.map((c) => ({ value: c, label: en ? TIER_NAMES[c].en : TIER_NAMES[c].zh }))} data-testid="honour-setting-minTier" />
            </Form.Item>
          </Space>
          <Typography.Text strong>{t('honours.quotaPercent')}</Typography.Text>
          <Space wrap style={{ marginTop: 8 }}>
            {HONOUR_KINDS.map((k) => (
              <Form.Item key={k} name={['quotaPercent', k]} label={kindName(k, i18n.language)}>
                <InputNumber min={0.1} max={100} step={0.5} addonAfter="%" style={{ width: 130 }} data-testid={`honour-setting-quota-${k}`} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="committeeTypes" label={t('honours.settings.committeeTypes')}>
            <Select mode="multiple" options={typeOptions} />
          </Form.Item>
          <Form.Item name="branchTypes" label={t('honours.settings.branchTypes')}>
            <Select mode="multiple" options={typeOptions} />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
