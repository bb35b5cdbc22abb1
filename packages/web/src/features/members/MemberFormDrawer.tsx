import { useEffect } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { validateIdCard } from '@zx/domain/people/idcard';
import { validateMobile } from '@zx/domain/people/phone';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import type { Member, MemberDetail } from '../../api/types.ts';
import { POSITION_LIST, useLabels } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect, type OrgOption } from '../orgs/OrgSelect.tsx';

interface Values {
  orgId: number;
  name: string;
  idCard?: string;
  phone?: string;
  gender?: 'male' | 'female';
  birthDate?: Dayjs | null;
  joinedOn?: Dayjs | null;
  position?: string;
  positionSince?: Dayjs | null;
  note?: string;
}

interface Props {
  open: boolean;
  onClose: (saved?: Member) => void;
  /** Editing an existing member; otherwise a new one in `defaultOrg`. */
  member?: MemberDetail;
  defaultOrg?: OrgOption;
}

const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** 新增团员 / 编辑: client hints for ID and phone; the server's field errors land on the fields. */
export function MemberFormDrawer({ open, onClose, member, defaultOrg }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const en = i18n.language === 'en-US';
  const editing = !!member;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (member) {
      form.setFieldsValue({
        orgId: member.orgId,
        name: member.name,
        gender: member.gender,
        birthDate: member.birthDate ? dayjs(member.birthDate) : null,
        joinedOn: member.joinedOn ? dayjs(member.joinedOn) : null,
        position: member.position,
        positionSince: member.positionSince ? dayjs(member.positionSince) : null,
        note: member.note ?? '',
      });
    } else {
      form.setFieldsValue({ orgId: defaultOrg?.id, position: 'none' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        name: v.name.trim(),
        gender: v.gender,
        birthDate: ymd(v.birthDate),
        joinedOn: ymd(v.joinedOn),
        position: v.position,
        positionSince: v.position && v.position !== 'none' ? ymd(v.positionSince) : null,
        note: v.note?.trim() || undefined,
        // ID and phone are only known masked: an empty box on edit keeps the stored value (an absent field).
        idCard: v.idCard?.trim() || undefined,
        phone: v.phone?.trim() || undefined,
      };
      if (member) return api.PATCH('/members/{id}', { params: { path: { id: member.id } }, body: fields });
      // The form requires the ID number of a new member.
      return api.POST('/members', { body: { orgId: v.orgId, ...fields, idCard: fields.idCard! } });
    },
    onSuccess: async (m) => {
      message.success(editing ? t('common.saved') : t('member.created'));
      await qc.invalidateQueries({ queryKey: ['members'] });
      await qc.invalidateQueries({ queryKey: ['orgs'] });
      onClose(m);
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, i18n.language);
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    },
  });

  /** A valid ID number also tells birth date and gender: fill them when still empty. */
  const onIdCardBlur = () => {
    const id = (form.getFieldValue('idCard') as string | undefined)?.trim();
    if (!id) return;
    const r = validateIdCard(id);
    if (!r.ok) return;
    if (!form.getFieldValue('birthDate')) form.setFieldValue('birthDate', dayjs(r.value.birthDate));
    if (!form.getFieldValue('gender')) form.setFieldValue('gender', r.value.gender);
  };

  const footer = (
    <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
      <Button onClick={() => onClose()}>{t('common.cancel')}</Button>
      <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="member-form-submit">
        {t('common.save')}
      </Button>
    </Space>
  );

  return (
    <Drawer
      open={open}
      onClose={() => onClose()}
      title={editing ? t('member.editTitle', { name: member!.name }) : t('member.createTitle')}
      size={isMobile ? '100%' : 520}
      footer={footer}
      destroyOnHidden
      data-testid="member-form-drawer"
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {!editing && (
          <Form.Item name="orgId" label={t('member.org')} rules={[{ required: true, message: t('org.pickOrg') }]}>
            <OrgSelect initial={defaultOrg} testId="member-form-org" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('member.name')} rules={[{ required: true, whitespace: true, message: t('member.nameRequired') }, { max: 30 }]}>
          <Input maxLength={30} data-testid="member-form-name" />
        </Form.Item>
        <Form.Item
          name="idCard"
          label={t('member.idCard')}
          extra={editing ? t('member.keepMasked', { masked: member!.idCardMasked }) : undefined}
          rules={[
            { required: !editing, message: t('member.idCardRequired') },
            {
              validator: (_, v: string | undefined) => {
                if (!v?.trim()) return Promise.resolve();
                const r = validateIdCard(v.trim());
                return r.ok ? Promise.resolve() : Promise.reject(new Error(en ? r.errors[0].message.en : r.errors[0].message.zh));
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" className="zx-mono" onBlur={onIdCardBlur} data-testid="member-form-idcard" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('member.phone')}
          extra={editing && member!.phoneMasked ? t('member.keepMasked', { masked: member!.phoneMasked }) : undefined}
          rules={[
            {
              validator: (_, v: string | undefined) => {
                if (!v?.trim()) return Promise.resolve();
                const r = validateMobile(v.trim());
                return r.ok ? Promise.resolve() : Promise.reject(new Error(en ? r.errors[0].message.en : r.errors[0].message.zh));
              },
            },
          ]}
        >
          <Input maxLength={11} inputMode="tel" autoComplete="off" className="zx-mono" data-testid="member-form-phone" />
        </Form.Item>
        <Form.Item name="gender" label={t('member.gender')}>
          <Radio.Group
            options={[
              { value: 'male', label: labels.gender('male') },
              { value: 'female', label: labels.gender('female') },
            ]}
          />
        </Form.Item>
        <Form.Item name="birthDate" label={t('member.birthDate')} extra={t('member.birthFromId')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        <Form.Item name="joinedOn" label={t('member.joinedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} data-testid="member-form-joined" />
        </Form.Item>
        <Form.Item name="position" label={t('member.position')}>
          <Select options={POSITION_LIST.map((p) => ({ value: p.code, label: labels.position(p.code) }))} data-testid="member-form-position" />
        </Form.Item>
        <Form.Item noStyle dependencies={['position']}>
          {({ getFieldValue }) =>
            getFieldValue('position') && getFieldValue('position') !== 'none' ? (
              <Form.Item name="positionSince" label={t('member.positionSince')} extra={t('member.positionSinceHint')}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} data-testid="member-form-position-since" />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="note" label={t('member.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
