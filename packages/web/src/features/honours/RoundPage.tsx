import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Radio,
  Row,
  Space,
  Spin,
  Steps,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, DownloadOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { describeCheck } from '@zx/domain/assessment/honour';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useDownload } from '../../app/useDownload.ts';
import { errorText } from '../../api/forms.ts';
import {
  useAddCandidate,
  useCandidateAction,
  useEligible,
  useHandleObjection,
  useObject,
  useRound,
  useRoundAction,
  type Candidate,
  type EligibleItem,
  type HonourKind,
  type Objection,
  type Round,
  type RuleCheck,
} from './api.ts';
import { kindName, ROUND_STATUS_COLOR } from './labels.ts';
import { RoundDrawer } from './RoundDrawer.tsx';

const STEPS = ['draft', 'recommending', 'notice', 'final'] as const;
const CANDIDATE_COLOR: Record<string, string> = { recommended: 'processing', candidate: 'red', rejected: 'default', withdrawn: 'default', awarded: 'gold' };

/** The rule checks of a candidate: passed in green, failed in red, each with the value seen. */
export function RuleChecks({ checks, failedOnly = false, testId }: { checks: RuleCheck[]; failedOnly?: boolean; testId?: string }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const shown = failedOnly ? checks.filter((c) => !c.passed) : checks;
  return (
    <Space size={[4, 4]} wrap data-testid={testId}>
      {shown.map((c) => {
        const text = describeCheck(c);
        return (
          <Tag
            key={c.rule}
            color={c.passed ? 'green' : 'red'}
            icon={c.passed ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
            style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}
            data-testid={`rule-${c.rule}-${c.passed ? 'pass' : 'fail'}`}
          >
            {en ? text.en : text.zh}
          </Tag>
        );
      })}
    </Space>
  );
}

