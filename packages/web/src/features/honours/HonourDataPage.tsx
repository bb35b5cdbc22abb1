import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Flex, InputNumber, Segmented, Spin, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { errorText } from '../../api/forms.ts';
import { isApiError } from '../../api/client.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useDues, useSaveDues, useSaveHours, useVolunteerHours, type DuesList } from './api.ts';

type Tab = 'hours' | 'dues';

/**
 * The data the honour rules read: 志愿服务时长 per member (a branch secretary fills the whole
 * branch in one list on the phone) and 团费收缴 per unit.
 */
export default function HonourDataPage() {
  const { t } = useTranslation();
  const me = useSession();
  const can = useCan();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'dues' ? 'dues' : 'hours';
  const [orgId, setOrgId] = useState<number>(me.grant.orgId);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const tabs: Tab[] = [...(can('member.read') ? ['hours' as const] : []), ...(can('honour.read') ? ['dues' as const] : [])];

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('honours.data.title')}</h2>
      </div>
      <Flex vertical={isMobile} wrap gap={8} align={isMobile ? 'stretch' : 'center'} style={{ marginBottom: 12 }}>
        <Segmented
          block={isMobile}
          value={tab}
          onChange={(v) => setParams(v === 'hours' ? {} : { tab: String(v) }, { replace: true })}
          options={tabs.map((k) => ({ value: k, label: <span data-testid={`honour-data-tab-${k}`}>{t(`honours.data.${k}`)}</span> }))}
        />
        <OrgSelect
          value={orgId}
          onChange={(id) => id && setOrgId(id)}
          initial={{ id: me.grant.orgId, name: me.grant.orgName }}
          style={{ width: isMobile ? '100%' : 280 }}
          testId="honour-data-org"
        />
        <InputNumber
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => v && setYear(v)}
          addonBefore={t('honours.year')}
          style={{ width: isMobile ? '100%' : 160 }}
          data-testid="honour-data-year"
        />
      </Flex>
      {tab === 'hours' ? <HoursEditor orgId={orgId} year={year} /> : <DuesEditor orgId={orgId} year={year} />}
    </>
  );
}

function HoursEditor({ orgId, year }: { orgId: number; year: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { data, isFetching } = useVolunteerHours(orgId, year);
  const save = useSaveHours();
  const [draft, setDraft] = useState<Map<number, number | null>>(new Map());
  const [errors, setErrors] = useState<Map<number, string>>(new Map());
  useEffect(() => {
    setDraft(new Map());
    setErrors(new Map());
  }, [orgId, year]);
  const items = data?.items ?? [];
  const value = (id: number, saved: number | null) => (draft.has(id) ? draft.get(id)! : saved);

  const submit = async () => {
    const entries = [...draft].map(([memberId, hours]) => ({ memberId, hours }));
    if (!entries.length) return;
    try {
      await save.mutateAsync({ orgId, year, entries });
      message.success(t('honours.data.saved', { n: entries.length }));
      setDraft(new Map());
      setErrors(new Map());
    } catch (e) {
      if (isApiError(e) && e.errors.length) {
        const next = new Map<number, string>();
        for (const fe of e.errors) {
          const m = /^entries\.(\d+)\.hours$/.exec(fe.field);
          if (m) next.set(entries[Number(m[1])].memberId, e.fieldText(fe, i18n.language));
        }
        setErrors(next);
      }
      message.error(errorText(e, i18n.language));
    }
  };

  const input = (m: (typeof items)[number]) => (
    <div>
      <InputNumber
        min={0}
        max={2000}
        step={0.5}
        value={value(m.memberId, m.hours)}
        disabled={!data?.canEdit}
        addonAfter={t('honours.data.hoursUnit')}
        size={isMobile ? 'large' : 'middle'}
        style={{ width: isMobile ? 170 : 150 }}
        status={errors.has(m.memberId) ? 'error' : undefined}
        onChange={(v) => setDraft(new Map(draft).set(m.memberId, v == null ? null : Number(v)))}
        data-testid={`honour-hours-${m.memberId}`}
        inputMode="decimal"
      />
      {errors.has(m.memberId) && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {errors.get(m.memberId)}
        </Typography.Text>
      )}
    </div>
  );

  return (
    <Spin spinning={isFetching}>
      <Typography.Paragraph type="secondary">{t('honours.data.hoursHint')}</Typography.Paragraph>
      {data && !items.length ? (
        <Empty description={t('honours.data.noMembers')} />
      ) : isMobile ? (
        <Card size="small" data-testid="honour-hours-list">
          {items.map((m) => (
            <div
              key={m.memberId}
              style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <Typography.Text strong style={{ fontSize: 16 }}>
                {m.name}
              </Typography.Text>
              {input(m)}
            </div>
          ))}
        </Card>
      ) : (
        <Table
          rowKey="memberId"
          size="small"
          dataSource={items}
          pagination={false}
          data-testid="honour-hours-list"
          columns={[
            { title: t('honours.data.member'), dataIndex: 'name' },
            { title: t('honours.data.hours'), render: (_: unknown, m) => input(m) },
            { title: t('honours.data.updatedAt'), render: (_: unknown, m) => m.updatedAt?.slice(0, 10) ?? '—', width: 140 },
          ]}
        />
      )}
      {data?.canEdit && items.length > 0 && (
        <div style={{ position: isMobile ? 'sticky' : 'static', bottom: 0, background: '#fff', padding: '12px 0' }}>
          <Button type="primary" size="large" block={isMobile} disabled={!draft.size} loading={save.isPending} onClick={submit} data-testid="honour-hours-save">
            {t('honours.data.saveN', { n: draft.size })}
          </Button>
        </div>
      )}
    </Spin>
  );
}

