import { Button, Card, Descriptions, Empty, Result, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useInspection } from './api.ts';
import { RectificationCard } from './RectificationCard.tsx';

/** One visit: who inspected whom and when, the findings, and each rectification item with its state. */
export default function InspectionDetailPage() {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data, isPending, error } = useInspection(id);

  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error || !data) {
    return (
      <Result
        status="404"
        title={isApiError(error) ? error.text(i18n.language) : t('common.loadFailed')}
        extra={<Button onClick={() => navigate('/inspections')}>{t('common.back')}</Button>}
      />
    );
  }
  return (
    <div data-testid="inspection-detail" style={{ maxWidth: 1100 }}>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }} data-testid="inspection-detail-title">
          {t('inspections.detailTitle', { org: data.orgName })}
        </h2>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/inspections')}>
          {t('common.back')}
        </Button>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={isMobile ? 1 : 2} size="small">
          <Descriptions.Item label={t('inspections.unit')}>{data.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.visitedOn')}>{data.visitedOn}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.inspector')}>
            {data.inspectorName}
            {data.inspectorOrgName ? `（${data.inspectorOrgName}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.score')}>
            <span data-testid="inspection-detail-score">{data.score ?? '—'}</span>
          </Descriptions.Item>
          {data.campaignName && <Descriptions.Item label={t('inspections.campaign')}>{data.campaignName}</Descriptions.Item>}
        </Descriptions>
        <Typography.Title level={5}>{t('inspections.findings')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="inspection-detail-findings">
          {data.findings}
        </Typography.Paragraph>
      </Card>
      <Typography.Title level={5}>{t('inspections.itemsCount', { n: data.items.length })}</Typography.Title>
      {data.items.length === 0 ? (
        <Card>
          <Empty description={t('inspections.noItems')} />
        </Card>
      ) : (
        data.items.map((item, i) => <RectificationCard key={item.id} item={item} index={i} />)
      )}
    </div>
  );
}
