import { useEffect } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import type { SecuritySettings } from '../../api/types.ts';

type NumberField = Exclude<keyof SecuritySettings, 'passwordRefuseCommon'>;

/** Bounds mirror the server's schema; the server is still the judge. */
const NUMBERS: { name: NumberField; min: number; max: number; unit?: string }[] = [
  { name: 'passwordMinLength', min: 8, max: 64, unit: 'chars' },
  { name: 'passwordMinClasses', min: 1, max: 4, unit: 'classes' },
  { name: 'lockoutThreshold', min: 3, max: 20, unit: 'times' },
  { name: 'lockoutMinutes', min: 1, max: 1440, unit: 'minutes' },
  { name: 'sessionIdleMinutes', min: 5, max: 480, unit: 'minutes' },
  { name: 'sessionAbsoluteHours', min: 1, max: 72, unit: 'hours' },
  { name: 'loginRatePerMinute', min: 5, max: 600, unit: 'perMinute' },
  { name: 'auditRetentionDays', min: 180, max: 3650, unit: 'days' },
];

const GROUPS: { title: string; fields: (keyof SecuritySettings)[] }[] = [
  { title: 'settings.groupPassword', fields: ['passwordMinLength', 'passwordMinClasses', 'passwordRefuseCommon'] },
  { title: 'settings.groupLockout', fields: ['lockoutThreshold', 'lockoutMinutes', 'loginRatePerMinute'] },
  { title: 'settings.groupSession', fields: ['sessionIdleMinutes', 'sessionAbsoluteHours'] },
  { title: 'settings.groupAudit', fields: ['auditRetentionDays'] },
];

export default function SecuritySettingsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SecuritySettings>();
  const { data, isPending, error } = useQuery({ queryKey: ['settings', 'security'], queryFn: () => api.GET('/settings/security') });
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  const save = useMutation({
    mutationFn: (v: SecuritySettings) => api.PUT('/settings/security', { body: v }),
    onSuccess: (v) => {
      if (v && typeof v === 'object') qc.setQueryData(['settings', 'security'], v);
      void qc.invalidateQueries({ queryKey: ['settings', 'security'] });
      message.success(t('common.saved'));
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, i18n.language);
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    },
  });

  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error)
    return (
      <Card>
        <Typography.Text type="danger">{errorText(error, i18n.language)}</Typography.Text>
      </Card>
    );

  const renderField = (name: keyof SecuritySettings) => {
    if (name === 'passwordRefuseCommon') {
      return (
        <Form.Item key={name} name={name} label={t(`settings.${name}`)} extra={t(`settings.${name}Hint`)} valuePropName="checked">
          <Switch data-testid={`settings-${name}`} />
        </Form.Item>
      );
    }
    const spec = NUMBERS.find((n) => n.name === name)!;
    return (
      <Form.Item
        key={name}
        name={name}
        label={t(`settings.${name}`)}
        extra={t('settings.range', { min: spec.min, max: spec.max })}
        rules={[{ required: true, type: 'number', min: spec.min, max: spec.max, message: t('settings.range', { min: spec.min, max: spec.max }) }]}
      >
        <InputNumber
          min={spec.min}
          max={spec.max}
          precision={0}
          style={{ width: '100%' }}
          suffix={spec.unit ? t(`settings.units.${spec.unit}`) : undefined}
          data-testid={`settings-${name}`}
        />
      </Form.Item>
    );
  };

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('nav.security')}</h2>
      </div>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="security-settings-form">
        <Row gutter={[16, 16]}>
          {GROUPS.map((g) => (
            <Col key={g.title} xs={24} lg={12}>
              <Card title={t(g.title)} size="small" style={{ height: '100%' }}>
                {g.fields.map(renderField)}
              </Card>
            </Col>
          ))}
        </Row>
        <div style={{ marginTop: 16, display: 'flex', gap: 8 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => data && form.setFieldsValue(data)}>{t('common.reset')}</Button>
        </div>
      </Form>
    </>
  );
}
