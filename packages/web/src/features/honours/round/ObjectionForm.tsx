import type { ButtonProps } from 'antd';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../app/useIsMobile.ts';
import { errorText } from '../../../api/forms.ts';
import { useObject, type Candidate } from '../api.ts';

/** A member's objection to a candidate on the notice: the reason (a minimum length) and an optional contact. */
export function ObjectionForm({ candidate, minChars, onClose }: { candidate: Candidate | null; minChars: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ reason: string; contact?: string }>();
  const object = useObject();
  const submit = async (v: { reason: string; contact?: string }) => {
    try {
      await object.mutateAsync({ candidateId: candidate!.id, reason: v.reason, contact: v.contact });
      message.success(t('honours.objectionSent'));
      form.resetFields();
      onClose();
    } catch (e) {
      const err = e as { errors?: { field: string }[] };
      if (err.errors?.length) {
        form.setFields(
          (e as { errors: { field: string; messages?: { zh: string; en: string }; message: string }[] }).errors.map((x) => ({
            name: x.field as 'reason' | 'contact',
            errors: [x.messages ? (i18n.language === 'en-US' ? x.messages.en : x.messages.zh) : x.message],
          })),
        );
      } else {
        message.error(errorText(e, i18n.language));
      }
    }
  };
  return (
    <Modal
      open={!!candidate}
      onCancel={onClose}
      title={t('honours.objectTitle', { name: candidate?.name ?? '' })}
      destroyOnHidden
      width={isMobile ? '100%' : 520}
      style={isMobile ? { top: 8, maxWidth: '100vw', paddingInline: 8 } : undefined}
      okText={t('honours.objectSubmit')}
      okButtonProps={{ size: 'large', loading: object.isPending, 'data-testid': 'honour-objection-submit' } as ButtonProps}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('honours.objectHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('honours.objectReason')}
          rules={[{ required: true, min: minChars, message: t('honours.objectReasonMin', { n: minChars }) }]}
        >
          <Input.TextArea rows={5} maxLength={1000} showCount data-testid="honour-objection-reason" />
        </Form.Item>
        <Form.Item name="contact" label={t('honours.objectContact')}>
          <Input maxLength={60} size="large" data-testid="honour-objection-contact" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
