import { useState } from 'react';
import { Alert, App, Button, Empty, Input, Modal, Pagination, Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { useVolunteerActions, useVolunteerQueue, type VolunteerEntry } from './api.ts';
import { EntryCard } from './EntryCard.tsx';

type Status = 'pending' | 'verified' | 'rejected';

/** The branch's queue: service logged by members of the subtree, verified or returned with a reason. */
export default function VolunteerVerifyPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const [status, setStatus] = useState<Status>('pending');
  const [page, setPage] = useState(1);
  const { data, error } = useVolunteerQueue(me.grant.orgId, status, page);
  const { review } = useVolunteerActions();
  const [rejecting, setRejecting] = useState<VolunteerEntry | null>(null);
  const [reason, setReason] = useState('');
  const fail = (e: unknown) => message.error(errorText(e, i18n.language));

  if (error) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="volunteer-verify-page">
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('volunteer.verifyTitle')}</h2>
        <Segmented<Status>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['pending', 'verified', 'rejected'] as const).map((s) => ({ value: s, label: t(`volunteer.filter.${s}`) }))}
        />
      </div>
      {data && !data.items.length && <Empty description={t('volunteer.queueNone')} />}
      {data?.items.map((e) => (
        <EntryCard
          key={e.id}
          e={e}
          showMember
          actions={
            e.canReview && (
              <Space wrap>
                <Button
                  type="primary"
                  loading={review.isPending}
                  onClick={() => review.mutate({ id: e.id, decision: 'verify' }, { onSuccess: () => message.success(t('volunteer.verified')), onError: fail })}
                  data-testid={`volunteer-verify-${e.id}`}
                >
                  {t('volunteer.verify')}
                </Button>
                <Button
                  danger
                  onClick={() => {
                    setReason('');
                    setRejecting(e);
                  }}
                  data-testid={`volunteer-reject-${e.id}`}
                >
                  {t('volunteer.reject')}
                </Button>
              </Space>
            )
          }
        />
      ))}
      {data && data.total > data.pageSize && <Pagination current={page} total={data.total} pageSize={data.pageSize} onChange={setPage} size="small" />}
      <Modal
        open={!!rejecting}
        title={t('volunteer.rejectTitle')}
        okText={t('volunteer.reject')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: review.isPending }}
        onCancel={() => setRejecting(null)}
        onOk={() =>
          rejecting &&
          review.mutate(
            { id: rejecting.id, decision: 'reject', reason },
            {
              onSuccess: () => {
                message.success(t('volunteer.rejected'));
                setRejecting(null);
              },
              onError: fail,
            },
          )
        }
      >
        <Input.TextArea rows={3} maxLength={300} value={reason} onChange={(ev) => setReason(ev.target.value)} placeholder={t('volunteer.rejectReason')} />
      </Modal>
    </Space>
  );
}
