import { useEffect } from 'react';
import { Alert, App, Collapse, DatePicker, Form, InputNumber, Modal, Select, Space, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from '@zx/domain';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useCampaigns } from '../campaigns/api.ts';
import { useGenerateBulletin } from './api.ts';

interface Values {
  campaignId: number;
  orgId: number;
  period: [Dayjs, Dayjs];
  weights: ScoreWeights;
}

const PARTS = ['tasks', 'plans', 'participation', 'activities'] as const;

/** 生成通报: campaign, issuing organization, period and (optionally) the score weights. */
export function GenerateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { data: campaigns = [] } = useCampaigns();
  const generate = useGenerateBulletin();
  const weights = Form.useWatch('weights', form);
  const sum = weights ? PARTS.reduce((s, p) => s + (Number(weights[p]) || 0), 0) : 1;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const running = campaigns.find((c) => c.status === 'running') ?? campaigns[0];
    const phase = running?.phases.find((p) => p.key === running.currentPhase) ?? running?.phases[0];
    form.setFieldsValue({
      campaignId: running?.id,
      orgId: me.grant.orgId,
      period: [dayjs(phase?.startsOn ?? dayjs().startOf('month')), dayjs().isAfter(dayjs(phase?.endsOn)) ? dayjs(phase?.endsOn) : dayjs()],
      weights: DEFAULT_SCORE_WEIGHTS,
    });
  }, [open, campaigns, form, me.grant.orgId]);

  const submit = (v: Values) =>
    generate.mutate(
      {
        campaignId: v.campaignId,
        orgId: v.orgId,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        weights: v.weights,
      },
      {
        onSuccess: (b) => {
          message.success(t('bulletins.generated'));
          onClose();
          navigate(`/bulletins/${b.id}`);
        },
        onError: (e) => {
          const rest = applyFieldErrors(form, e, i18n.language, { periodFrom: 'period', periodTo: 'period' });
          const weightErrors = rest.filter((x) => x.field.startsWith('weights'));
          form.setFields(
            weightErrors.map((x) => ({
              name: (x.field === 'weights' ? ['weights', 'tasks'] : x.field.split('.')) as never,
              errors: [x.messages ? (i18n.language === 'en-US' ? x.messages.en : x.messages.zh) : x.message],
            })),
          );
          message.error(errorText(e, i18n.language));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('bulletins.generateTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('bulletins.generate')}
      okButtonProps={{ 'data-testid': 'bulletin-generate-submit' } as ButtonProps}
      confirmLoading={generate.isPending}
      width={isMobile ? '100%' : 640}
      wrapProps={{ 'data-testid': 'bulletin-generate-modal' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="campaignId" label={t('bulletins.campaign')} rules={[{ required: true, message: t('bulletins.campaignRequired') }]}>
          <Select options={campaigns.map((c) => ({ value: c.id, label: c.name }))} data-testid="bulletin-generate-campaign" />
        </Form.Item>
        <Form.Item name="orgId" label={t('bulletins.issuer')} extra={t('bulletins.issuerHint')} rules={[{ required: true }]}>
          <OrgSelect initial={{ id: me.grant.orgId, name: me.grant.orgName }} testId="bulletin-generate-org" />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('bulletins.period')}
          extra={t('bulletins.periodHint')}
          rules={[{ required: true, message: t('bulletins.periodRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly={isMobile} data-testid="bulletin-generate-period" />
        </Form.Item>
        <Collapse
          size="small"
          data-testid="bulletin-generate-weights"
          items={[
            {
              key: 'w',
              label: t('bulletins.weightsTitle'),
              forceRender: true,
              children: (
                <>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    {t('bulletins.formula')}
                  </Typography.Paragraph>
                  <Space wrap size={[12, 0]}>
                    {PARTS.map((p) => (
                      <Form.Item key={p} name={['weights', p]} label={t(`bulletins.weight.${p}`)} style={{ marginBottom: 8 }}>
                        <InputNumber min={0} max={1} step={0.05} style={{ width: 110 }} data-testid={`bulletin-weight-${p}`} />
                      </Form.Item>
                    ))}
                    <Form.Item name={['weights', 'activityTarget']} label={t('bulletins.weight.activityTarget')} style={{ marginBottom: 8 }}>
                      <InputNumber min={0.5} max={100} step={1} style={{ width: 110 }} data-testid="bulletin-weight-activityTarget" />
                    </Form.Item>
                  </Space>
                  {Math.abs(sum - 1) > 0.001 && <Alert type="warning" showIcon message={t('bulletins.weightsSum', { sum: Math.round(sum * 1000) / 1000 })} />}
                </>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}
