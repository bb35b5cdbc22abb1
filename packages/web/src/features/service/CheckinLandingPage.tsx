import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Card, Result, Spin } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useCheckIn } from './api.ts';

/**
 * Where a scanned code lands (after login when needed): checks the member in once, then says
 * plainly whether it worked — already checked in counts as success.
 */
export default function CheckinLandingPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const token = useSearchParams()[0].get('t') ?? '';
  const checkIn = useCheckIn(id);
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    checkIn.mutate(token);
  }, [token, checkIn]);

  const home = (
    <Link to="/">
      <Button size="large">{t('checkin.toHome')}</Button>
    </Link>
  );
  let body: ReactNode;
  if (!token) body = <Result status="warning" title={t('checkin.failed')} subTitle={t('checkin.noToken')} extra={home} />;
  else if (checkIn.isPending || checkIn.isIdle) body = <Spin size="large" tip={t('checkin.checking')} style={{ display: 'block', margin: 48 }} />;
  else if (checkIn.isError)
    body = (
      <Result
        status="error"
        title={t('checkin.failed')}
        subTitle={`${errorText(checkIn.error, i18n.language)} ${t('checkin.again')}`}
        extra={home}
        data-testid="checkin-failed"
      />
    );
  else {
    const r = checkIn.data;
    body = (
      <Result
        status="success"
        title={r.alreadyCheckedIn ? (r.source === 'hand' ? t('checkin.alreadyHand') : t('checkin.already')) : t('checkin.success')}
        subTitle={
          <>
            <div style={{ fontSize: 16, fontWeight: 600 }}>{r.title}</div>
            {r.checkedInAt && <div>{t('checkin.at', { at: new Date(r.checkedInAt).toLocaleTimeString('zh-CN', { hour12: false }) })}</div>}
          </>
        }
        extra={home}
        data-testid="checkin-success"
      />
    );
  }
  return (
    <Card title={t('checkin.landingTitle')} style={{ maxWidth: 560, margin: '0 auto' }}>
      {body}
    </Card>
  );
}