function DuesRow({ u, year }: { u: DuesList['items'][number]; year: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const save = useSaveDues();
  const [due, setDue] = useState<number | null>(u.membersDue ?? u.activeMembers);
  const [arrears, setArrears] = useState<number | null>(u.membersInArrears ?? 0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDue(u.membersDue ?? u.activeMembers);
    setArrears(u.membersInArrears ?? 0);
  }, [u.membersDue, u.membersInArrears, u.activeMembers]);
  const submit = async () => {
    try {
      await save.mutateAsync({ orgId: u.orgId, year, membersDue: due ?? 0, membersInArrears: arrears ?? 0 });
      setError(null);
      message.success(t('common.saved'));
    } catch (e) {
      setError(errorText(e, i18n.language));
    }
  };
  const percent = due ? Math.round(((arrears ?? 0) * 1000) / due) / 10 : 0;
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`honour-dues-${u.orgId}`}>
      <div style={{ display: 'flex', flexDirection: isMobile ? 'column' : 'row', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8 }}>
        <div>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {u.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('honours.data.activeMembers', { n: u.activeMembers })}
            {u.updatedAt ? ` · ${t('honours.data.updatedAt')} ${u.updatedAt.slice(0, 10)}` : ` · ${t('honours.data.notRecorded')}`}
          </Typography.Text>
        </div>
        <Flex vertical={isMobile} wrap gap={8} align={isMobile ? 'stretch' : 'center'}>
          <InputNumber
            min={0}
            value={due}
            onChange={setDue}
            addonBefore={t('honours.data.membersDue')}
            disabled={!u.canEdit}
            size={isMobile ? 'large' : 'middle'}
            style={{ width: isMobile ? '100%' : 180 }}
            data-testid={`honour-dues-due-${u.orgId}`}
            inputMode="numeric"
          />
          <InputNumber
            min={0}
            value={arrears}
            onChange={setArrears}
            addonBefore={t('honours.data.membersInArrears')}
            disabled={!u.canEdit}
            size={isMobile ? 'large' : 'middle'}
            style={{ width: isMobile ? '100%' : 180 }}
            data-testid={`honour-dues-arrears-${u.orgId}`}
            inputMode="numeric"
          />
          <Typography.Text type={percent > 5 ? 'danger' : 'secondary'}>{t('honours.data.arrearsPercent', { p: percent })}</Typography.Text>
          {u.canEdit && (
            <Button
              type="primary"
              block={isMobile}
              size={isMobile ? 'large' : 'middle'}
              loading={save.isPending}
              onClick={submit}
              data-testid={`honour-dues-save-${u.orgId}`}
            >
              {t('common.save')}
            </Button>
          )}
        </Flex>
      </div>
      {error && (
        <Typography.Text type="danger" style={{ display: 'block' }} data-testid={`honour-dues-error-${u.orgId}`}>
          {error}
        </Typography.Text>
      )}
    </Card>
  );
}

function DuesEditor({ orgId, year }: { orgId: number; year: number }) {
  const { t } = useTranslation();
  const { data, isFetching } = useDues(orgId, year);
  return (
    <Spin spinning={isFetching}>
      <Typography.Paragraph type="secondary">{t('honours.data.duesHint')}</Typography.Paragraph>
      {data && !data.items.length ? <Empty /> : (data?.items ?? []).map((u) => <DuesRow key={`${u.orgId}-${year}`} u={u} year={year} />)}
    </Spin>
  );
}
