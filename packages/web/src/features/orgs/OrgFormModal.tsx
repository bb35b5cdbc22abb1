import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import type { OrgDetail, OrgNode } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';

interface Values {
  name: string;
  code: string;
  typeCode: string;
  foundedOn?: Dayjs | null;
  responsiblePerson?: string;
  contactPhone?: string;
}

type Props =
  | { mode: 'create'; parent: OrgDetail; open: boolean; onClose: (created?: OrgNode) => void }
  | { mode: 'edit'; org: OrgDetail; open: boolean; onClose: (created?: OrgNode) => void };

/** 新建下级组织 / 编辑: field errors from the server land on their fields. */
export function OrgFormModal(props: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = props.mode === 'edit' ? props.org : null;
  const parentType = props.mode === 'create' ? props.parent.typeCode : null;
  const parentRank = labels.types.find((x) => x.code === parentType)?.rank ?? -1;
  const typeOptions = labels.types
    .filter((x) => (editing ? true : x.rank > parentRank))
    .map((x) => ({ value: x.code, label: labels.en ? x.nameEn : x.nameZh }));

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        name: editing.name,
        code: editing.code,
        typeCode: editing.typeCode,
        foundedOn: editing.foundedOn ? dayjs(editing.foundedOn) : null,
        responsiblePerson: editing.responsiblePerson ?? '',
      });
    } else if (typeOptions.length) {
      form.setFieldsValue({ typeCode: typeOptions[typeOptions.length - 1].value });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        name: v.name.trim(),
        code: v.code.trim(),
        typeCode: v.typeCode,
        foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null,
        responsiblePerson: v.responsiblePerson?.trim() || null,
      };
      const phone = v.contactPhone?.trim();
      if (editing) {
        // The phone is only shown masked: an empty box on edit leaves it unchanged.
        return api.PATCH('/orgs/{id}', { params: { path: { id: editing.id } }, body: { ...fields, ...(phone ? { contactPhone: phone } : {}) } });
      }
      // A new organization: what was left empty is not sent.
      const parentId = (props as { parent: OrgDetail }).parent.id;
      return api.POST('/orgs', {
        body: {
          parentId,
          name: fields.name,
          code: fields.code,
          typeCode: fields.typeCode,
          foundedOn: fields.foundedOn ?? undefined,
          responsiblePerson: fields.responsiblePerson ?? undefined,
          contactPhone: phone || undefined,
        },
      });
    },
    onSuccess: async (org) => {
      message.success(editing ? t('common.saved') : t('org.created'));
      await qc.invalidateQueries({ queryKey: ['orgs'] });
      props.onClose(org);
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, i18n.language);
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    },
  });

  return (
    <Modal
      open={props.open}
      title={editing ? t('org.editTitle', { name: editing.name }) : t('org.createTitle', { name: (props as { parent: OrgDetail }).parent.name })}
      onCancel={() => props.onClose()}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'org-form-modal' }}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, { max: 100 }]}>
          <Input data-testid="org-form-name" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          extra={t('org.codeHint')}
          rules={[
            { required: true, message: t('org.codeRequired') },
            { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('org.codeInvalid') },
          ]}
        >
          <Input data-testid="org-form-code" maxLength={40} />
        </Form.Item>
        <Form.Item name="typeCode" label={t('org.type')} rules={[{ required: true }]}>
          <Select options={typeOptions} data-testid="org-form-type" />
        </Form.Item>
        <Form.Item name="foundedOn" label={t('org.foundedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('org.responsiblePerson')} rules={[{ max: 30 }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('org.contactPhone')}
          extra={editing?.contactPhoneMasked ? t('org.contactPhoneKeep', { masked: editing.contactPhoneMasked }) : undefined}
        >
          <Input inputMode="tel" maxLength={20} placeholder={editing?.contactPhoneMasked ?? ''} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