/** 评选详情: quotas, eligible lists and candidates per honour, the public notice with objections, the final list and certificates. */
export default function RoundPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const id = Number(useParams().id);
  const { data: r, isLoading, error } = useRound(id);
  const action = useRoundAction(id);
  const dl = useDownload();
  const [editing, setEditing] = useState(false);

  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !r) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;

  const run = async (a: 'open-recommendations' | 'publish' | 'finalize', ok: string) => {
    try {
      await action.mutateAsync({ action: a });
      message.success(ok);
    } catch (e) {
      modal.error({ title: t('honours.failed'), content: <div data-testid="honour-action-error">{errorText(e, i18n.language)}</div> });
    }
  };
  const managing = r.can.manage || r.can.recommend;

  return (
    <>
      <div className="zx-page-toolbar">
        <div>
          <h2 style={{ margin: 0, fontSize: 20 }} data-testid="honour-round-title">
            {r.name}
          </h2>
          <Typography.Text type="secondary">
            {r.orgName} · {t('honours.yearN', { year: r.year })} ·{' '}
          </Typography.Text>
          <Tag color={ROUND_STATUS_COLOR[r.status]} data-testid="honour-round-status">
            {t(`honours.status.${r.status}`)}
          </Tag>
        </div>
        <Space wrap>
          {r.can.edit && (
            <Button onClick={() => setEditing(true)} data-testid="honour-round-edit">
              {t('honours.edit')}
            </Button>
          )}
          {r.can.openRecommendations && (
            <Button onClick={() => run('open-recommendations', t('honours.recommendationsOpened'))} data-testid="honour-open-recommendations">
              {t('honours.openRecommendations')}
            </Button>
          )}
          {r.can.publish && (
            <Popconfirm
              title={t('honours.publishConfirm', { days: r.settings.noticeDays })}
              onConfirm={() => run('publish', t('honours.published'))}
              okButtonProps={{ 'data-testid': 'honour-publish-confirm' } as ButtonProps}
            >
              <Button type="primary" data-testid="honour-publish">
                {t('honours.publish')}
              </Button>
            </Popconfirm>
          )}
          {r.can.manage && r.status === 'notice' && (
            <Button type="primary" disabled={!r.can.finalize} onClick={() => run('finalize', t('honours.finalized'))} data-testid="honour-finalize">
              {t('honours.finalize')}
            </Button>
          )}
          {r.can.certificates && (
            <Button
              icon={<DownloadOutlined />}
              loading={dl.busy}
              onClick={() => dl.run(`/honours/rounds/${r.id}/certificates.pdf`, undefined, `${r.name}.pdf`)}
              data-testid="honour-certificates-all"
            >
              {t('honours.allCertificates')}
            </Button>
          )}
        </Space>
      </div>

      {!isMobile && (
        <Steps
          size="small"
          style={{ marginBottom: 16 }}
          current={STEPS.indexOf(r.status)}
          status={r.status === 'final' ? 'finish' : 'process'}
          items={STEPS.map((s) => ({ title: t(`honours.status.${s}`) }))}
        />
      )}
      {r.status === 'notice' && (
        <Alert
          style={{ marginBottom: 12 }}
          type={r.noticeOpen ? 'warning' : 'info'}
          showIcon
          data-testid="honour-notice-banner"
          message={
            r.noticeOpen
              ? t('honours.noticeOpen', { from: r.noticeStartsOn, to: r.noticeEndsOn })
              : t('honours.noticeClosed', { from: r.noticeStartsOn, to: r.noticeEndsOn })
          }
        />
      )}
      {r.can.manage && r.finalizeBlockers.length > 0 && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          data-testid="honour-finalize-blockers"
          message={r.finalizeBlockers.map((b) => t(`honours.blocker.${b}`, { to: r.noticeEndsOn, n: r.pendingObjections })).join('；')}
        />
      )}

      {r.status === 'final' && <Awards r={r} />}
      {managing && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12, marginTop: r.status === 'final' ? 12 : 0 }}>
          {r.quotas.map((q) => (
            <Col key={q.kind} xs={12} md={6}>
              <Card size="small" data-testid={`honour-quota-${q.kind}`}>
                <Typography.Text strong>{kindName(q.kind, i18n.language)}</Typography.Text>
                <div style={{ fontSize: 20, margin: '4px 0' }} data-testid={`honour-quota-usage-${q.kind}`}>
                  {q.used} / {q.quota}
                </div>
                <Progress percent={q.quota ? Math.round((q.used * 100) / q.quota) : 0} showInfo={false} size="small" strokeColor="#c8161d" />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('honours.quotaOf', { percent: q.percent, base: q.base })}
                </Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
      )}

      {managing ? <ManagerView r={r} /> : <PublicView r={r} />}
      {r.myObjections.length > 0 && <MyObjections list={r.myObjections} />}
      {r.can.edit && <RoundDrawer open={editing} onClose={() => setEditing(false)} round={r} />}
      {!isMobile && (
        <Descriptions
          size="small"
          style={{ marginTop: 16 }}
          column={3}
          bordered
          items={[
            { key: 'ref', label: t('honours.referenceDate'), children: r.referenceDate },
            { key: 'campaign', label: t('honours.campaign'), children: r.campaignName ?? t('honours.noCampaign') },
            { key: 'lower', label: t('honours.requireLowerTitle'), children: r.requireLowerTitle ? t('honours.yes') : t('honours.no') },
          ]}
        />
      )}
    </>
  );
}

function ManagerView({ r }: { r: Round }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<HonourKind>(r.kinds[0]);
  const items = [
    ...r.kinds.map((k) => ({
      key: k,
      label: <span data-testid={`honour-tab-${k}`}>{kindName(k, i18n.language)}</span>,
      children: <KindPanel r={r} kind={k} />,
    })),
    ...(r.can.manage && r.status !== 'draft' && r.status !== 'recommending'
      ? [
          {
            key: 'objections',
            label: (
              <span data-testid="honour-tab-objections">
                {t('honours.objections')} {r.pendingObjections ? <Tag color="orange">{r.pendingObjections}</Tag> : null}
              </span>
            ),
            children: <Objections r={r} />,
          },
        ]
      : []),
  ];
  return <Tabs activeKey={kind} onChange={(k) => setKind(k as HonourKind)} items={items} />;
}

