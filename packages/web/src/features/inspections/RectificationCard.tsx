import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useItemAction, type ItemAction, type Rectification, type RectificationStatus } from './api.ts';

const STATUS_COLOR: Record<RectificationStatus, string> = { open: 'orange', answered: 'blue', closed: 'green' };

export function RectificationStatusTag({ item }: { item: Pick<Rectification, 'id' | 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[item.status]} data-testid={`rectification-status-${item.id}`} data-status={item.status}>
        {t(`inspections.status.${item.status}`)}
      </Tag>
      {item.overdue && <Tag color="red">{t('inspections.overdue')}</Tag>}
    </Space>
  );
}

/**
 * One rectification item with what the viewer may do: the unit answers it (again, until it is
 * closed); the inspecting side closes an answered item or sends it back with a comment.
 */
export function RectificationCard({ item, index, showUnit }: { item: Rectification; index?: number; showUnit?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const action = useItemAction();
  const [answering, setAnswering] = useState(item.status === 'open' && item.canAnswer);
  const [review, setReview] = useState<null | 'close' | 'reopen'>(null);
  const [answerForm] = Form.useForm<{ answer: string }>();
  const [reviewForm] = Form.useForm<{ comment?: string }>();

  const run = (act: ItemAction, done: () => void) =>
    action.mutate(act, {
      onSuccess: () => {
        message.success(t(`inspections.done.${act.action}`));
        done();
      },
      onError: (e) => message.error(errorText(e, i18n.language)),
    });

  return (
    <Card
      size="small"
      data-testid={`rectification-item-${item.id}`}
      title={
        <Space wrap size={6}>
          <span>{index !== undefined ? t('inspections.itemN', { n: index + 1 }) : showUnit ? item.orgName : t('inspections.item')}</span>
          <RectificationStatusTag item={item} />
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8, fontSize: 15 }}>{item.description}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {t('inspections.owner')}：{item.owner} · {t('inspections.dueOn')}：<span style={item.overdue ? { color: '#cf1322' } : undefined}>{item.dueOn}</span>
      </Typography.Text>
      {showUnit && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          <Link to={`/inspections/${item.inspectionId}`}>{t('inspections.fromVisit', { date: item.visitedOn, org: item.inspectorOrgName ?? '' })}</Link>
        </Typography.Text>
      )}
      {item.answer && !answering && (
        <div style={{ marginTop: 8, padding: '8px 12px', background: '#f6ffed', borderRadius: 6 }} data-testid={`rectification-answer-${item.id}`}>
          <Typography.Text strong>{t('inspections.answer')}：</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.answer}</Typography.Paragraph>
        </div>
      )}
      {item.reviewComment && (
        <div
          style={{ marginTop: 8, padding: '8px 12px', background: item.status === 'open' ? '#fff7e6' : '#f5f5f5', borderRadius: 6 }}
          data-testid={`rectification-comment-${item.id}`}
        >
          <Typography.Text strong>{item.status === 'closed' ? t('inspections.closeComment') : t('inspections.reopenComment')}：</Typography.Text>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{item.reviewComment}</Typography.Text>
        </div>
      )}
      {item.canAnswer && answering && (
        <Form
          form={answerForm}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ answer: item.answer ?? '' }}
          onFinish={(v) => run({ id: item.id, action: 'answer', body: { answer: v.answer } }, () => setAnswering(false))}
        >
          <Form.Item
            name="answer"
            label={t('inspections.answerLabel')}
            rules={[{ required: true, whitespace: true, message: t('inspections.answerRequired') }, { max: 5000 }]}
            style={{ marginBottom: 8 }}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 10 }}
              placeholder={t('inspections.answerPlaceholder')}
              data-testid={`rectification-answer-input-${item.id}`}
            />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" size="large" loading={action.isPending} data-testid={`rectification-answer-submit-${item.id}`}>
              {t('inspections.submitAnswer')}
            </Button>
            {item.status === 'answered' && (
              <Button size="large" onClick={() => setAnswering(false)}>
                {t('common.cancel')}
              </Button>
            )}
          </Space>
        </Form>
      )}
      {(item.canClose || item.canReopen || (item.canAnswer && !answering)) && (
        <Space wrap style={{ marginTop: 12 }}>
          {item.canAnswer && !answering && (
            <Button onClick={() => setAnswering(true)} data-testid={`rectification-edit-answer-${item.id}`}>
              {t('inspections.editAnswer')}
            </Button>
          )}
          {item.canClose && (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setReview('close')} data-testid={`rectification-close-${item.id}`}>
              {t('inspections.close')}
            </Button>
          )}
          {item.canReopen && (
            <Button icon={<RollbackOutlined />} onClick={() => setReview('reopen')} data-testid={`rectification-reopen-${item.id}`}>
              {t('inspections.reopen')}
            </Button>
          )}
        </Space>
      )}
      <Modal
        open={review !== null}
        title={review === 'close' ? t('inspections.closeTitle') : t('inspections.reopenTitle')}
        onCancel={() => setReview(null)}
        onOk={() => reviewForm.submit()}
        okText={review === 'close' ? t('inspections.close') : t('inspections.reopen')}
        confirmLoading={action.isPending}
        wrapProps={{ 'data-testid': 'rectification-review-modal' }}
        destroyOnHidden
      >
        <Form
          form={reviewForm}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            run(
              review === 'close'
                ? { id: item.id, action: 'close', body: { comment: v.comment?.trim() || null } }
                : { id: item.id, action: 'reopen', body: { comment: v.comment ?? '' } },
              () => setReview(null),
            )
          }
        >
          <Form.Item
            name="comment"
            label={review === 'close' ? t('inspections.closeComment') : t('inspections.reopenComment')}
            rules={
              review === 'reopen' ? [{ required: true, whitespace: true, message: t('inspections.reopenCommentRequired') }, { max: 1000 }] : [{ max: 1000 }]
            }
          >
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid="rectification-review-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
