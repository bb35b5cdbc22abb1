import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** A render error somewhere below: say so, offer a reload, never a white page. */
export function RouteError() {
  const err = useRouteError() as Error | undefined;
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('common.unexpectedError')}
      subTitle={err?.message}
      extra={<Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>}
    />
  );
}