function KindPanel({ r, kind }: { r: Round; kind: HonourKind }) {
  const { t } = useTranslation();
  const listed = r.candidates.filter((c) => c.kind === kind);
  const canAdd = (r.can.manage && r.can.edit) || r.can.recommend;
  return (
    <>
      <Typography.Title level={5}>{t('honours.candidateList')}</Typography.Title>
      <CandidateList r={r} list={listed} kind={kind} />
      {canAdd && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {r.can.manage ? t('honours.eligibleList') : t('honours.eligibleToRecommend')}
          </Typography.Title>
          <EligibleList r={r} kind={kind} />
        </>
      )}
    </>
  );
}

function CandidateList({ r, list, kind }: { r: Round; list: Candidate[]; kind: HonourKind }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const act = useCandidateAction();
  const go = async (id: number, action: 'decide' | 'remove', body?: Record<string, unknown>) => {
    try {
      await act.mutateAsync({ id, action, body });
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
  };
  const actions = (c: Candidate) => (
    <Space wrap>
      {r.can.manage && r.can.edit && c.status === 'recommended' && (
        <>
          <Button size="small" type="primary" onClick={() => go(c.id, 'decide', { decision: 'accept' })} data-testid={`honour-accept-${c.id}`}>
            {t('honours.accept')}
          </Button>
          <Button size="small" onClick={() => go(c.id, 'decide', { decision: 'reject' })} data-testid={`honour-reject-${c.id}`}>
            {t('honours.reject')}
          </Button>
        </>
      )}
      {((r.can.manage && r.can.edit && (c.status === 'candidate' || c.status === 'recommended')) || (r.can.recommend && c.status === 'recommended')) && (
        <Popconfirm title={t('honours.removeConfirm')} onConfirm={() => go(c.id, 'remove')}>
          <Button size="small" danger data-testid={`honour-remove-${c.id}`}>
            {t('honours.remove')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
  if (!list.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('honours.noCandidates')} />;
  if (isMobile) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {list.map((c) => (
          <Card key={c.id} size="small" data-testid={`honour-candidate-${c.id}`}>
            <Space wrap>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {c.name}
              </Typography.Text>
              <Tag color={CANDIDATE_COLOR[c.status]}>{t(`honours.candidateStatus.${c.status}`)}</Tag>
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {c.subject === 'person' ? c.orgName : ''} {t('honours.recommendedBy', { org: c.recommenderOrgName })}
            </Typography.Text>
            {c.objectionCount ? (
              <Tag color="orange" icon={<ExclamationCircleOutlined />}>
                {t('honours.objectionsN', { n: c.objectionCount })}
              </Tag>
            ) : null}
            <div style={{ marginTop: 6 }}>{actions(c)}</div>
          </Card>
        ))}
      </Space>
    );
  }
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={list}
      data-testid={`honour-candidates-table-${kind}`}
      onRow={(c) => ({ 'data-testid': `honour-candidate-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
      expandable={{ expandedRowRender: (c) => <RuleChecks checks={c.checks} />, rowExpandable: (c) => c.checks.length > 0 }}
      columns={[
        { title: t('honours.subject'), dataIndex: 'name' },
        { title: t('honours.org'), render: (_: unknown, c) => (c.subject === 'person' ? c.orgName : '—') },
        { title: t('honours.recommender'), dataIndex: 'recommenderOrgName' },
        { title: t('honours.statusLabel'), render: (_: unknown, c) => <Tag color={CANDIDATE_COLOR[c.status]}>{t(`honours.candidateStatus.${c.status}`)}</Tag> },
        ...(r.can.manage ? [{ title: t('honours.objections'), render: (_: unknown, c: Candidate) => c.objectionCount ?? 0, width: 90 }] : []),
        { title: '', render: (_: unknown, c) => actions(c) },
      ]}
    />
  );
}

function EligibleList({ r, kind }: { r: Round; kind: HonourKind }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [all, setAll] = useState(false);
  const [q, setQ] = useState('');
  const { data, isFetching } = useEligible(r.id, kind, all, q, true);
  const add = useAddCandidate(r.id);
  const addOne = async (e: EligibleItem) => {
    try {
      await add.mutateAsync({ kind, memberId: e.memberId, orgId: e.memberId ? null : e.orgId });
      message.success(r.can.manage ? t('honours.added') : t('honours.recommended'));
    } catch (err) {
      message.error({ content: <span data-testid="honour-add-error">{errorText(err, i18n.language)}</span>, duration: 6 });
    }
  };
  const button = (e: EligibleItem) =>
    e.candidateStatus && e.candidateStatus !== 'rejected' && e.candidateStatus !== 'withdrawn' ? (
      <Tag>{t(`honours.candidateStatus.${e.candidateStatus}`)}</Tag>
    ) : (
      <Button
        size={isMobile ? 'middle' : 'small'}
        type="primary"
        ghost
        icon={<PlusOutlined />}
        disabled={!e.eligible}
        loading={add.isPending}
        onClick={() => addOne(e)}
        data-testid={`honour-add-${kind}-${e.subjectKey}`}
      >
        {r.can.manage ? t('honours.add') : t('honours.recommend')}
      </Button>
    );
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          placeholder={t('honours.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: isMobile ? '100%' : 240 }}
          data-testid={`honour-eligible-search-${kind}`}
        />
        <Space>
          <Switch checked={all} onChange={setAll} data-testid={`honour-show-ineligible-${kind}`} />
          <span>{t('honours.showIneligible')}</span>
        </Space>
      </Space>
      <Spin spinning={isFetching}>
        {data && !data.items.length ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('honours.noEligible')} />
        ) : isMobile ? (
          <Space direction="vertical" style={{ width: '100%' }} data-testid={`honour-eligible-cards-${kind}`}>
            {(data?.items ?? []).map((e) => (
              <Card key={e.subjectKey} size="small" data-testid={`honour-eligible-${kind}-${e.subjectKey}`}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <span>
                    <Typography.Text strong>{e.name}</Typography.Text> {e.memberId ? <Typography.Text type="secondary">{e.orgName}</Typography.Text> : null}
                  </span>
                  {button(e)}
                </Space>
                <div style={{ marginTop: 6 }}>
                  <RuleChecks checks={e.checks} failedOnly={e.eligible} />
                </div>
              </Card>
            ))}
          </Space>
        ) : (
          <Table
            rowKey="subjectKey"
            size="small"
            dataSource={data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid={`honour-eligible-table-${kind}`}
            onRow={(e) => ({ 'data-testid': `honour-eligible-${kind}-${e.subjectKey}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('honours.subject'), dataIndex: 'name', width: 140 },
              { title: t('honours.org'), render: (_: unknown, e) => (e.memberId ? e.orgName : '—'), width: 160 },
              { title: t('honours.rules'), render: (_: unknown, e) => <RuleChecks checks={e.checks} /> },
              { title: '', render: (_: unknown, e) => button(e), width: 110 },
            ]}
          />
        )}
      </Spin>
      {data?.truncated && <Typography.Text type="secondary">{t('honours.truncated')}</Typography.Text>}
    </>
  );
}

