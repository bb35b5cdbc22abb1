import { useEffect } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { grantableRoles, type Role } from '@zx/domain/auth/roles';
import { validateMobile } from '@zx/domain/people/phone';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import type { Account } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  role: Role;
  orgId: number;
}

interface Props {
  open: boolean;
  account?: Account;
  onClose: () => void;
  /** After a create: the new username and its one-time initial password. */
  onCreated: (username: string, initialPassword: string) => void;
}

export function AccountFormModal({ open, account, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const me = useSession();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const en = i18n.language === 'en-US';
  const roles = grantableRoles(me.grant.role);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (account) form.setFieldsValue({ username: account.username, displayName: account.displayName });
    else form.setFieldsValue({ orgId: me.grant.orgId, role: roles.includes('branch_secretary') ? 'branch_secretary' : roles[0] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (account) {
        // The phone is only shown masked: an empty box leaves it unchanged.
        const body = { displayName: v.displayName.trim(), phone: v.phone?.trim() || undefined };
        await api.PATCH('/accounts/{id}', { params: { path: { id: account.id } }, body });
        return null;
      }
      const username = v.username.trim();
      const r = await api.POST('/accounts', {
        body: { username, displayName: v.displayName.trim(), phone: v.phone?.trim() || undefined, role: v.role, orgId: v.orgId },
      });
      return { username, initialPassword: r.initialPassword };
    },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['accounts'] });
      if (r) onCreated(r.username, r.initialPassword);
      else message.success(t('common.saved'));
      onClose();
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, i18n.language);
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    },
  });

  return (
    <Modal
      open={open}
      title={account ? t('account.editTitle', { name: account.username }) : t('account.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={isMobile ? '100%' : 520}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'account-form-modal' }}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="username"
          label={t('account.username')}
          extra={account ? undefined : t('account.usernameHint')}
          rules={[
            { required: true, message: t('account.usernameRequired') },
            { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('account.usernameInvalid') },
          ]}
        >
          <Input disabled={!!account} autoComplete="off" data-testid="account-form-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('account.displayName')}
          rules={[{ required: true, whitespace: true, message: t('account.displayNameRequired') }, { max: 30 }]}
        >
          <Input maxLength={30} data-testid="account-form-display-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('account.phone')}
          extra={account?.phoneMasked ? t('member.keepMasked', { masked: account.phoneMasked }) : undefined}
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
          <Input maxLength={11} inputMode="tel" className="zx-mono" />
        </Form.Item>
        {!account && (
          <>
            <Form.Item name="role" label={t('account.role')} rules={[{ required: true }]}>
              <Select options={roles.map((r) => ({ value: r, label: labels.role(r) }))} data-testid="account-form-role" />
            </Form.Item>
            <Form.Item name="orgId" label={t('account.org')} rules={[{ required: true, message: t('org.pickOrg') }]}>
              <OrgSelect initial={{ id: me.grant.orgId, name: me.grant.orgName }} testId="account-form-org" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
