import { useState } from 'react';
import { App, Button, Card, Empty, Input, List, Modal, Space, Switch, Tag, Typography, type ButtonProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useCan } from '../../app/session.ts';
import { evaluationApi, useEvaluationMutation, useNegativeList, type NegativeEntry } from './api.ts';

/** 负面清单 of the subtree: who is barred from honours, for which period and why; lifting keeps the entry. */
export function NegativeListBoard() {
  const { t } = useTranslation();
  const [lifted, setLifted] = useState(false);
  const { data, isPending } = useNegativeList(lifted);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space size={6}>
        <Switch size="small" checked={lifted} onChange={setLifted} data-testid="negative-show-lifted" />
        <Typography.Text type="secondary">{t('evaluation.negative.showLifted')}</Typography.Text>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('evaluation.negative.addHint')}
      </Typography.Text>
      <List
        loading={isPending}
        dataSource={data ?? []}
        locale={{ emptyText: <Empty description={t('evaluation.negative.empty')} /> }}
        renderItem={(n) => <NegativeEntryCard entry={n} showMember />}
        data-testid="negative-list"
      />
    </Space>
  );
}

export function NegativeEntryCard({ entry: n, showMember }: { entry: NegativeEntry; showMember?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [lifting, setLifting] = useState(false);
  const [reason, setReason] = useState('');
  const lift = useEvaluationMutation((r: string) => evaluationApi.liftNegative(n.id, r));
  return (
    <Card size="small" style={{ marginBottom: 10, width: '100%' }} data-testid={`negative-entry-${n.id}`}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          {showMember && (
            <Link to={`/members/${n.memberId}`}>
              <Typography.Text strong>{n.memberName}</Typography.Text>
            </Link>
          )}
          {showMember && n.orgName && <Typography.Text type="secondary">{n.orgName}</Typography.Text>}
          {n.liftedAt ? (
            <Tag>{t('evaluation.negative.lifted')}</Tag>
          ) : n.active ? (
            <Tag color="red">{t('evaluation.negative.active')}</Tag>
          ) : (
            <Tag color="orange">{t('evaluation.negative.inactive')}</Tag>
          )}
        </Space>
        <Typography.Text>{n.reason}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('evaluation.negative.period', { from: n.startsOn, to: n.endsOn ?? t('evaluation.negative.open') })}
          {n.createdBy ? ` · ${n.createdBy}` : ''}
        </Typography.Text>
        {n.liftedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('evaluation.negative.liftedAt', { at: n.liftedAt.slice(0, 10), reason: n.liftReason ?? '' })}
          </Typography.Text>
        )}
        {!n.liftedAt && can('evaluation.manage') && (
          <div>
            <Button size="small" onClick={() => setLifting(true)} data-testid={`negative-lift-${n.id}`}>
              {t('evaluation.negative.lift')}
            </Button>
          </div>
        )}
      </Space>
      <Modal
        open={lifting}
        title={t('evaluation.negative.lift')}
        onCancel={() => setLifting(false)}
        okButtonProps={{ disabled: !reason.trim(), loading: lift.isPending, 'data-testid': 'negative-lift-confirm' } as ButtonProps}
        onOk={() =>
          lift.mutate(reason, {
            onSuccess: () => {
              setLifting(false);
              message.success(t('common.saved'));
            },
            onError: (e) => message.error(errorText(e, i18n.language)),
          })
        }
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('evaluation.negative.liftReason')}
          maxLength={1000}
        />
      </Modal>
    </Card>
  );
}
