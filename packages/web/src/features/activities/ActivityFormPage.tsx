import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Select, Skeleton, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS, type ActivityTypeCode, type PartyEducationForm } from '@zx/domain/campaign/activity-types';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { ApiError, isApiError } from '../../api/client.ts';
import { codeIn } from '../../app/codes.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useCampaigns } from '../campaigns/api.ts';
import { useActivity, useCampaignTasks, useSaveActivity, type Attachment } from './api.ts';
import { useActivityLabels } from './labels.ts';
import { PhotoUploader } from './PhotoUploader.tsx';
import { AttendeePicker, type PickedMember } from './AttendeePicker.tsx';
import { useExemplars } from '../exemplars/api.ts';

interface Values {
  campaignId: number;
  orgId: number;
  type: ActivityTypeCode;
  form?: PartyEducationForm | null;
  title: string;
  heldOn: Dayjs;
  place: string;
  summary: string;
  minutes?: string | null;
  taskKeys: string[];
  photos: Attachment[];
  attendees: PickedMember[];
  demoSiteId?: number | null;
}

/** Server field → form field (a list's items are reported on the list). */
const FIELD_OF: Record<string, string> = { photoIds: 'photos', attendeeIds: 'attendees' };

/** Record or edit an activity: one column, large controls, camera and roster at hand. */
export default function ActivityFormPage() {
  const { id } = useParams();
  const editId = id ? Number(id) : null;
  const existing = useActivity(editId ?? 0);
  if (editId && existing.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (editId && existing.error) return <Alert type="error" showIcon message={String(existing.error.message)} />;
  return <ActivityForm editId={editId} initial={existing.data ?? null} />;
}

function ActivityForm({ editId, initial }: { editId: number | null; initial: ReturnType<typeof useActivity>['data'] | null }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const L = useActivityLabels();
  const [form] = Form.useForm<Values>();
  const { data: campaigns = [], isPending: campaignsPending } = useCampaigns();
  const save = useSaveActivity(editId);
  const [orgName, setOrgName] = useState(initial?.orgName ?? me.grant.orgName);
  const [unmatched, setUnmatched] = useState<string[]>([]);

  const campaignId = Form.useWatch('campaignId', form) as number | undefined;
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const type = Form.useWatch('type', form) as string | undefined;
  const chosenForm = Form.useWatch('form', form) as string | undefined;
  const campaign = campaigns.find((c) => c.id === campaignId);
  const { data: sites } = useExemplars({ status: 'selected', demoSite: true, page: 1, pageSize: 100 }, type === 'demo_site_visit');
  const demoSites = sites?.items ?? [];
  const firstDay = campaign?.phases[0]?.startsOn;
  const lastDay = campaign?.phases[campaign.phases.length - 1]?.endsOn;
  const { data: unitTasks } = useCampaignTasks(campaignId ?? null, orgId ?? null);
  const tasks = useMemo(() => (unitTasks?.tasks ?? []).filter((x) => x.applicable), [unitTasks]);

  // New record: the campaign from the link (a task's "record an activity"), else the running one.
  useEffect(() => {
    if (editId || form.getFieldValue('campaignId') || !campaigns.length) return;
    const fromLink = Number(params.get('campaignId'));
    const pick = campaigns.find((c) => c.id === fromLink) ?? campaigns.find((c) => c.status === 'running') ?? campaigns[0];
    form.setFieldValue('campaignId', pick.id);
  }, [campaigns, editId, form, params]);

  // Link the tasks this activity is evidence for: same type (and form), held within the task's
  // phase — exactly what the server counts towards the task.
  const heldOn = Form.useWatch('heldOn', form) as Dayjs | undefined;
  const heldOnIso = heldOn?.format('YYYY-MM-DD');
  useEffect(() => {
    if (editId || !type || !tasks.length) return;
    const inPhase = (phaseKey: string) => {
      const p = campaign?.phases.find((x) => x.key === phaseKey);
      return !!p && !!heldOnIso && !!p.startsOn && !!p.endsOn && p.startsOn <= heldOnIso && heldOnIso <= p.endsOn;
    };
    const keys = tasks
      .filter(
        (x) =>
          x.evidence.kind === 'activities' && x.evidence.activityType === type && (!x.evidence.form || x.evidence.form === chosenForm) && inPhase(x.phaseKey),
      )
      .map((x) => x.key);
    form.setFieldValue('taskKeys', keys);
  }, [type, chosenForm, tasks, editId, form, campaign, heldOnIso]);

  const initialValues: Partial<Values> = initial
    ? {
        campaignId: initial.campaignId,
        orgId: initial.orgId,
        type: initial.type,
        form: initial.form,
        title: initial.title,
        heldOn: dayjs(initial.heldOn),
        place: initial.place,
        summary: initial.summary,
        minutes: initial.minutes,
        taskKeys: initial.tasks.map((x) => x.key),
        photos: initial.photos,
        attendees: initial.attendees.map((a) => ({ id: a.id, name: a.name, orgName: a.orgName })),
        demoSiteId: initial.demoSite?.id ?? null,
      }
    : {
        orgId: me.grant.orgId,
        type: codeIn(ACTIVITY_TYPES, params.get('type')) ?? undefined,
        form: codeIn(PARTY_EDUCATION_FORMS, params.get('form')) ?? undefined,
        heldOn: dayjs(),
        taskKeys: [],
        photos: [],
        attendees: [],
      };

  async function submit(v: Values) {
    setUnmatched([]);
    try {
      const saved = await save.mutateAsync({
        campaignId: v.campaignId,
        orgId: v.orgId,
        type: v.type,
        form: v.type === 'party_education' ? (v.form ?? null) : null,
        title: v.title,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        place: v.place,
        summary: v.summary,
        minutes: v.type === 'symposium' ? (v.minutes ?? null) : null,
        taskKeys: v.taskKeys ?? [],
        photoIds: (v.photos ?? []).map((p) => p.id),
        attendeeIds: (v.attendees ?? []).map((a) => a.id),
        ...(v.type === 'demo_site_visit' ? { demoSiteId: v.demoSiteId ?? null } : {}),
      });
      message.success(t('common.saved'));
      navigate(`/activities/${saved.id}`, { replace: true });
    } catch (e) {
      if (!isApiError(e)) return message.error(errorText(e, i18n.language));
      const err = e;
      // 'attendeeIds.3' → the attendees field, one message per field.
      const seen = new Set<string>();
      const errors = err.errors
        .filter((x) => {
          const f = x.field.split('.')[0];
          if (seen.has(f)) return false;
          seen.add(f);
          return true;
        })
        .map((x) => ({ ...x, field: FIELD_OF[x.field.split('.')[0]] ?? x.field.split('.')[0] }));
      const left = applyFieldErrors(
        form,
        new ApiError({ status: err.status, code: err.code, title: err.title, messages: err.messages, errors }),
        i18n.language,
      );
      if (left.length || !errors.length) setUnmatched(left.length ? left.map((x) => err.fieldText(x, i18n.language)) : [err.text(i18n.language)]);
    }
  }

  if (campaignsPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const size = isMobile ? 'large' : 'middle';

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <h2 style={{ margin: '0 0 12px', fontSize: 20 }}>{editId ? t('activities.editTitle') : t('activities.record')}</h2>
      <Card styles={{ body: { padding: isMobile ? 14 : 24 } }}>
        <Form<Values>
          form={form}
          layout="vertical"
          size={size}
          initialValues={initialValues}
          onFinish={submit}
          requiredMark="optional"
          data-testid="activity-form"
          scrollToFirstError
        >
          <Form.Item name="campaignId" label={t('activities.campaign')} rules={[{ required: true, message: t('activities.required') }]}>
            <Select options={campaigns.map((c) => ({ value: c.id, label: c.name }))} data-testid="activity-campaign" />
          </Form.Item>
          <Form.Item name="orgId" label={t('activities.org')} rules={[{ required: true, message: t('activities.required') }]}>
            <OrgSelect
              initial={{ id: initial?.orgId ?? me.grant.orgId, name: orgName }}
              onChange={(_, hit) => {
                if (hit) setOrgName(hit.name);
                form.setFieldsValue({ attendees: [], photos: [] });
              }}
              testId="activity-org"
            />
          </Form.Item>
          <Form.Item name="type" label={t('activities.type')} rules={[{ required: true, message: t('activities.required') }]}>
            <Select
              options={L.typeOptions}
              placeholder={t('activities.typePlaceholder')}
              data-testid="activity-type"
              onChange={(v: string) => {
                if (!form.getFieldValue('title')) form.setFieldValue('title', L.type(v));
              }}
            />
          </Form.Item>
          {type === 'demo_site_visit' && (
            <Form.Item name="demoSiteId" label={t('exemplars.siteField')} extra={t('exemplars.siteFieldHint')}>
              <Select
                allowClear
                options={demoSites.map((d) => ({ value: d.id, label: `${d.nomineeName}（${d.title}）` }))}
                placeholder={t('exemplars.sitePlaceholder')}
                data-testid="activity-demo-site-select"
              />
            </Form.Item>
          )}
          {type === 'party_education' && (
            <Form.Item name="form" label={t('activities.form')} rules={[{ required: true, message: t('activities.formRequired') }]}>
              <Select
                options={L.formOptions}
                placeholder={t('activities.formPlaceholder')}
                data-testid="activity-form-select"
                onChange={(v: string) => {
                  const cur = form.getFieldValue('title');
                  if (!cur || cur === L.type('party_education')) form.setFieldValue('title', L.form(v));
                }}
              />
            </Form.Item>
          )}
          <Form.Item
            name="title"
            label={t('activities.titleField')}
            rules={[{ required: true, whitespace: true, message: t('activities.required') }, { max: 100 }]}
          >
            <Input maxLength={100} data-testid="activity-title" />
          </Form.Item>
          <Form.Item
            name="heldOn"
            label={t('activities.heldOn')}
            rules={[{ required: true, message: t('activities.required') }]}
            extra={firstDay ? t('activities.dateRange', { from: firstDay, to: lastDay }) : undefined}
          >
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly={isMobile}
              allowClear={false}
              data-testid="activity-held-on"
              disabledDate={(d) =>
                d.isAfter(dayjs(), 'day') || (!!firstDay && d.isBefore(dayjs(firstDay), 'day')) || (!!lastDay && d.isAfter(dayjs(lastDay), 'day'))
              }
            />
          </Form.Item>
          <Form.Item name="place" label={t('activities.place')} rules={[{ required: true, whitespace: true, message: t('activities.required') }, { max: 100 }]}>
            <Input maxLength={100} data-testid="activity-place" />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t('activities.summary')}
            rules={[{ required: true, whitespace: true, message: t('activities.required') }, { max: 5000 }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={5000}
              placeholder={t('activities.summaryPlaceholder')}
              data-testid="activity-summary"
            />
          </Form.Item>
          {type === 'symposium' && (
            <Form.Item name="minutes" label={t('activities.minutes')} rules={[{ required: true, whitespace: true, message: t('activities.minutesRequired') }]}>
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} data-testid="activity-minutes" />
            </Form.Item>
          )}
          <Form.Item name="photos" label={t('activities.photos')} extra={t('activities.photosHint')}>
            <PhotoUploader orgId={orgId ?? null} />
          </Form.Item>
          <Form.Item name="attendees" label={t('activities.attendees')}>
            <AttendeePicker orgId={orgId ?? null} />
          </Form.Item>
          <Form.Item name="taskKeys" label={t('activities.tasks')} extra={tasks.length ? t('activities.tasksHint') : t('activities.noTasks')}>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              data-testid="activity-tasks"
              options={tasks.map((x) => ({ value: x.key, label: <span data-testid={`activity-task-${x.key}`}>{L.en ? x.nameEn : x.nameZh}</span> }))}
            />
          </Form.Item>
          {unmatched.length > 0 && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} message={unmatched.join('；')} data-testid="activity-form-error" />
          )}
          <Space style={{ width: '100%', justifyContent: 'flex-end' }} direction={isMobile ? 'vertical' : 'horizontal'}>
            {!isMobile && <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>}
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              block={isMobile}
              style={isMobile ? { height: 48, width: '100%' } : undefined}
              data-testid="activity-submit"
            >
              {t('common.save')}
            </Button>
            {isMobile && (
              <Button block size="large" onClick={() => navigate(-1)} style={{ width: '100%' }}>
                {t('common.cancel')}
              </Button>
            )}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
            {t('activities.privacyHint')}
          </Typography.Paragraph>
        </Form>
      </Card>
    </div>
  );
}
