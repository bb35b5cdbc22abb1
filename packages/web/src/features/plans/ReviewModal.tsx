import { useEffect, useState } from 'react';
import { Alert, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The decision being made, or null when closed. */
  decision: 'approve' | 'return' | null;
  unitName: string;
  pending: boolean;
  onOk: (comment: string) => void;
  onCancel: () => void;
}

/** Approve (comment optional) or return (comment required) a unit's plan. */
export function ReviewModal({ decision, unitName, pending, onOk, onCancel }: Props) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  useEffect(() => {
    setComment('');
    setTried(false);
  }, [decision, unitName]);
  const missing = decision === 'return' && !comment.trim();
  return (
    <Modal
      open={decision !== null}
      title={`${decision === 'return' ? t('plans.return') : t('plans.approve')} · ${unitName}`}
      okText={decision === 'return' ? t('plans.return') : t('plans.approve')}
      okButtonProps={{ danger: decision === 'return', loading: pending, 'data-testid': 'plan-review-ok' } as ButtonProps}
      onOk={() => {
        setTried(true);
        if (!missing) onOk(comment.trim());
      }}
      onCancel={onCancel}
      destroyOnHidden
    >
      {decision === 'return' && <Alert type="info" showIcon message={t('plans.returnHint')} style={{ marginBottom: 12 }} />}
      <Typography.Text>
        {t('plans.comment')}
        {decision === 'return' ? ' *' : ''}
      </Typography.Text>
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={4}
        maxLength={2000}
        showCount
        placeholder={decision === 'return' ? t('plans.commentPlaceholder') : t('plans.commentOptional')}
        status={tried && missing ? 'error' : undefined}
        data-testid="plan-review-comment"
      />
      {tried && missing && <Typography.Text type="danger">{t('plans.commentRequired')}</Typography.Text>}
    </Modal>
  );
}
