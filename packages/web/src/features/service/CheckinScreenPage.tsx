import { useEffect, useRef } from 'react';
import { Alert, App, Button, Card, Empty, List, QRCode, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { ExpandOutlined, PoweroffOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useCheckinActions, useCheckinState } from './api.ts';

const time = (iso: string, lang: string) => new Date(iso).toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { hour12: false });

/**
 * The secretary's check-in screen, for a phone held up or a projector: a large code that rotates
 * every 30 s (fetched again when it does), the live count polled every 3 s, open and close.
 */
export default function CheckinScreenPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const { data: s, error, refetch } = useCheckinState(id);
  const { open, close } = useCheckinActions(id);
  const stage = useRef<HTMLDivElement>(null);

  // A fresh code the moment the current one rotates, not only at the next poll.
  useEffect(() => {
    if (!s?.rotatesAt) return;
    const timer = setTimeout(() => void refetch(), Math.max(0, Date.parse(s.rotatesAt) - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [s?.rotatesAt, refetch]);

  if (error) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;
  if (!s)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const fail = (e: unknown) => message.error(errorText(e, i18n.language));
  const url = s.path ? `${window.location.origin}${s.path}` : null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="checkin-screen">
      <div className="zx-page-toolbar">
        <div style={{ minWidth: 0 }}>
          <h2 style={{ margin: 0, fontSize: 20, wordBreak: 'break-all' }}>
            <QrcodeOutlined /> {t('checkin.title')} · {s.title}
          </h2>
          <Typography.Text type="secondary">
            {s.orgName} · {s.heldOn}
          </Typography.Text>
        </div>
        <Space wrap>
          {s.open ? (
            <Button
              danger
              icon={<PoweroffOutlined />}
              loading={close.isPending}
              onClick={() => close.mutate(undefined, { onError: fail })}
              data-testid="checkin-close"
            >
              {t('checkin.close')}
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<QrcodeOutlined />}
              loading={open.isPending}
              onClick={() => open.mutate(undefined, { onError: fail })}
              data-testid="checkin-open"
            >
              {s.openedAt ? t('checkin.reopen') : t('checkin.open')}
            </Button>
          )}
          {url && (
            <Button icon={<ExpandOutlined />} onClick={() => void stage.current?.requestFullscreen?.()}>
              {t('checkin.fullscreen')}
            </Button>
          )}
        </Space>
      </div>
      <Card>
        <div
          ref={stage}
          style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 16, background: '#fff', padding: 16 }}
          data-testid="checkin-stage"
        >
          {url ? (
            <>
              <QRCode value={url} size={Math.min(440, Math.max(220, window.innerWidth - 96))} errorLevel="M" data-testid="checkin-qr" data-url={url} />
              <Typography.Title level={4} style={{ margin: 0, textAlign: 'center' }}>
                {t('checkin.scanHint')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('checkin.rotates', { s: s.slotSeconds })}</Typography.Text>
            </>
          ) : !s.inWindow ? (
            <Alert
              type="warning"
              showIcon
              message={t('checkin.outside')}
              description={t('checkin.outsideHint', { from: time(s.window.from, i18n.language), to: time(s.window.to, i18n.language), margin: s.marginHours })}
            />
          ) : (
            <Empty description={<span>{t('checkin.closed')}</span>}>
              <Typography.Text type="secondary">{t('checkin.closedHint')}</Typography.Text>
            </Empty>
          )}
          <Space size={48} wrap style={{ justifyContent: 'center' }}>
            <Statistic title={t('checkin.count')} value={s.checkedIn} suffix={t('checkin.people')} valueStyle={{ fontSize: 40 }} data-testid="checkin-count" />
            <Statistic title={t('checkin.attendees')} value={s.attendeeCount} suffix={t('checkin.people')} />
          </Space>
        </div>
      </Card>
      <Card title={t('checkin.recent')} size="small">
        {s.recent.length ? (
          <List
            size="small"
            dataSource={s.recent}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <Tag>{r.orgName}</Tag>
                </Space>
                <Typography.Text type="secondary">{time(r.checkedInAt, i18n.language)}</Typography.Text>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkin.none')} />
        )}
      </Card>
    </Space>
  );
}
