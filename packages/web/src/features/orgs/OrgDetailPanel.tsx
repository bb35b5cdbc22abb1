import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, Dropdown, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { DownOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useLabels } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useOrgDetail } from './api.ts';
import { ContactReveal } from './ContactReveal.tsx';
import { OrgChildrenTable } from './OrgChildrenTable.tsx';
import { OrgFormModal } from './OrgFormModal.tsx';
import { OrgStructureModal, type StructureAction } from './OrgStructureModals.tsx';
import { HonourHistory } from '../honours/HonourHistory.tsx';
import { useCan } from '../../app/session.ts';

/** The selected organization: fields, counts, ancestors, actions allowed by the role, children. */
export function OrgDetailPanel({ id, onSelect }: { id: number; onSelect: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const labels = useLabels();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const can = useCan();
  const { data: org, error, isPending } = useOrgDetail(id);
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const [structure, setStructure] = useState<StructureAction | null>(null);

  const reactivate = useMutation({
    mutationFn: () => api.POST('/orgs/{id}/reactivate', { params: { path: { id } } }),
    onSuccess: async () => {
      message.success(t('org.reactivateDone'));
      await qc.invalidateQueries({ queryKey: ['orgs'] });
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error || !org)
    return (
      <Card>
        <Result status="warning" title={errorText(error, i18n.language)} />
      </Card>
    );

  // What the server's policy lets this account do to this organization (orgs/policy.ts).
  const canWrite = org.abilities.edit;
  const canAddChild = org.abilities.addChild;
  const canRestructure = org.abilities.restructure;
  const active = org.status === 'active';
  // One's own root is changed by the level above: no move, deactivate or merge here (restructure is false).
  const moreItems = [
    { key: 'move', label: <span data-testid="org-action-move">{t('org.move')}</span>, disabled: !active },
    active
      ? { key: 'deactivate', danger: true, label: <span data-testid="org-action-deactivate">{t('org.deactivate')}</span> }
      : { key: 'reactivate', label: <span data-testid="org-action-reactivate">{t('org.reactivate')}</span>, disabled: org.status === 'merged' },
    { key: 'merge', danger: true, label: <span data-testid="org-action-merge">{t('org.mergeInto')}</span>, disabled: !active },
  ];
  const onMore = ({ key }: { key: string }) => {
    if (key === 'reactivate') {
      modal.confirm({
        title: t('org.reactivateConfirm', { name: org.name }),
        okText: t('org.reactivate'),
        cancelText: t('common.cancel'),
        onOk: () => reactivate.mutateAsync(),
      });
    } else setStructure(key as StructureAction);
  };

  const actions = (
    <Space wrap size={8}>
      {canAddChild && (
        <Button type="primary" icon={<PlusOutlined />} disabled={!active} onClick={() => setForm('create')} data-testid="org-action-create">
          {t('org.createChild')}
        </Button>
      )}
      {canWrite && (
        <Button icon={<EditOutlined />} onClick={() => setForm('edit')} disabled={org.status === 'merged'} data-testid="org-action-edit">
          {t('common.edit')}
        </Button>
      )}
      {canRestructure && (
        <Dropdown trigger={['click']} menu={{ items: moreItems, onClick: onMore }}>
          <Button data-testid="org-action-more">
            {t('common.more')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );

  const items = [
    { key: 'code', label: t('org.code'), children: <span className="zx-mono">{org.code}</span> },
    { key: 'type', label: t('org.type'), children: labels.orgType(org.typeCode) },
    { key: 'status', label: t('org.status'), children: <Tag color={active ? 'green' : 'default'}>{labels.orgStatus(org.status)}</Tag> },
    { key: 'founded', label: t('org.foundedOn'), children: org.foundedOn ?? '—' },
    { key: 'resp', label: t('org.responsiblePerson'), children: org.responsiblePerson || '—' },
    {
      key: 'phone',
      label: t('org.contactPhone'),
      children: <ContactReveal key={org.id} orgId={org.id} masked={org.contactPhoneMasked} allowed={org.abilities.revealContact} />,
    },
    { key: 'direct', label: t('org.directMembers'), children: org.directMemberCount },
    { key: 'subtree', label: t('org.subtreeMembers'), children: <span data-testid="org-subtree-count">{org.subtreeMemberCount}</span> },
    { key: 'children', label: t('org.childCount'), children: org.childCount },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', display: 'flex' }} data-testid="org-detail">
      <Card
        title={
          <Space orientation="vertical" size={2} style={{ minWidth: 0, paddingBlock: 8, display: 'flex' }}>
            {org.ancestors?.length > 0 && (
              <Breadcrumb
                style={{ fontSize: 12, fontWeight: 'normal' }}
                items={org.ancestors.map((a) => ({ key: a.id, title: <a onClick={() => onSelect(a.id)}>{a.name}</a> }))}
                data-testid="org-ancestors"
              />
            )}
            <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="org-detail-name">
              {org.name}
            </Typography.Title>
          </Space>
        }
        extra={isMobile ? undefined : actions}
      >
        {isMobile && <div style={{ marginBottom: 12 }}>{actions}</div>}
        <Descriptions size="small" column={isMobile ? 1 : { md: 2, xl: 3 }} items={items} bordered={!isMobile} />
      </Card>
      <Card title={t('org.children')} size="small">
        <OrgChildrenTable parentId={org.id} onSelect={onSelect} />
      </Card>
      {can('honour.read') && <HonourHistory orgId={org.id} />}
      {form === 'create' && (
        <OrgFormModal
          mode="create"
          parent={org}
          open
          onClose={(c) => {
            setForm(null);
            if (c?.id) onSelect(c.id);
          }}
        />
      )}
      {form === 'edit' && <OrgFormModal mode="edit" org={org} open onClose={() => setForm(null)} />}
      <OrgStructureModal action={structure} org={org} onClose={() => setStructure(null)} />
    </Space>
  );
}
