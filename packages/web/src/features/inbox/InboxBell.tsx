import { Badge, Button, Tooltip } from 'antd';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from './api.ts';

/** The header bell: unread notices as a badge, opens the inbox. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data } = useUnreadCount();
  const isMobile = useIsMobile();
  const unread = data?.unread ?? 0;
  // No tooltip on a phone: a tap would leave it hanging over the page.
  return (
    <Tooltip title={isMobile ? undefined : t('inbox.title')}>
      <Badge count={unread} size="small" overflowCount={99} offset={[-6, 8]} data-testid="inbox-badge" data-count={unread}>
        <Button
          type="text"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          onClick={() => navigate('/inbox')}
          aria-label={t('inbox.title')}
          data-testid="inbox-bell"
        />
      </Badge>
    </Tooltip>
  );
}
