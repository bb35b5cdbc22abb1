import type { ReactNode } from 'react';
import { Card, Image, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VolunteerEntry } from './api.ts';

export const STATUS_COLOR = { pending: 'processing', verified: 'success', rejected: 'error' } as const;

/** One volunteer service entry as a card (phone-first): day, hours, what, the photo, its state and the reason of a return. */
export function EntryCard({ e, showMember, actions }: { e: VolunteerEntry; showMember?: boolean; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={`volunteer-entry-${e.id}`}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={8}>
          {showMember && <Typography.Text strong>{e.memberName}</Typography.Text>}
          {showMember && <Tag>{e.orgName}</Tag>}
          <Typography.Text>{e.servedOn}</Typography.Text>
          <Typography.Text strong>
            {e.hours} {t('volunteer.hoursUnit')}
          </Typography.Text>
          <Tag color={STATUS_COLOR[e.status]} data-testid="volunteer-status">
            {t(`volunteer.status.${e.status}`)}
          </Tag>
          {e.source !== 'member' && <Tag>{t(`volunteer.source.${e.source}`)}</Tag>}
        </Space>
        <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-all' }}>{e.description}</Typography.Paragraph>
        {e.activity && <Typography.Text type="secondary">{e.activity.title}</Typography.Text>}
        {e.photo?.thumbUrl && <Image src={e.photo.thumbUrl} preview={{ src: e.photo.url }} width={96} height={72} style={{ objectFit: 'cover' }} />}
        {e.status === 'rejected' && e.reason && (
          <Typography.Text type="danger">
            {t('volunteer.reason')}：{e.reason}
          </Typography.Text>
        )}
        {actions}
      </Space>
    </Card>
  );
}
