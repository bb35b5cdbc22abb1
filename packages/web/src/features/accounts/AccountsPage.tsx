import { useState } from 'react';
import { App, Button, Col, Dropdown, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { LockOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import type { Account } from '../../api/types.ts';
import { ROLE_LIST, useLabels } from '../../app/labels.ts';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { AccountFormModal } from './AccountFormModal.tsx';
import { isLocked, useAccounts, type AccountQuery } from './api.ts';
import { GrantsModal } from './GrantsModal.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';

/** 账号与授权: accounts with a grant in scope; create, edit, disable, reset, unlock, grants. */
export default function AccountsPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const labels = useLabels();
  const can = useCan();
  const qc = useQueryClient();
  const [query, setQuery] = useState<AccountQuery>({ q: '', role: '', page: 1, pageSize: 20 });
  const { data, isFetching } = useAccounts(query);
  const [form, setForm] = useState<{ account?: Account } | null>(null);
  const [grantsOf, setGrantsOf] = useState<Account | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const canWrite = can('account.write');
  // Pinned columns would leave no room on a phone: there the whole table scrolls.
  const isMobile = useIsMobile();

  const act = useMutation({
    mutationFn: async ({ a, op }: { a: Account; op: string }) => {
      const at = { params: { path: { id: a.id } } };
      // A reset answers the one-time password; the others answer nothing the page shows.
      if (op === 'reset') return (await api.POST('/accounts/{id}/reset-password', at)).initialPassword;
      if (op === 'unlock') await api.POST('/accounts/{id}/unlock', at);
      else await api.PATCH('/accounts/{id}', { ...at, body: { status: op === 'disable' ? 'disabled' : 'active' } });
      return null;
    },
    onSuccess: async (password, { a, op }) => {
      await qc.invalidateQueries({ queryKey: ['accounts'] });
      if (password !== null) setSecret({ username: a.username, password });
      else message.success(t(`account.${op}Done`));
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  const confirmOp = (a: Account, op: string) => {
    if (op === 'edit') return setForm({ account: a });
    if (op === 'grants') return setGrantsOf(a);
    modal.confirm({
      title: t(`account.${op}Confirm`, { name: `${a.displayName}（${a.username}）` }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: op === 'disable' || op === 'reset' },
      onOk: () => act.mutateAsync({ a, op }),
    });
  };

  const columns: TableProps<Account>['columns'] = [
    {
      title: t('account.username'),
      dataIndex: 'username',
      width: 140,
      fixed: isMobile ? undefined : 'left',
      render: (v: string) => <span className="zx-mono">{v}</span>,
    },
    { title: t('account.displayName'), dataIndex: 'displayName', width: 110 },
    { title: t('account.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => <span className="zx-mono">{v || '—'}</span> },
    {
      title: t('account.status'),
      key: 'status',
      width: 130,
      render: (_, a) => (
        <Space size={4} wrap>
          <Tag color={a.status === 'active' ? 'green' : 'default'}>{t(`account.statuses.${a.status}`)}</Tag>
          {isLocked(a) && (
            <Tag color="orange" icon={<LockOutlined />}>
              {t('account.locked')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('account.grants'),
      key: 'grants',
      width: 300,
      render: (_, a) => (
        <Space size={[4, 4]} wrap>
          {a.grants.map((g) => (
            <Tag key={g.id} color="red" variant="outlined">
              {g.orgName ?? `#${g.orgId}`} · {labels.role(g.role)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('account.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : t('account.never')),
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'ops',
            width: 150,
            fixed: isMobile ? undefined : ('right' as const),
            render: (_: unknown, a: Account) =>
              !a.canManage ? null : (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => confirmOp(a, 'grants')} data-testid={`account-grants-${a.id}`}>
                    {t('account.grantsShort')}
                  </Button>
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      onClick: ({ key }) => confirmOp(a, key),
                      items: [
                        { key: 'edit', label: t('common.edit') },
                        { key: 'reset', label: <span data-testid={`account-reset-${a.id}`}>{t('account.resetPassword')}</span> },
                        { key: 'unlock', label: t('account.unlock'), disabled: !isLocked(a) },
                        a.status === 'active' ? { key: 'disable', danger: true, label: t('account.disable') } : { key: 'enable', label: t('account.enable') },
                      ],
                    }}
                  >
                    <Button type="text" size="small" icon={<MoreOutlined />} data-testid={`account-more-${a.id}`} aria-label={t('common.more')} />
                  </Dropdown>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('nav.accounts')}</h2>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({})} data-testid="account-create-button">
            {t('account.create')}
          </Button>
        )}
      </div>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={10} xl={8}>
          <Input.Search
            allowClear
            placeholder={t('account.searchPlaceholder')}
            onSearch={(q) => setQuery({ ...query, q, page: 1 })}
            data-testid="account-search"
          />
        </Col>
        <Col xs={24} md={6} xl={4}>
          <Select
            style={{ width: '100%' }}
            value={query.role}
            onChange={(role) => setQuery({ ...query, role, page: 1 })}
            options={[{ value: '', label: t('account.allRoles') }, ...ROLE_LIST.map((r) => ({ value: r.code, label: labels.role(r.code) }))]}
          />
        </Col>
      </Row>
      <Table<Account>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 1110 }}
        data-testid="accounts-table"
        onRow={(a) => ({ 'data-testid': `account-row-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.totalItems', { n }),
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('account.separationNote')}
      </Typography.Paragraph>
      <AccountFormModal
        open={form !== null}
        account={form?.account}
        onClose={() => setForm(null)}
        onCreated={(username, password) => setSecret({ username, password })}
      />
      <GrantsModal account={grantsOf} onClose={() => setGrantsOf(null)} />
      <OneTimePassword username={secret?.username ?? ''} password={secret?.password ?? null} onClose={() => setSecret(null)} />
    </>
  );
}
