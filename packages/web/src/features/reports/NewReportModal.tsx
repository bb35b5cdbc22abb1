import { useEffect, useMemo } from 'react';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applyNestedFieldErrors, errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useOrgTypes } from '../../app/labels.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useCampaigns, useTemplates } from '../campaigns/api.ts';
import { useCreateReport } from './api.ts';

interface Values {
  orgId?: number;
  title?: string;
  guidance?: string;
  dueOn?: Dayjs;
  types?: string[];
  depth?: number | null;
  campaignId?: number | null;
  taskKey?: string | null;
}

const FIELDS = new Set(['orgId', 'title', 'guidance', 'dueOn', 'types', 'depth', 'campaignId', 'taskKey']);
const alias = (f: string) => (f === 'filter.types' ? 'types' : f === 'filter.depth' || f === 'filter' ? 'types' : f);

/** 发起书面汇报: which units below (by type and level), the deadline, the guidance, and optionally the campaign task it completes. */
export function NewReportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const { data: types = [] } = useOrgTypes();
  const { data: campaigns = [] } = useCampaigns();
  const { data: templates = [] } = useTemplates();
  const campaignId = Form.useWatch('campaignId', form);
  const create = useCreateReport();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ orgId: me.grant.orgId, dueOn: dayjs().add(7, 'day'), depth: 0, types: [] });
  }, [open, form, me.grant.orgId]);

  /** Tasks completed by a written report, from the campaign's template. */
  const tasks = useMemo(() => {
    const c = campaigns.find((x) => x.id === campaignId);
    const tpl = c && templates.find((x) => x.id === c.templateId);
    return (tpl?.definition.phases ?? []).flatMap((p) => p.tasks).filter((x) => x.evidence.kind === 'report_submitted');
  }, [campaigns, templates, campaignId]);

  const submit = (v: Values) =>
    create.mutate(
      {
        orgId: v.orgId!,
        title: v.title ?? '',
        guidance: v.guidance ?? '',
        dueOn: v.dueOn!.format('YYYY-MM-DD'),
        campaignId: v.campaignId ?? null,
        taskKey: v.taskKey ?? null,
        filter: { types: v.types?.length ? v.types : undefined, depth: v.depth || null },
      },
      {
        onSuccess: (created) => {
          const n = created.side === 'requester' ? created.board.counts.total : 0;
          message.success(t('reports.created', { n }));
          onClose();
          navigate(`/reports/${created.request.id}`);
        },
        onError: (e) => {
          const rest = applyNestedFieldErrors(form, e, i18n.language, (name) => FIELDS.has(String(name[0])), alias);
          message.error(rest.length ? rest.map((x) => x.message).join('；') : errorText(e, i18n.language));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('reports.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('reports.send')}
      okButtonProps={{ 'data-testid': 'report-form-submit' } as ButtonProps}
      confirmLoading={create.isPending}
      width={isMobile ? '100%' : 720}
      wrapProps={{ 'data-testid': 'report-form-modal' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="orgId" label={t('reports.requestOrg')} rules={[{ required: true }]}>
              <OrgSelect initial={{ id: me.grant.orgId, name: me.grant.orgName }} testId="report-form-org" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="dueOn" label={t('reports.dueOn')} rules={[{ required: true, message: t('reports.dueRequired') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} inputReadOnly={isMobile} data-testid="report-form-due" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('reports.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('reports.titleRequired') }, { max: 100 }]}
        >
          <Input data-testid="report-form-title" />
        </Form.Item>
        <Form.Item name="guidance" label={t('reports.guidance')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('reports.guidancePlaceholder')} data-testid="report-form-guidance" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="types" label={t('reports.types')} extra={t('reports.typesHint')}>
              <Select
                mode="multiple"
                allowClear
                options={types.map((x) => ({ value: x.code, label: en ? x.nameEn : x.nameZh }))}
                data-testid="report-form-types"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="depth" label={t('reports.depth')}>
              <Select
                options={[
                  { value: 0, label: t('reports.depthAll') },
                  ...[1, 2, 3, 4].map((n) => ({ value: n, label: n === 1 ? t('reports.depthChildren') : t('reports.depthN', { n }) })),
                ]}
                data-testid="report-form-depth"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="campaignId" label={t('reports.campaign')}>
              <Select
                allowClear
                placeholder={t('reports.campaignNone')}
                options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
                onChange={() => form.setFieldValue('taskKey', null)}
                data-testid="report-form-campaign"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="taskKey" label={t('reports.task')} extra={t('reports.taskHint')}>
              <Select
                allowClear
                disabled={!campaignId}
                options={tasks.map((x) => ({ value: x.key, label: en ? x.nameEn : x.nameZh }))}
                data-testid="report-form-task"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