/** 公示: what every member and account of the subtree sees, phone first, with the objection form. */
function PublicView({ r }: { r: Round }) {
  const { t, i18n } = useTranslation();
  const [objecting, setObjecting] = useState<Candidate | null>(null);
  if (r.status === 'final') return null;
  const listed = r.candidates.filter((c) => c.status === 'candidate');
  return (
    <>
      <Typography.Title level={5}>{t('honours.noticeList')}</Typography.Title>
      {!listed.length ? (
        <Empty description={t('honours.noCandidates')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="honour-notice-list">
          {r.kinds.map(
            (k) =>
              listed.some((c) => c.kind === k) && (
                <Card key={k} size="small" title={kindName(k, i18n.language)}>
                  {listed
                    .filter((c) => c.kind === k)
                    .map((c) => (
                      <div
                        key={c.id}
                        data-testid={`honour-notice-${c.id}`}
                        style={{
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'space-between',
                          gap: 8,
                          padding: '10px 0',
                          borderBottom: '1px solid #f0f0f0',
                        }}
                      >
                        <div style={{ minWidth: 0 }}>
                          <Typography.Text strong style={{ fontSize: 16 }}>
                            {c.name}
                          </Typography.Text>
                          {c.subject === 'person' && (
                            <Typography.Text type="secondary" style={{ display: 'block' }}>
                              {c.orgName}
                            </Typography.Text>
                          )}
                        </div>
                        {r.can.object && (
                          <Button size="large" onClick={() => setObjecting(c)} data-testid={`honour-object-${c.id}`}>
                            {t('honours.object')}
                          </Button>
                        )}
                      </div>
                    ))}
                </Card>
              ),
          )}
        </Space>
      )}
      <ObjectionForm candidate={objecting} minChars={r.settings.objectionMinChars} onClose={() => setObjecting(null)} />
    </>
  );
}

function ObjectionForm({ candidate, minChars, onClose }: { candidate: Candidate | null; minChars: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ reason: string; contact?: string }>();
  const object = useObject();
  const submit = async (v: { reason: string; contact?: string }) => {
    try {
      await object.mutateAsync({ candidateId: candidate!.id, reason: v.reason, contact: v.contact });
      message.success(t('honours.objectionSent'));
      form.resetFields();
      onClose();
    } catch (e) {
      const err = e as { errors?: { field: string }[] };
      if (err.errors?.length) {
        form.setFields(
          (e as { errors: { field: string; messages?: { zh: string; en: string }; message: string }[] }).errors.map((x) => ({
            name: x.field as 'reason' | 'contact',
            errors: [x.messages ? (i18n.language === 'en-US' ? x.messages.en : x.messages.zh) : x.message],
          })),
        );
      } else {
        message.error(errorText(e, i18n.language));
      }
    }
  };
  return (
    <Modal
      open={!!candidate}
      onCancel={onClose}
      title={t('honours.objectTitle', { name: candidate?.name ?? '' })}
      destroyOnHidden
      width={isMobile ? '100%' : 520}
      style={isMobile ? { top: 8, maxWidth: '100vw', paddingInline: 8 } : undefined}
      okText={t('honours.objectSubmit')}
      okButtonProps={{ size: 'large', loading: object.isPending, 'data-testid': 'honour-objection-submit' } as ButtonProps}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('honours.objectHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('honours.objectReason')}
          rules={[{ required: true, min: minChars, message: t('honours.objectReasonMin', { n: minChars }) }]}
        >
          <Input.TextArea rows={5} maxLength={1000} showCount data-testid="honour-objection-reason" />
        </Form.Item>
        <Form.Item name="contact" label={t('honours.objectContact')}>
          <Input maxLength={60} size="large" data-testid="honour-objection-contact" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MyObjections({ list }: { list: Objection[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('honours.myObjections')} style={{ marginTop: 16 }} data-testid="honour-my-objections">
      {list.map((o) => (
        <div key={o.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`honour-my-objection-${o.id}`}>
          <Space wrap>
            <Typography.Text strong>{o.candidateName}</Typography.Text>
            <Tag color={o.status === 'pending' ? 'orange' : o.status === 'upheld' ? 'red' : 'default'}>{t(`honours.objectionStatus.${o.status}`)}</Tag>
          </Space>
          <Typography.Paragraph style={{ margin: '4px 0' }}>{o.reason}</Typography.Paragraph>
          {o.reply && <Alert type="info" showIcon message={t('honours.reply')} description={<span data-testid={`honour-reply-${o.id}`}>{o.reply}</span>} />}
        </div>
      ))}
    </Card>
  );
}

function Objections({ r }: { r: Round }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const [handling, setHandling] = useState<Objection | null>(null);
  if (!r.objections.length) return <Empty description={t('honours.noObjections')} />;
  const render = (o: Objection) => (
    <Card key={o.id} size="small" style={{ marginBottom: 8 }} data-testid={`honour-objection-${o.id}`}>
      <Space wrap>
        <Typography.Text strong>{o.candidateName}</Typography.Text>
        <Tag>{kindName(o.kind, i18n.language)}</Tag>
        <Tag color={o.status === 'pending' ? 'orange' : o.status === 'upheld' ? 'red' : 'default'}>{t(`honours.objectionStatus.${o.status}`)}</Tag>
      </Space>
      <Typography.Paragraph style={{ margin: '6px 0' }}>{o.reason}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('honours.objector')}：{o.objectorName}（{o.objectorOrgName}）{o.contact ? ` · ${o.contact}` : ''} · {o.createdAt.slice(0, 10)}
      </Typography.Text>
      {o.reply && (
        <Typography.Paragraph style={{ marginTop: 6 }}>
          {t('honours.reply')}：{o.reply}
        </Typography.Paragraph>
      )}
      {o.status === 'pending' && r.status === 'notice' && (
        <Button
          type="primary"
          size={isMobile ? 'large' : 'middle'}
          style={{ marginTop: 6 }}
          onClick={() => setHandling(o)}
          data-testid={`honour-handle-${o.id}`}
        >
          {t('honours.handle')}
        </Button>
      )}
    </Card>
  );
  return (
    <>
      {r.objections.map(render)}
      <HandleModal objection={handling} onClose={() => setHandling(null)} />
    </>
  );
}

function HandleModal({ objection, onClose }: { objection: Objection | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; reply: string }>();
  const handle = useHandleObjection();
  const submit = async (v: { decision: 'upheld' | 'dismissed'; reply: string }) => {
    try {
      await handle.mutateAsync({ id: objection!.id, ...v });
      message.success(t('honours.handled'));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
  };
  return (
    <Modal
      open={!!objection}
      onCancel={onClose}
      title={t('honours.handleTitle', { name: objection?.candidateName ?? '' })}
      destroyOnHidden
      onOk={() => form.submit()}
      okButtonProps={{ loading: handle.isPending, 'data-testid': 'honour-handle-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: 'dismissed' }}>
        <Form.Item name="decision" label={t('honours.decision')}>
          <Radio.Group>
            <Radio value="dismissed" data-testid="honour-handle-dismissed">
              {t('honours.objectionStatus.dismissed')}
            </Radio>
            <Radio value="upheld" data-testid="honour-handle-upheld">
              {t('honours.objectionStatus.upheld')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reply" label={t('honours.reply')} rules={[{ required: true, min: 2 }]} extra={t('honours.replyHint')}>
          <Input.TextArea rows={4} maxLength={1000} data-testid="honour-handle-reply" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Awards({ r }: { r: Round }) {
  const { t, i18n } = useTranslation();
  const dl = useDownload();
  return (
    <Card size="small" title={t('honours.finalList')} style={{ marginBottom: 12 }} data-testid="honour-awards">
      {r.kinds.map((k) => {
        const list = r.awards.filter((a) => a.kind === k);
        if (!list.length) return null;
        return (
          <div key={k} style={{ marginBottom: 12 }}>
            <Typography.Text strong>{kindName(k, i18n.language)}</Typography.Text>
            {list.map((a) => (
              <div
                key={a.id}
                style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                data-testid={`honour-award-${a.id}`}
              >
                <div style={{ minWidth: 0 }}>
                  <Typography.Text style={{ fontSize: 16 }}>{a.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('honours.certificateNo')}：{a.certificateNo}
                  </Typography.Text>
                </div>
                {a.certificateUrl && (
                  <Button
                    icon={<DownloadOutlined />}
                    loading={dl.busy}
                    onClick={() => dl.run(`/honours/awards/${a.id}/certificate.pdf`, undefined, `${a.certificateNo}.pdf`)}
                    data-testid={`honour-certificate-${a.id}`}
                  >
                    {t('honours.certificate')}
                  </Button>
                )}
              </div>
            ))}
          </div>
        );
      })}
    </Card>
  );
}
