import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, List, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyNestedFieldErrors, errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useLabels } from '../../app/labels.ts';
import { useCadrePreview, useCreateRating } from './api.ts';

/** The scales a cadre rating may use (the member and exemplar scales belong to other ballots). */
const RATING_SCALES = ['satisfaction3', 'grade4', 'points10'] as const;
type RatingScale = (typeof RATING_SCALES)[number];
import { useVoteLabels } from './labels.tsx';
import { MIN_REPORTABLE_BALLOTS } from '@zx/domain/assessment/ballot';

interface Values {
  titleZh?: string;
  scale: RatingScale;
  reportYear: number;
  closesAt?: Dayjs | null;
  weighted: boolean;
  memberWeight: number;
  minGroup: number;
  flagBelow: number;
  exemptMonths: number;
}

/** 新建述职评议: the cadres it lists (and who is exempt), the roll it will freeze, the scale and rules. */
export function NewRatingModal({ orgId, onClose, onCreated }: { orgId: number; onClose: () => void; onCreated: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const L = useVoteLabels();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const create = useCreateRating();
  const exemptMonths = Form.useWatch('exemptMonths', form);
  const { data: preview, error: previewError } = useCadrePreview(orgId, typeof exemptMonths === 'number' ? exemptMonths : 3);
  const weighted = Form.useWatch('weighted', form);
  const memberWeight = Form.useWatch('memberWeight', form) ?? 70;
  const minGroup = Form.useWatch('minGroup', form) ?? 5;

  const submit = async () => {
    const v = await form.validateFields();
    setFailure(null);
    try {
      const s = await create.mutateAsync({
        orgId,
        titleZh: v.titleZh || null,
        scale: v.scale,
        reportYear: v.reportYear,
        closesAt: v.closesAt && preview?.canSchedule !== false ? v.closesAt.toISOString() : null,
        settings: {
          minGroup: v.minGroup,
          flagBelow: v.flagBelow / 100,
          exemptMonths: v.exemptMonths,
          weighting: v.weighted ? { memberWeight: v.memberWeight, upperWeight: 100 - v.memberWeight } : null,
        },
      });
      message.success(t('votes.created'));
      onCreated(s.id);
    } catch (e) {
      const rest = applyNestedFieldErrors(
        form,
        e,
        i18n.language,
        (n) => ['titleZh', 'scale', 'reportYear', 'closesAt'].includes(String(n[0])),
        (f) =>
          (
            ({
              'settings.minGroup': 'minGroup',
              'settings.flagBelow': 'flagBelow',
              'settings.exemptMonths': 'exemptMonths',
              'settings.weighting': 'memberWeight',
            }) as Record<string, string>
          )[f] ?? f,
      );
      setFailure(rest.length || !(e as { errors?: unknown[] }).errors?.length ? errorText(e, i18n.language) : null);
    }
  };

  const cadres = preview?.cadres ?? [];
  const rated = cadres.filter((c) => !c.exempt).length;
  return (
    <Modal
      open
      title={t('votes.newRating')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      okButtonProps={{ loading: create.isPending, disabled: !rated, 'data-testid': 'votes-rating-save' } as never}
      width={isMobile ? '100%' : 640}
      style={isMobile ? { top: 0, maxWidth: '100vw', margin: 0, padding: 0 } : undefined}
      destroyOnHidden
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {previewError && <Alert type="error" showIcon message={errorText(previewError, i18n.language)} />}
        {preview && (
          <div data-testid="votes-rating-preview">
            <Typography.Text strong>{t('votes.preview')}</Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {t('votes.previewCadres', { n: rated, m: cadres.length - rated })} · {t('votes.previewRoll', { n: preview.roll.length })}
              </Typography.Text>
            </div>
            {!cadres.length && <Alert type="warning" showIcon message={t('votes.noCadres')} style={{ marginTop: 8 }} />}
            {!preview.roll.length && <Alert type="warning" showIcon message={t('votes.noReps')} style={{ marginTop: 8 }} />}
            {preview.roll.length > 0 && preview.roll.length < minGroup && (
              <Alert type="warning" showIcon message={t('votes.fewReps', { n: minGroup })} style={{ marginTop: 8 }} />
            )}
            <List
              size="small"
              dataSource={cadres}
              style={{ marginTop: 8 }}
              renderItem={(c) => (
                <List.Item>
                  <Space wrap size={4}>
                    <span>{c.name}</span>
                    <Tag>{labels.position(c.position)}</Tag>
                    {c.exempt && (
                      <Tag color="orange" title={c.exemptReason ?? ''}>
                        {t('votes.exempt')}
                      </Tag>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </div>
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            scale: 'satisfaction3',
            reportYear: new Date().getFullYear(),
            weighted: false,
            memberWeight: 70,
            minGroup: 5,
            flagBelow: 60,
            exemptMonths: 3,
            closesAt: dayjs().add(3, 'day').endOf('day'),
          }}
        >
          <Form.Item name="titleZh" label={t('votes.title')}>
            <Input placeholder={t('votes.titlePlaceholder')} maxLength={100} data-testid="votes-rating-title" />
          </Form.Item>
          <Form.Item name="scale" label={t('votes.scale')} rules={[{ required: true }]}>
            <Select data-testid="votes-rating-scale" options={RATING_SCALES.map((c) => ({ value: c, label: L.scaleName(c) }))} />
          </Form.Item>
          <Space wrap size={12}>
            <Form.Item name="reportYear" label={t('votes.reportYear')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: 120 }} />
            </Form.Item>
            {preview?.canSchedule !== false && (
              <Form.Item name="closesAt" label={t('votes.closesAt')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  data-testid="votes-rating-closes"
                />
              </Form.Item>
            )}
          </Space>
          <div>
            <Typography.Text strong>{t('votes.settings')}</Typography.Text>
          </div>
          <div style={{ margin: '4px 0 12px' }}>
            <Typography.Text type="secondary">
              {t('votes.quorum')}：{t('votes.quorumAtLeast', { num: 2, den: 3 })}
            </Typography.Text>
          </div>
          <Form.Item name="weighted" label={t('votes.weighting')} valuePropName="checked">
            <Switch data-testid="votes-rating-weighted" />
          </Form.Item>
          {weighted && (
            <Form.Item
              name="memberWeight"
              label={t('votes.memberWeight')}
              extra={`${t('votes.upperWeight')}: ${100 - memberWeight}`}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={100} style={{ width: 120 }} />
            </Form.Item>
          )}
          <Space wrap size={12}>
            <Form.Item name="minGroup" label={t('votes.minGroup')} tooltip={t('votes.minGroupHint')} rules={[{ required: true }]}>
              <InputNumber min={MIN_REPORTABLE_BALLOTS} max={100} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="flagBelow" label={t('votes.flagBelow')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="exemptMonths" label={t('votes.exemptMonths')} rules={[{ required: true }]}>
              <InputNumber min={0} max={24} style={{ width: 120 }} />
            </Form.Item>
          </Space>
        </Form>
        {failure && <Alert type="error" showIcon message={failure} data-testid="votes-rating-error" />}
      </Space>
    </Modal>
  );
}
