import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCommitmentWrites, type CadreYear, type CommitmentItem, type ItemInput } from './api.ts';
import { useCommitmentLabels } from './labels.ts';

/** Adds a commitment, edits a draft, or drafts a revision of a published one. */
export function CommitmentItemModal({
  data,
  editing,
  onClose,
}: {
  data: CadreYear;
  editing: { mode: 'add' | 'edit' | 'revise'; item?: CommitmentItem };
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const L = useCommitmentLabels();
  const [form] = Form.useForm<ItemInput>();
  const [error, setError] = useState<string | null>(null);
  const w = useCommitmentWrites(data.cadre.memberId, data.year);
  const m = editing.mode === 'add' ? w.add : editing.mode === 'edit' ? w.update : w.revise;
  const submit = (v: ItemInput) => {
    setError(null);
    const body = { text: v.text, category: v.category || null, dueOn: v.dueOn || null };
    const run =
      editing.mode === 'add'
        ? w.add.mutateAsync(body)
        : editing.mode === 'edit'
          ? w.update.mutateAsync({ id: editing.item!.id, ...body })
          : w.revise.mutateAsync({ id: editing.item!.id, ...body });
    run.then(onClose).catch((e) => {
      const rest = applyFieldErrors(form, e, i18n.language);
      if (rest.length || !e?.errors?.length) setError(errorText(e, i18n.language));
    });
  };
  return (
    <Modal
      open
      title={t(`commitments.modal.${editing.mode}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={m.isPending}
      okButtonProps={{ size: isMobile ? 'large' : 'middle', 'data-testid': 'commitment-form-save' } as never}
      cancelButtonProps={{ size: isMobile ? 'large' : 'middle' }}
      width={isMobile ? '100%' : 560}
      style={isMobile ? { top: 8, maxWidth: '100vw', paddingInline: 8 } : undefined}
      destroyOnHidden
    >
      {editing.mode === 'revise' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('commitments.reviseHint')} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ text: editing.item?.text ?? '', category: editing.item?.category ?? null, dueOn: editing.item?.dueOn ?? '' }}
      >
        <Form.Item name="text" label={t('commitments.text')} rules={[{ required: true, whitespace: true, message: t('commitments.textRequired') }]}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={data.rules.itemMaxLength}
            showCount
            style={{ fontSize: 16 }}
            placeholder={t('commitments.textPlaceholder')}
            data-testid="commitment-form-text"
          />
        </Form.Item>
        <Form.Item name="category" label={t('commitments.category')}>
          <Select
            allowClear
            options={L.categoryOptions}
            size={isMobile ? 'large' : 'middle'}
            placeholder={t('commitments.categoryPlaceholder')}
            data-testid="commitment-form-category"
          />
        </Form.Item>
        <Form.Item name="dueOn" label={t('commitments.due')} extra={t('commitments.dueHint', { year: data.year })}>
          <Input type="date" min={`${data.year}-01-01`} max={`${data.year}-12-31`} size={isMobile ? 'large' : 'middle'} data-testid="commitment-form-due" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="commitment-form-error" />}
    </Modal>
  );
}
