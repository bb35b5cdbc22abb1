import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import type { MemberStatus } from '@zx/domain/people/positions';
import type { MemberDetail } from '../../api/types.ts';
import { MEMBER_STATUS_LIST, useLabels } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';

/** The form requires the target and the reason of a transfer, and the new status. */
interface ActionValues {
  toOrgId?: number;
  reason?: string;
  status?: MemberStatus;
}

export type MemberAction = 'transfer' | 'status';

/** 组织关系转接 (target organization + reason) and 状态变更. */
export function MemberActionModal({ action, member, onClose }: { action: MemberAction | null; member: MemberDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<ActionValues>();

  const run = useMutation({
    mutationFn: (v: ActionValues) =>
      action === 'transfer'
        ? api.POST('/members/{id}/transfer', { params: { path: { id: member.id } }, body: { toOrgId: v.toOrgId!, reason: v.reason!.trim() } })
        : api.PATCH('/members/{id}', { params: { path: { id: member.id } }, body: { status: v.status } }),
    onSuccess: async () => {
      message.success(action === 'transfer' ? t('member.transferDone') : t('common.saved'));
      await Promise.all([qc.invalidateQueries({ queryKey: ['members'] }), qc.invalidateQueries({ queryKey: ['orgs'] })]);
      onClose();
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, i18n.language);
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
    },
  });

  return (
    <Modal
      open={action !== null}
      title={action === 'transfer' ? t('member.transferTitle', { name: member.name }) : t('member.statusTitle', { name: member.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      width={isMobile ? '100%' : 520}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'member-action-modal' }}
    >
      {action === 'transfer' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('member.transferFrom', { org: member.orgName })} />}
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} initialValues={{ status: member.status }}>
        {action === 'transfer' && (
          <>
            <Form.Item name="toOrgId" label={t('member.transferTo')} rules={[{ required: true, message: t('org.pickOrg') }]}>
              <OrgSelect excludeIds={[member.orgId]} testId="member-transfer-target" />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('common.reason')}
              rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }, { max: 200 }]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount data-testid="member-transfer-reason" />
            </Form.Item>
          </>
        )}
        {action === 'status' && (
          <Form.Item name="status" label={t('member.status')} rules={[{ required: true }]}>
            <Select options={MEMBER_STATUS_LIST.map((s) => ({ value: s.code, label: labels.memberStatus(s.code) }))} data-testid="member-status-select" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
