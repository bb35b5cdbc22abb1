import { App, Button, Dropdown, Tag, Typography } from 'antd';
import { CheckOutlined, DownOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, rememberCsrfToken } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useLabels } from '../labels.ts';
import { ME_KEY, useSession } from '../session.ts';

/** Current organization and role; a dropdown of the user's grants switches between them. */
export function GrantSwitcher({ maxWidth }: { maxWidth?: number }) {
  const me = useSession();
  const labels = useLabels();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const switchGrant = useMutation({
    mutationFn: (grantId: number) => api.POST('/auth/switch', { body: { grantId } }),
    onSuccess: async (next) => {
      rememberCsrfToken(next?.csrfToken);
      if (next?.user) qc.setQueryData(ME_KEY, next);
      navigate('/');
      // Let the pages re-render with the new grant first, so queries of the old scope are no
      // longer active and are not refetched (they would answer 404 outside the new scope).
      await new Promise((r) => setTimeout(r, 0));
      await qc.invalidateQueries();
      message.success(t('shell.switched'));
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  const current = me.grant;
  const label = (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, maxWidth, minWidth: 0 }}>
      <Typography.Text ellipsis style={{ maxWidth: maxWidth ? maxWidth - 40 : 260 }} data-testid="current-org">
        {current.orgName}
      </Typography.Text>
      {!maxWidth && (
        <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="current-role">
          {labels.role(current.role)}
        </Tag>
      )}
    </span>
  );

  if (me.grants.length <= 1) return <div style={{ padding: '0 8px' }}>{label}</div>;

  const items = me.grants.map((g) => ({
    key: String(g.id),
    icon: g.id === current.id ? <CheckOutlined /> : <SwapOutlined />,
    disabled: g.id === current.id,
    label: (
      <span data-testid={`grant-option-${g.id}`}>
        {g.orgName} · {labels.role(g.role)}
      </span>
    ),
  }));
  return (
    <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => switchGrant.mutate(Number(key)) }} placement="bottomRight">
      <Button type="text" loading={switchGrant.isPending} data-testid="grant-switcher" style={{ maxWidth: maxWidth ?? 420 }}>
        {label}
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
