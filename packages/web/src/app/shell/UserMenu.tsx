import { useState } from 'react';
import { App, Avatar, Button, Dropdown } from 'antd';
import { KeyOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { ChangePasswordModal } from '../../features/auth/ChangePasswordModal.tsx';
import { useSession } from '../session.ts';

export function UserMenu({ compact }: { compact?: boolean }) {
  const me = useSession();
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [pwOpen, setPwOpen] = useState(false);

  const leave = async (path: '/auth/logout' | '/auth/logout-everywhere') => {
    try {
      await api.POST(path, { noAuthRedirect: true });
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
    navigate('/login', { replace: true });
    qc.clear();
  };

  const items = [
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="user-menu-change-password">{t('shell.changePassword')}</span> },
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="user-menu-logout">{t('shell.logout')}</span> },
    { key: 'logoutAll', icon: <PoweroffOutlined />, danger: true, label: <span data-testid="user-menu-logout-all">{t('shell.logoutEverywhere')}</span> },
  ];
  const onClick = ({ key }: { key: string }) => {
    if (key === 'password') setPwOpen(true);
    if (key === 'logout') void leave('/auth/logout');
    if (key === 'logoutAll') {
      modal.confirm({
        title: t('shell.logoutEverywhereConfirm'),
        content: t('shell.logoutEverywhereHint'),
        okButtonProps: { danger: true },
        onOk: () => leave('/auth/logout-everywhere'),
      });
    }
  };
  return (
    <>
      <Dropdown trigger={['click']} menu={{ items, onClick }} placement="bottomRight">
        <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8161d' }} />
          {!compact && <span>{me.user.displayName || me.user.username}</span>}
        </Button>
      </Dropdown>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </>
  );
}
