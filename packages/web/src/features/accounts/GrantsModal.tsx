import { App, Button, Form, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { grantableRoles, type Role } from '@zx/domain/auth/roles';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import type { Account } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';

/** 授权: the account's role grants; add one (role at an organization) or revoke one. */
export function GrantsModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const me = useSession();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ role: Role; orgId: number }>();
  const roles = grantableRoles(me.grant.role);
  const onError = (e: unknown) => {
    const rest = applyFieldErrors(form, e, i18n.language);
    if (rest.length || !(e as { errors?: unknown[] }).errors?.length) message.error(errorText(e, i18n.language));
  };
  const add = useMutation({
    mutationFn: (v: { role: Role; orgId: number }) => api.POST('/accounts/{id}/grants', { params: { path: { id: account!.id } }, body: v }),
    onSuccess: async () => {
      message.success(t('account.grantAdded'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (grantId: number) => api.DELETE('/accounts/{id}/grants/{grantId}', { params: { path: { id: account!.id, grantId } } }),
    onSuccess: async () => {
      message.success(t('account.grantRevoked'));
      await qc.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError,
  });
  // The list refreshes after a change; show the fresh copy of this account.
  const fresh = account
    ? (qc
        .getQueriesData<{ items: Account[] }>({ queryKey: ['accounts', 'list'] })
        .flatMap(([, d]) => d?.items ?? [])
        .find((a) => a.id === account.id) ?? account)
    : null;

  return (
    <Modal
      open={account !== null}
      title={t('account.grantsTitle', { name: account?.displayName ?? '' })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={isMobile ? '100%' : 600}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'grants-modal' }}
    >
      <List
        size="small"
        bordered
        dataSource={fresh?.grants ?? []}
        locale={{ emptyText: t('account.noGrants') }}
        renderItem={(g) => (
          <List.Item
            data-testid={`grant-row-${g.id}`}
            actions={[
              <Popconfirm
                key="del"
                title={t('account.revokeConfirm')}
                onConfirm={() => revoke.mutateAsync(g.id)}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={t('account.revoke')} />
              </Popconfirm>,
            ]}
          >
            <Space wrap>
              <Tag color="red">{labels.role(g.role)}</Tag>
              <Typography.Text>{g.orgName ?? `#${g.orgId}`}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('account.addGrant')}
      </Typography.Title>
      <Form form={form} layout={isMobile ? 'vertical' : 'inline'} onFinish={(v) => add.mutate(v)} style={{ rowGap: 8 }}>
        <Form.Item name="role" rules={[{ required: true, message: t('account.roleRequired') }]} style={{ minWidth: 160 }}>
          <Select placeholder={t('account.role')} options={roles.map((r) => ({ value: r, label: labels.role(r) }))} data-testid="grant-add-role" />
        </Form.Item>
        <Form.Item name="orgId" rules={[{ required: true, message: t('org.pickOrg') }]} style={{ minWidth: 220, flex: 1 }}>
          <OrgSelect testId="grant-add-org" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="grant-add-submit">
            {t('common.add')}
          </Button>
        </Form.Item>
      </Form>
    </Modal>
  );
}
