import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useTemplates, type Campaign } from './api.ts';

interface Values {
  templateId: number;
  orgId: number;
  name: string;
  slogan?: string;
  ranges: Record<string, [Dayjs, Dayjs] | undefined>;
}

/** Launch a campaign from a template (or clone `source` into a new year): name, slogan, phase dates. */
export function CampaignFormModal({ open, source, onClose }: { open: boolean; source: Campaign | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { data: templates = [] } = useTemplates(open);
  const templateId = Form.useWatch('templateId', form) ?? source?.templateId;
  const phases = source?.phases ?? templates.find((x) => x.id === templateId)?.definition.phases ?? [];
  const en = i18n.language === 'en-US';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const nextYear = (d?: string) => (d ? dayjs(d).add(1, 'year') : undefined);
    form.setFieldsValue({
      templateId: source?.templateId ?? templates[0]?.id,
      orgId: source?.orgId ?? me.grant.orgId,
      name: source ? source.name.replace(/\d{4}/, (y) => String(Number(y) + 1)) : '',
      slogan: source?.slogan ?? '',
      ranges: Object.fromEntries((source?.phases ?? []).map((p) => [p.key, p.startsOn && p.endsOn ? [nextYear(p.startsOn)!, nextYear(p.endsOn)!] : undefined])),
    });
  }, [open, source, templates, form, me.grant.orgId]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        slogan: v.slogan || null,
        phases: phases
          .filter((p) => v.ranges?.[p.key])
          .map((p) => ({ key: p.key, startsOn: v.ranges[p.key]![0].format('YYYY-MM-DD'), endsOn: v.ranges[p.key]![1].format('YYYY-MM-DD') })),
      };
      return source
        ? api.POST('/campaigns/{id}/clone', { params: { path: { id: source.id } }, body })
        : api.POST('/campaigns', { body: { ...body, templateId: v.templateId, orgId: v.orgId } });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
      message.success(t('campaign.created'));
      onClose();
    },
    onError: (e) => {
      // Phase errors come back as 'phases.N…': show each under its phase's date range.
      const rest = applyFieldErrors(
        form,
        e,
        i18n.language,
        Object.fromEntries(
          phases.flatMap((_p, i) => [
            [`phases.${i}`, 'ranges'],
            [`phases.${i}.startsOn`, 'ranges'],
            [`phases.${i}.endsOn`, 'ranges'],
          ]),
        ),
      );
      message.error(rest.length ? rest.map((x) => x.message).join('；') : errorText(e, i18n.language));
    },
  });

  return (
    <Modal
      open={open}
      title={source ? t('campaign.cloneTitle') : t('campaign.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={source ? t('campaign.clone') : t('campaign.create')}
      confirmLoading={save.isPending}
      width={isMobile ? '100%' : 640}
      wrapProps={{ 'data-testid': 'campaign-form-modal' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {!source && (
          <>
            <Form.Item name="templateId" label={t('campaign.template')} rules={[{ required: true }]}>
              <Select options={templates.map((x) => ({ value: x.id, label: en ? x.nameEn : x.nameZh }))} data-testid="campaign-form-template" />
            </Form.Item>
            <Form.Item name="orgId" label={t('campaign.org')} extra={t('campaign.orgHint')} rules={[{ required: true }]}>
              <OrgSelect initial={{ id: me.grant.orgId, name: me.grant.orgName }} testId="campaign-form-org" />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('campaign.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="campaign-form-name" placeholder={t('campaign.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="slogan" label={t('campaign.slogan')} rules={[{ max: 200 }]}>
          <Input data-testid="campaign-form-slogan" />
        </Form.Item>
        {phases.map((p, i) => (
          <Form.Item
            key={p.key}
            name={['ranges', p.key]}
            label={`${i + 1}. ${en ? p.nameEn : p.nameZh}`}
            rules={[{ required: true, message: t('campaign.datesRequired') }]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} data-testid={`campaign-form-phase-${p.key}`} inputReadOnly={isMobile} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
