import { Alert, Card, Col, Empty, List, Row, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { HONOUR_NAMES, type HonourKind } from '@zx/domain/assessment/honour';
import { isApiError } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useActivityLabels } from '../activities/labels.ts';
import { kindName } from '../honours/labels.ts';
import { useMyRecord } from './api.ts';

/** 我的记录: the activities a member attended, their evaluation grades, honours and volunteer hours (phone first). */
export default function MyRecordPage() {
  const { t, i18n } = useTranslation();
  const activityLabels = useActivityLabels();
  const { data: r, error, isPending } = useMyRecord();
  if (isPending) return <Skeleton active />;
  if (isApiError(error) && error.status === 404) return <Empty description={t('record.notLinked')} data-testid="record-not-linked" />;
  if (error || !r) return <Alert type="error" showIcon title={errorText(error, i18n.language)} />;
  const none = <Typography.Text type="secondary">{t('record.none')}</Typography.Text>;
  return (
    <Row gutter={[16, 16]} data-testid="record-page">
      <Col xs={24}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {r.name}
        </Typography.Title>
        <Typography.Text type="secondary">{r.orgName}</Typography.Text>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t('record.activities')}
          extra={<Typography.Text type="secondary">{t('record.activityCount', { n: r.activityCount })}</Typography.Text>}
          data-testid="record-activities"
        >
          {r.activities.length ? (
            <List
              size="small"
              dataSource={r.activities}
              renderItem={(a) => (
                <List.Item>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                      {a.title}
                    </Typography.Text>
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                      {a.heldOn} · {a.orgName}
                    </div>
                    <Tag style={{ marginTop: 4 }}>{activityLabels.type(a.type)}</Tag>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            none
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('record.evaluations')} style={{ marginBottom: 16 }} data-testid="record-evaluations">
          {r.evaluations.length ? (
            <List
              size="small"
              dataSource={r.evaluations}
              renderItem={(e) => (
                <List.Item extra={<Tag color={e.grade === 'excellent' ? 'red' : 'default'}>{t(`evaluation.grade.${e.grade}`, { defaultValue: e.grade })}</Tag>}>
                  {t('record.year', { year: e.year })} · {e.orgName}
                </List.Item>
              )}
            />
          ) : (
            none
          )}
        </Card>
        <Card size="small" title={t('record.honours')} style={{ marginBottom: 16 }} data-testid="record-honours">
          {r.honours.length ? (
            <List
              size="small"
              dataSource={r.honours}
              renderItem={(h) => (
                <List.Item>
                  <div>
                    <Typography.Text strong>{h.kind in HONOUR_NAMES ? kindName(h.kind as HonourKind, i18n.language) : h.kind}</Typography.Text>
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                      {h.awardedOn} · {h.issuerOrgName} · {t('record.certificate', { no: h.certificateNo })}
                    </div>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            none
          )}
        </Card>
        <Card size="small" title={t('record.volunteer')} data-testid="record-volunteer">
          {r.volunteer ? (
            <>
              <List
                size="small"
                dataSource={r.volunteer.years}
                renderItem={(y) => <List.Item extra={t('record.hours', { n: y.hours })}>{t('record.year', { year: y.year })}</List.Item>}
                footer={<Typography.Text strong>{t('record.total', { n: r.volunteer.total })}</Typography.Text>}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.volunteer.source === 'verified_service' ? t('record.volunteerVerified') : t('record.volunteerSource')}
              </Typography.Text>
            </>
          ) : (
            none
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Link to="/">{t('nav.home')}</Link>
      </Col>
    </Row>
  );
}
