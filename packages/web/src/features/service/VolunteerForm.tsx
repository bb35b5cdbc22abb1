import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isoToday, VOLUNTEER_LIMITS } from '@zx/domain';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { PhotoUploader } from '../activities/PhotoUploader.tsx';
import type { Attachment } from '../activities/api.ts';
import { useVolunteerActions, type VolunteerEntry } from './api.ts';

interface Values {
  servedOn: string;
  hours: number;
  description: string;
}

/** Log service, or correct a returned entry (it goes back to the branch). One proof photo at most. */
export function VolunteerForm({ entry, onDone }: { entry?: VolunteerEntry; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<Attachment[]>(entry?.photo ? [entry.photo] : []);
  const { create, update } = useVolunteerActions();
  const busy = create.isPending || update.isPending;

  const submit = (v: Values) => {
    const body = { servedOn: v.servedOn, hours: v.hours, description: v.description, photoId: photos[0]?.id ?? null };
    const opts = {
      onSuccess: () => {
        message.success(t('volunteer.saved'));
        onDone();
      },
      onError: (e: unknown) => {
        applyFieldErrors(form, e, i18n.language);
        message.error(errorText(e, i18n.language));
      },
    };
    if (entry) update.mutate({ id: entry.id, ...body }, opts);
    else create.mutate(body, opts);
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={entry ? { servedOn: entry.servedOn, hours: entry.hours, description: entry.description } : { servedOn: isoToday(), hours: 1 }}
      data-testid="volunteer-form"
    >
      <Space wrap size={12} style={{ width: '100%' }}>
        <Form.Item name="servedOn" label={t('volunteer.servedOn')} rules={[{ required: true }]}>
          <Input type="date" max={isoToday()} data-testid="volunteer-date" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="hours" label={t('volunteer.hours')} extra={t('volunteer.hoursHint')} rules={[{ required: true }]}>
          <InputNumber min={0.1} max={VOLUNTEER_LIMITS.maxHours} step={0.1} precision={1} style={{ width: 140 }} data-testid="volunteer-hours" />
        </Form.Item>
      </Space>
      <Form.Item name="description" label={t('volunteer.description')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea
          rows={3}
          maxLength={VOLUNTEER_LIMITS.description}
          showCount
          placeholder={t('volunteer.descriptionPlaceholder')}
          data-testid="volunteer-description"
        />
      </Form.Item>
      <Form.Item label={t('volunteer.photo')}>
        <PhotoUploader orgId={me.grant.orgId} value={photos} onChange={(v) => setPhotos(v.slice(-1))} />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="volunteer-submit">
          {t('volunteer.submit')}
        </Button>
        <Button size="large" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}
