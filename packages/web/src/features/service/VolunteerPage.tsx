import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Statistic } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useMyVolunteer, useVolunteerActions, type VolunteerEntry } from './api.ts';
import { EntryCard } from './EntryCard.tsx';
import { VolunteerForm } from './VolunteerForm.tsx';

/** 为青年服务: a member's own service of the year — the hours the branch verified, what waits, and the form to log more. */
export default function VolunteerPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const year = new Date().getFullYear();
  const { data, error } = useMyVolunteer(year);
  const { remove } = useVolunteerActions();
  const [editing, setEditing] = useState<VolunteerEntry | 'new' | null>(null);

  if (error) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="volunteer-page">
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('volunteer.title')}</h2>
        {!editing && (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="volunteer-new">
            {t('volunteer.log')}
          </Button>
        )}
      </div>
      <Card size="small">
        <Space size={40} wrap>
          <Statistic
            title={`${year} ${t('volunteer.verifiedHours')}`}
            value={data?.verifiedHours ?? 0}
            suffix={t('volunteer.hoursUnit')}
            data-testid="volunteer-verified"
          />
          <Statistic title={t('volunteer.pendingHours')} value={data?.pendingHours ?? 0} suffix={t('volunteer.hoursUnit')} />
        </Space>
      </Card>
      {editing && (
        <Card title={editing === 'new' ? t('volunteer.log') : t('volunteer.edit')}>
          <VolunteerForm key={editing === 'new' ? 'new' : editing.id} entry={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        </Card>
      )}
      {data && !data.items.length && <Empty description={t('volunteer.none')} />}
      {data?.items.map((e) => (
        <EntryCard
          key={e.id}
          e={e}
          actions={
            e.canEdit && (
              <Space wrap>
                <Button onClick={() => setEditing(e)} data-testid={`volunteer-edit-${e.id}`}>
                  {t('volunteer.edit')}
                </Button>
                <Popconfirm
                  title={t('volunteer.withdrawConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(e.id, { onError: (err) => message.error(errorText(err, i18n.language)) })}
                >
                  <Button danger>{t('volunteer.withdraw')}</Button>
                </Popconfirm>
              </Space>
            )
          }
        />
      ))}
    </Space>
  );
}
