import { Alert, App, Button, Card, Col, Descriptions, Empty, Image, Popconfirm, Row, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, QrcodeOutlined, StarFilled } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useActivity, useDeleteActivity, useMarkNotable, type Attendee } from './api.ts';
import { TYPE_COLOR, useActivityLabels } from './labels.ts';

/** One activity: what, when, where, the photos (tap to enlarge), who attended, tasks it counts for. */
export default function ActivityDetailPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const L = useActivityLabels();
  const { data: a, isPending, error } = useActivity(id);
  const del = useDeleteActivity();
  const notable = useMarkNotable(id);

  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error || !a) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;
  const canWrite = can('activity.write') && a.canEdit;
  const byOrg = new Map<string, Attendee[]>();
  for (const m of a.attendees) byOrg.set(m.orgName, [...(byOrg.get(m.orgName) ?? []), m]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="activity-detail">
      <div className="zx-page-toolbar">
        <Space wrap size={8} style={{ minWidth: 0 }}>
          <h2 style={{ margin: 0, fontSize: 20, wordBreak: 'break-all' }} data-testid="activity-detail-title">
            {a.title}
          </h2>
          <Tag color={TYPE_COLOR[a.type]}>
            {L.type(a.type)}
            {a.form ? ` · ${L.form(a.form)}` : ''}
          </Tag>
          {a.notable && (
            <Tag icon={<StarFilled />} color="gold" data-testid="activity-notable-tag">
              {t('activities.notable')}
            </Tag>
          )}
        </Space>
        {canWrite && (
          <Space wrap>
            <Link to={`/activities/${a.id}/check-in`}>
              <Button icon={<QrcodeOutlined />} size={isMobile ? 'large' : 'middle'} data-testid="activity-checkin">
                {t('checkin.button')}
              </Button>
            </Link>
            <Link to={`/activities/${a.id}/edit`}>
              <Button icon={<EditOutlined />} size={isMobile ? 'large' : 'middle'} data-testid="activity-edit">
                {t('common.edit')}
              </Button>
            </Link>
            <Popconfirm
              title={t('activities.deleteConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'activity-delete-confirm' } as never}
              onConfirm={() =>
                del.mutate(a.id, {
                  onSuccess: () => {
                    message.success(t('activities.deleted'));
                    navigate('/activities', { replace: true });
                  },
                  onError: (e) => message.error(errorText(e, i18n.language)),
                })
              }
            >
              <Button danger icon={<DeleteOutlined />} size={isMobile ? 'large' : 'middle'} data-testid="activity-delete">
                {t('activities.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      {a.canMarkNotable && (
        <Card size="small" data-testid="activity-notable-card">
          <Space wrap>
            <Switch
              checked={a.notable}
              loading={notable.isPending}
              onChange={(v) => notable.mutate(v, { onError: (e) => message.error(errorText(e, i18n.language)) })}
              data-testid="activity-notable-switch"
            />
            <Typography.Text>{t('activities.markNotable')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('activities.markNotableHint')}
            </Typography.Text>
          </Space>
        </Card>
      )}
      <Card>
        <Descriptions column={isMobile ? 1 : 2} size="small">
          <Descriptions.Item label={t('activities.heldOn')}>{a.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('activities.place')}>{a.place}</Descriptions.Item>
          <Descriptions.Item label={t('activities.org')}>{a.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('activities.campaign')}>{a.campaign.name}</Descriptions.Item>
          {a.demoSite && (
            <Descriptions.Item label={t('exemplars.demoSite')}>
              <Link to={`/exemplars/${a.demoSite.id}`} data-testid="activity-demo-site">
                {a.demoSite.orgName}
              </Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t('activities.summary')}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="activity-detail-summary">
          {a.summary}
        </Typography.Paragraph>
        {a.minutes && (
          <>
            <Typography.Title level={5}>{t('activities.minutes')}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.minutes}</Typography.Paragraph>
          </>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('activities.photosCount', { n: a.photos.length })} data-testid="activity-gallery">
            {a.photos.length ? (
              <Image.PreviewGroup>
                <div style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(${isMobile ? 96 : 140}px, 1fr))`, gap: 8 }}>
                  {a.photos.map((p) => (
                    <Image
                      key={p.id}
                      src={p.thumbUrl ?? p.url}
                      preview={{ src: p.url }}
                      width="100%"
                      height={isMobile ? 96 : 140}
                      style={{ objectFit: 'cover', borderRadius: 6 }}
                      alt={p.name}
                      data-testid={`activity-gallery-photo-${p.id}`}
                    />
                  ))}
                </div>
              </Image.PreviewGroup>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.noPhotos')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('activities.attendeesCount', { n: a.attendeeCount })} data-testid="activity-attendee-list">
            {a.attendees.length ? (
              [...byOrg].map(([org, list]) => (
                <div key={org} style={{ marginBottom: 8 }}>
                  {byOrg.size > 1 && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {org}
                    </Typography.Text>
                  )}
                  <Space size={[4, 4]} wrap>
                    {list.map((m) => (
                      <Tag
                        key={m.id}
                        color={m.source === 'qr' ? 'green' : undefined}
                        icon={m.source === 'qr' ? <QrcodeOutlined /> : undefined}
                        title={m.source === 'qr' ? t('checkin.count') : undefined}
                        style={{ fontSize: 14, padding: '2px 8px', opacity: m.active ? 1 : 0.5 }}
                      >
                        {m.name}
                      </Tag>
                    ))}
                  </Space>
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.noAttendees')} />
            )}
          </Card>
          <Card title={t('activities.tasks')} style={{ marginTop: 16 }} data-testid="activity-linked-tasks">
            {a.tasks.length ? (
              <Space direction="vertical">
                {a.tasks.map((x) => (
                  <Link key={x.key} to={`/campaigns/${a.campaignId}/tasks?orgId=${a.orgId}`}>
                    {L.en ? x.nameEn : x.nameZh}
                  </Link>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('activities.noLinkedTasks')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
