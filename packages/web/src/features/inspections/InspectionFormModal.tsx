import { useEffect } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NewInspection } from '@zx/domain';
import { api } from '../../api/client.ts';
import { applyNestedFieldErrors, errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useCampaigns } from '../campaigns/api.ts';

interface Values {
  orgId?: number;
  campaignId?: number | null;
  visitedOn?: Dayjs;
  findings?: string;
  score?: number | null;
  items: { description?: string; owner?: string; dueOn?: Dayjs }[];
}

const FIELDS = new Set(['orgId', 'campaignId', 'visitedOn', 'findings', 'score', 'items']);

/** 记录检查指导: the unit visited, the date, findings, an optional score and the rectification items. */
export function InspectionFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { data: campaigns = [] } = useCampaigns();
  const visitedOn = Form.useWatch('visitedOn', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ visitedOn: dayjs(), items: [{}] });
  }, [open, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: NewInspection = {
        orgId: v.orgId!,
        campaignId: v.campaignId ?? null,
        visitedOn: v.visitedOn!.format('YYYY-MM-DD'),
        findings: v.findings ?? '',
        score: v.score ?? null,
        items: (v.items ?? []).map((x) => ({ description: x.description ?? '', owner: x.owner ?? '', dueOn: x.dueOn?.format('YYYY-MM-DD') ?? '' })),
      };
      return api.POST('/inspections', { body });
    },
    onSuccess: (created) => {
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      void qc.invalidateQueries({ queryKey: ['rectifications'] });
      message.success(t('inspections.recorded'));
      onClose();
      navigate(`/inspections/${created.id}`);
    },
    onError: (e) => {
      const rest = applyNestedFieldErrors(form, e, i18n.language, (name) => FIELDS.has(String(name[0])));
      message.error(rest.length ? rest.map((x) => x.message).join('；') : errorText(e, i18n.language));
    },
  });

  return (
    <Modal
      open={open}
      title={t('inspections.recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      width={isMobile ? '100%' : 760}
      wrapProps={{ 'data-testid': 'inspection-form-modal' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark="optional">
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item
              name="orgId"
              label={t('inspections.unit')}
              extra={t('inspections.unitHint')}
              rules={[{ required: true, message: t('inspections.unitRequired') }]}
            >
              <OrgSelect excludeIds={[me.grant.orgId]} testId="inspection-form-org" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="visitedOn" label={t('inspections.visitedOn')} rules={[{ required: true, message: t('inspections.dateRequired') }]}>
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                inputReadOnly={isMobile}
                data-testid="inspection-form-visited-on"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="campaignId" label={t('inspections.campaign')}>
              <Select
                allowClear
                placeholder={t('inspections.campaignNone')}
                options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
                data-testid="inspection-form-campaign"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="score" label={t('inspections.score')} extra={t('inspections.scoreHint')}>
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} data-testid="inspection-form-score" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="findings"
          label={t('inspections.findings')}
          rules={[{ required: true, whitespace: true, message: t('inspections.findingsRequired') }, { max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder={t('inspections.findingsPlaceholder')} data-testid="inspection-form-findings" />
        </Form.Item>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('inspections.items')}
        </Typography.Title>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={t('inspections.itemN', { n: i + 1 })}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('inspections.removeItem')}
                      data-testid={`inspection-form-item-${i}-remove`}
                    />
                  }
                  data-testid={`inspection-form-item-${i}`}
                >
                  <Form.Item
                    name={[f.name, 'description']}
                    label={t('inspections.itemDescription')}
                    rules={[{ required: true, whitespace: true, message: t('inspections.itemDescriptionRequired') }, { max: 1000 }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`inspection-form-item-${i}-description`} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[f.name, 'owner']}
                        label={t('inspections.owner')}
                        rules={[{ required: true, whitespace: true, message: t('inspections.ownerRequired') }, { max: 60 }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input data-testid={`inspection-form-item-${i}-owner`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[f.name, 'dueOn']}
                        label={t('inspections.dueOn')}
                        rules={[{ required: true, message: t('inspections.dateRequired') }]}
                        style={{ marginBottom: 0 }}
                      >
                        <DatePicker
                          style={{ width: '100%' }}
                          disabledDate={(d) => !!visitedOn && d.isBefore(visitedOn, 'day')}
                          inputReadOnly={isMobile}
                          data-testid={`inspection-form-item-${i}-due`}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid="inspection-form-add-item">
                {t('inspections.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
