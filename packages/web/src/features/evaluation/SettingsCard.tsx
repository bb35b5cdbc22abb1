import { App, Button, Card, Descriptions, Form, InputNumber, Skeleton, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { evaluationApi, useEvaluationMutation, useEvaluationSettings, type EvaluationSettings } from './api.ts';

interface FormValues {
  num: number;
  den: number;
  strict: boolean;
  excellentCapPercent: number;
  reevaluationMonths: number;
  reevaluationMinMonths: number;
  reevaluationMaxMonths: number;
}

/** The evaluation rules in force (quorum, 优秀 cap, re-evaluation window); editable at the top of the tree. */
export function SettingsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { data } = useEvaluationSettings();
  const save = useEvaluationMutation((s: EvaluationSettings) => evaluationApi.saveSettings(s));
  const [form] = Form.useForm<FormValues>();
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const s = data.settings;
  const rules = (
    <Descriptions
      size="small"
      column={1}
      bordered={!isMobile}
      data-testid="evaluation-settings"
      items={[
        {
          key: 'q',
          label: t('evaluation.settings.quorum'),
          children: t(s.quorum.strict ? 'evaluation.settings.quorumStrict' : 'evaluation.settings.quorumInclusive', { num: s.quorum.num, den: s.quorum.den }),
        },
        { key: 'cap', label: t('evaluation.settings.cap'), children: t('evaluation.settings.capValue', { p: s.excellentCapPercent }) },
        {
          key: 're',
          label: t('evaluation.settings.reevaluation'),
          children: t('evaluation.settings.reevaluationValue', { m: s.reevaluationMonths, min: s.reevaluationMinMonths, max: s.reevaluationMaxMonths }),
        },
      ]}
    />
  );
  if (!data.canEdit) {
    return (
      <Card>
        {rules}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('evaluation.settings.hint')}
        </Typography.Paragraph>
      </Card>
    );
  }
  const onFinish = (v: FormValues) =>
    save.mutate(
      {
        quorum: { num: v.num, den: v.den, strict: v.strict },
        excellentCapPercent: v.excellentCapPercent,
        reevaluationMonths: v.reevaluationMonths,
        reevaluationMinMonths: v.reevaluationMinMonths,
        reevaluationMaxMonths: v.reevaluationMaxMonths,
      },
      {
        onSuccess: () => message.success(t('common.saved')),
        onError: (e) => {
          applyFieldErrors(form, e, i18n.language, { quorum: 'num' });
          message.error(errorText(e, i18n.language));
        },
      },
    );
  return (
    <Card>
      <Form<FormValues>
        form={form}
        layout={isMobile ? 'vertical' : 'horizontal'}
        labelCol={isMobile ? undefined : { span: 6 }}
        initialValues={{
          num: s.quorum.num,
          den: s.quorum.den,
          strict: s.quorum.strict,
          excellentCapPercent: s.excellentCapPercent,
          reevaluationMonths: s.reevaluationMonths,
          reevaluationMinMonths: s.reevaluationMinMonths,
          reevaluationMaxMonths: s.reevaluationMaxMonths,
        }}
        onFinish={onFinish}
        style={{ maxWidth: 640 }}
      >
        <Form.Item label={t('evaluation.settings.quorum')}>
          <Space wrap>
            <Form.Item name="num" noStyle>
              <InputNumber min={1} max={99} precision={0} style={{ width: 72 }} />
            </Form.Item>
            <span>/</span>
            <Form.Item name="den" noStyle>
              <InputNumber min={1} max={99} precision={0} style={{ width: 72 }} />
            </Form.Item>
            <Form.Item name="strict" valuePropName="checked" noStyle>
              <Switch checkedChildren={t('evaluation.settings.strict')} unCheckedChildren={t('evaluation.settings.inclusive')} />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="excellentCapPercent" label={t('evaluation.settings.cap')}>
          <InputNumber min={0} max={100} precision={0} suffix="%" />
        </Form.Item>
        <Form.Item name="reevaluationMonths" label={t('evaluation.settings.reevaluationMonths')}>
          <InputNumber min={1} max={24} precision={0} />
        </Form.Item>
        <Form.Item label={t('evaluation.settings.window')}>
          <Space>
            <Form.Item name="reevaluationMinMonths" noStyle>
              <InputNumber min={1} max={24} precision={0} style={{ width: 72 }} />
            </Form.Item>
            <span>–</span>
            <Form.Item name="reevaluationMaxMonths" noStyle>
              <InputNumber min={1} max={24} precision={0} style={{ width: 72 }} />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item wrapperCol={isMobile ? undefined : { offset: 6 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="evaluation-settings-save">
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('evaluation.settings.frozen')}
      </Typography.Paragraph>
    </Card>
  );
}
