import { Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SheetForm } from './useSheetForm.tsx';

/** The verifier sends the sheet back to the unit with a comment. */
export function ReturnModal({ form }: { form: SheetForm }) {
  const { t } = useTranslation();
  const { actions, returning, setReturning, comment, setComment, errors, sendBack } = form;
  return (
    <Modal
      open={returning}
      title={t('assessment.return')}
      onCancel={() => setReturning(false)}
      onOk={sendBack}
      okText={t('assessment.return')}
      okButtonProps={{ danger: true, loading: actions.sendBack.isPending, 'data-testid': 'return-ok' } as ButtonProps}
    >
      <Input.TextArea
        autoSize={{ minRows: 3 }}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('assessment.returnPlaceholder')}
        status={errors.comment ? 'error' : undefined}
        data-testid="return-comment"
      />
      {errors.comment && <Typography.Text type="danger">{errors.comment}</Typography.Text>}
    </Modal>
  );
}
