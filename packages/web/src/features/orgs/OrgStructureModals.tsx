import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import type { OrgDetail } from '../../api/types.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect, type OrgOption } from './OrgSelect.tsx';

export type StructureAction = 'move' | 'merge' | 'deactivate';

interface Props {
  action: StructureAction | null;
  org: OrgDetail;
  onClose: () => void;
}

/** 移动 / 合并到… / 停用: each needs a choice or a reason, then a confirmation. */
export function OrgStructureModal({ action, org, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ targetId?: number; reason?: string }>();
  const [target, setTarget] = useState<OrgOption | null>(null);

  const run = useMutation({
    mutationFn: (v: { targetId?: number; reason?: string }) => {
      const at = { params: { path: { id: org.id } } };
      if (action === 'move') return api.POST('/orgs/{id}/move', { ...at, body: { newParentId: v.targetId! } });
      if (action === 'merge') return api.POST('/orgs/{id}/merge', { ...at, body: { targetId: v.targetId!, reason: v.reason! } });
      return api.POST('/orgs/{id}/deactivate', { ...at, body: { reason: v.reason! } });
    },
    onSuccess: async () => {
      message.success(t(`org.${action}Done`));
      await Promise.all([qc.invalidateQueries({ queryKey: ['orgs'] }), qc.invalidateQueries({ queryKey: ['members'] })]);
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, i18n.language, { newParentId: 'targetId' });
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    },
  });

  const submit = (v: { targetId?: number; reason?: string }) => {
    if (action === 'merge') {
      modal.confirm({
        title: t('org.mergeConfirmTitle'),
        content: t('org.mergeConfirm', { source: org.name, target: target?.name ?? '', members: org.subtreeMemberCount, children: org.childCount }),
        okButtonProps: { danger: true },
        okText: t('org.merge'),
        cancelText: t('common.cancel'),
        onOk: () => run.mutateAsync(v),
      });
    } else run.mutate(v);
  };

  const needsTarget = action === 'move' || action === 'merge';
  const needsReason = action === 'merge' || action === 'deactivate';
  return (
    <Modal
      open={action !== null}
      title={action ? t(`org.${action}Title`, { name: org.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={action ? t(`org.${action}`) : ''}
      okButtonProps={{ danger: action !== 'move', 'data-testid': 'org-structure-ok' }}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      width={isMobile ? '100%' : 520}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'org-structure-modal' }}
    >
      {action === 'deactivate' && <Alert type="warning" showIcon title={t('org.deactivateHint')} style={{ marginBottom: 16 }} />}
      {action === 'merge' && <Alert type="warning" showIcon title={t('org.mergeHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        {needsTarget && (
          <Form.Item
            name="targetId"
            label={action === 'move' ? t('org.newParent') : t('org.mergeTarget')}
            rules={[{ required: true, message: t('org.pickOrg') }]}
          >
            <OrgSelect excludeIds={[org.id]} testId="org-structure-target" onChange={(_, hit) => setTarget(hit ?? null)} />
          </Form.Item>
        )}
        {needsReason && (
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }, { max: 200 }]}>
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="org-structure-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
