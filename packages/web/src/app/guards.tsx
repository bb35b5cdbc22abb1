import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useMe, useSession } from './session.ts';
import { holds } from './shell/nav.tsx';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, error, isPending, refetch } = useMe();
  const loc = useLocation();
  const { t } = useTranslation();
  if (isPending) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  if (error) {
    if (isApiError(error) && error.status === 401) {
      const reason = error.code === 'SESSION_EXPIRED' ? '&reason=expired' : '';
      return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}${reason}`} replace />;
    }
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={error.message}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return data ? children : null;
}

export function RequirePermission({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const me = useSession();
  const { t } = useTranslation();
  if (!holds(me.permissions, permission)) {
    return <Result status="403" title="403" subTitle={t('common.noPermission')} />;
  }
  return <>{children}</>;
}
