import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { ME_KEY } from '../../app/session.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Own password change. `forced`: the account must change its password before anything else. */
export function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced?: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const change = useMutation({
    mutationFn: (v: Values) => api.POST('/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword }, noAuthRedirect: true }),
    onSuccess: async () => {
      message.success(t('password.changed'));
      form.resetFields();
      onClose();
      // What was asked while the change was pending was refused (PASSWORD_CHANGE_REQUIRED): ask again.
      await qc.resetQueries({ predicate: (q) => q.state.status === 'error' });
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, i18n.language, { password: 'newPassword' });
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    },
  });

  return (
    <Modal
      open={open}
      title={forced ? t('password.mustChangeTitle') : t('password.title')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={{ style: forced ? { display: 'none' } : undefined }}
      okButtonProps={{ 'data-testid': 'password-submit' } as never}
      confirmLoading={change.isPending}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'change-password-modal' }}
    >
      {forced && <Alert type="warning" showIcon title={t('password.mustChangeHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.policyHint')}
          rules={[
            { required: true, message: t('password.newRequired') },
            { min: 8, message: t('password.tooShort', { n: 8 }) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
