import { Card, Drawer, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useEvaluationComments, type Evaluation, type FullParticipant } from './api.ts';

/** The peer comments, per member: for the branch committee and the level above, never published. */
export function CommentsDrawer({ e, rows, open, onClose }: { e: Evaluation; rows: FullParticipant[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { data } = useEvaluationComments(e.id, open && e.canReadComments);
  return (
    <Drawer open={open} onClose={onClose} title={t('evaluation.manage.comments')} width={isMobile ? '100%' : 520} data-testid="evaluation-comments">
      <Typography.Paragraph type="secondary">{t('evaluation.manage.commentsHint')}</Typography.Paragraph>
      {rows.map((p) => {
        const list = (data ?? []).filter((c) => c.memberId === p.memberId);
        return (
          <Card key={p.memberId} size="small" title={p.name} style={{ marginBottom: 10 }}>
            {list.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.manage.noComments')} />
            ) : (
              list.map((c) => (
                <Typography.Paragraph key={c.authorMemberId} style={{ marginBottom: 6 }}>
                  <Typography.Text type="secondary">{c.authorName}：</Typography.Text>
                  {c.text}
                </Typography.Paragraph>
              ))
            )}
          </Card>
        );
      })}
    </Drawer>
  );
}
