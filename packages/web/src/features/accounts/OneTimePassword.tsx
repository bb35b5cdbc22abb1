import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** An initial or reset password, shown exactly once: the server keeps only its hash. */
export function OneTimePassword({ username, password, onClose }: { username: string; password: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={password !== null}
      title={t('account.passwordOnceTitle')}
      onOk={onClose}
      onCancel={onClose}
      okText={t('account.passwordNoted')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      wrapProps={{ 'data-testid': 'one-time-password' }}
    >
      <Alert type="warning" showIcon title={t('account.passwordOnceWarning')} style={{ marginBottom: 16 }} />
      <div style={{ background: '#fafafa', border: '1px dashed #d9d9d9', borderRadius: 8, padding: 16, textAlign: 'center' }}>
        <Typography.Text type="secondary">
          {t('account.username')}：{username}
        </Typography.Text>
        <Typography.Paragraph
          copyable={{ text: password ?? '' }}
          className="zx-mono"
          strong
          style={{ fontSize: 22, margin: '8px 0 0' }}
          data-testid="one-time-password-value"
        >
          {password}
        </Typography.Paragraph>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('account.passwordOnceHint')}
      </Typography.Paragraph>
    </Modal>
  );
}
