import { useState } from 'react';
import { App, Button, Card, Input, Space } from 'antd';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';

type Review = UseMutationResult<unknown, Error, { decision: 'approve' | 'return'; comment?: string | null }>;

/** The level above decides a submitted post: approve (it goes public) or return it with what to change. */
export function ReviewBox({ review }: { review: Review }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [error, setError] = useState(false);
  const decide = async (decision: 'approve' | 'return') => {
    if (decision === 'return' && !comment.trim()) return setError(true);
    try {
      await review.mutateAsync({ decision, comment: comment.trim() || null });
      message.success(decision === 'approve' ? t('publicity.approved') : t('publicity.returned'));
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
  };
  return (
    <Card size="small" title={t('publicity.reviewTitle')} data-testid="post-review">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea
          value={comment}
          onChange={(e) => {
            setComment(e.target.value);
            setError(false);
          }}
          placeholder={t('publicity.returnComment')}
          status={error ? 'error' : undefined}
          autoSize={{ minRows: 2 }}
          maxLength={1000}
          data-testid="review-comment"
        />
        {error && <span style={{ color: '#ff4d4f' }}>{t('publicity.returnCommentRequired')}</span>}
        <Space wrap>
          <Button type="primary" loading={review.isPending} onClick={() => decide('approve')} data-testid="review-approve">
            {t('publicity.approve')}
          </Button>
          <Button danger loading={review.isPending} onClick={() => decide('return')} data-testid="review-return">
            {t('publicity.return')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
