import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Modal, Space, Timeline, Typography, type ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { evaluationApi, useEvaluationMutation, useMemberHistory } from './api.ts';
import { GradeTag, VoteCounts } from './labels.tsx';
import { NegativeEntryCard } from './NegativeListBoard.tsx';

/** On the member's page: every approved annual grade (with re-evaluations) and the negative list (负面清单). */
export function MemberEvaluationHistory({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useMemberHistory(memberId);
  const [adding, setAdding] = useState(false);
  if (error) return null;
  return (
    <Card
      title={t('evaluation.history.title')}
      size="small"
      loading={isPending}
      data-testid="member-evaluation-history"
      extra={
        data?.canManage ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="negative-add">
            {t('evaluation.negative.add')}
          </Button>
        ) : undefined
      }
    >
      {data && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {data.onNegativeListThisYear && <Alert type="error" showIcon message={t('evaluation.negative.barred')} data-testid="member-negative-barred" />}
          {data.evaluations.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.history.empty')} />
          ) : (
            <Timeline
              items={data.evaluations.map((h) => ({
                key: h.evaluationId,
                content: (
                  <Space direction="vertical" size={2} data-testid={`member-evaluation-${h.year}`}>
                    <Space wrap>
                      <Link to={`/evaluations/${h.evaluationId}`}>
                        <Typography.Text strong>{t('evaluation.yearN', { year: h.year })}</Typography.Text>
                      </Link>
                      <GradeTag grade={h.grade} />
                      <Typography.Text type="secondary">{h.orgName}</Typography.Text>
                    </Space>
                    {h.votes && <VoteCounts votes={h.votes} />}
                    {h.overrideReason && (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {t('evaluation.proposal.reasonLabel')}
                        {h.overrideReason}
                      </Typography.Text>
                    )}
                    {h.reevaluation &&
                      (h.reevaluation.grade ? (
                        <span style={{ fontSize: 13 }}>
                          {t('evaluation.reeval.done', { on: h.reevaluation.heldOn })} <GradeTag grade={h.reevaluation.grade} />
                        </span>
                      ) : (
                        <Typography.Text type="warning" style={{ fontSize: 13 }}>
                          {t('evaluation.reeval.due', { on: h.reevaluation.dueOn })}
                        </Typography.Text>
                      ))}
                  </Space>
                ),
              }))}
            />
          )}
          {data.negativeList.length > 0 && (
            <div>
              <Typography.Text strong>{t('evaluation.tabs.negative')}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                {data.negativeList.map((n) => (
                  <NegativeEntryCard key={n.id} entry={n} />
                ))}
              </div>
            </div>
          )}
        </Space>
      )}
      {adding && <AddNegative memberId={memberId} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function AddNegative({ memberId, onClose }: { memberId: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [startsOn, setStartsOn] = useState(new Date().toISOString().slice(0, 10));
  const [endsOn, setEndsOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useEvaluationMutation(() => evaluationApi.addNegative({ memberId, reason, startsOn, endsOn: endsOn || null }));
  return (
    <Modal
      open
      title={t('evaluation.negative.add')}
      onCancel={onClose}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'negative-add-save' } as ButtonProps}
      onOk={() =>
        add.mutate(undefined, {
          onSuccess: () => {
            onClose();
            message.success(t('common.saved'));
          },
          onError: (err) => {
            const map: Record<string, string> = {};
            if (isApiError(err)) for (const fe of err.errors) map[fe.field] ??= err.fieldText(fe, i18n.language);
            setErrors(map);
            message.error(errorText(err, i18n.language));
          },
        })
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('evaluation.negative.addExplain')}</Typography.Text>
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(x) => setReason(x.target.value)}
          placeholder={t('evaluation.negative.reason')}
          maxLength={1000}
          status={errors.reason ? 'error' : undefined}
          data-testid="negative-reason"
        />
        {errors.reason && <Typography.Text type="danger">{errors.reason}</Typography.Text>}
        <Space wrap>
          <span>{t('evaluation.negative.from')}</span>
          <Input type="date" value={startsOn} onChange={(x) => setStartsOn(x.target.value)} style={{ width: 160 }} />
          <span>{t('evaluation.negative.to')}</span>
          <Input type="date" value={endsOn} onChange={(x) => setEndsOn(x.target.value)} style={{ width: 160 }} status={errors.endsOn ? 'error' : undefined} />
        </Space>
        {errors.endsOn && <Typography.Text type="danger">{errors.endsOn}</Typography.Text>}
      </Space>
    </Modal>
  );
}
