import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
  type ButtonProps,
} from 'antd';
import {
  CheckOutlined,
  EyeOutlined,
  MinusOutlined,
  PlusOutlined,
  RollbackOutlined,
  SaveOutlined,
  SafetyCertificateOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, upload } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useSheet, useSheetActions, useUnitActivities, type EvidenceFile, type Outcome, type Sheet, type SheetItem } from './api.ts';
import { TierTag, STATUS_COLOR } from './labels.tsx';
import './assessment.css';
import { useCan } from '../../app/session.ts';

const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** One unit's self-assessment: the unit's editor (phone first), the representative's confirmation and the verifier's sheet. */
export function SheetView({ campaignId, orgId }: { campaignId: number; orgId: number }) {
  const { t, i18n } = useTranslation();
  const { data, isPending, error } = useSheet(campaignId, orgId);
  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error || !data) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;
  if (!data.required && data.status === 'missing')
    return (
      <Card>
        <Empty description={t('assessment.notRequired')} data-testid="sheet-not-required" />
      </Card>
    );
  return <SheetBody key={`${campaignId}:${orgId}:${data.updatedAt}:${data.status}`} sheet={data} />;
}

interface ItemDraft {
  score: number | null;
  note: string;
  activityIds: number[];
  attachments: EvidenceFile[];
}
interface CheckDraft {
  score: number;
  reason: string;
}

function SheetBody({ sheet }: { sheet: Sheet }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const can = useCan();
  const canOpenActivities = can('activity.read');
  const canOpenFiles = can('campaign.read');
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const actions = useSheetActions(sheet.campaign.id, sheet.org.id);
  const items = useMemo(() => sheet.dimensions.flatMap((d) => d.items), [sheet]);
  const [draft, setDraft] = useState<Record<string, ItemDraft>>(() =>
    Object.fromEntries(
      items.map((i) => [i.key, { score: i.selfScore, note: i.note ?? '', activityIds: i.activities.map((a) => a.id), attachments: i.attachments }]),
    ),
  );
  const [vetoes, setVetoes] = useState<Record<string, boolean>>(() => Object.fromEntries(sheet.vetoes.map((v) => [v.key, v.selfFailed ?? false])));
  const [summary, setSummary] = useState(sheet.summary);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [check, setCheck] = useState<Record<string, CheckDraft>>(() => Object.fromEntries(items.map((i) => [i.key, { score: i.selfScore ?? 0, reason: '' }])));
  const [vetoCheck, setVetoCheck] = useState<Record<string, CheckDraft>>(() =>
    Object.fromEntries(sheet.vetoes.map((v) => [v.key, { score: v.selfFailed ? 1 : 0, reason: '' }])),
  );
  const [outcome, setOutcome] = useState<Outcome | null>(sheet.preview);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  useEffect(() => setOutcome(sheet.preview), [sheet.preview]);

  const activities = useUnitActivities(sheet.campaign.id, sheet.org.id, sheet.canEdit);
  const activityOptions = (activities.data?.items ?? []).filter((a) => a.orgId === sheet.org.id).map((a) => ({ value: a.id, label: `${a.heldOn} ${a.title}` }));

  const onError = (e: unknown) => {
    const map: Record<string, string> = {};
    if (isApiError(e)) for (const fe of e.errors) map[fe.field] ??= e.fieldText(fe, i18n.language);
    setErrors(map);
    message.error(errorText(e, i18n.language));
  };
  const draftTotal = Object.values(draft).reduce((s, d) => s + (d.score ?? 0), 0);
  const checkTotal = Object.values(check).reduce((s, d) => s + d.score, 0);
  // Server field errors name items by their position in the body sent ('items.3.score') or by key ('items.team_complete').
  const sentKeys = useRef<string[]>([]);
  const fieldError = (key: string, part: string) => errors[`items.${sentKeys.current.indexOf(key)}.${part}`] ?? errors[`items.${key}`];

  const body = () => {
    const scored = items.filter((i) => draft[i.key].score != null);
    sentKeys.current = scored.map((i) => i.key);
    return bodyOf(scored);
  };
  const bodyOf = (scored: SheetItem[]) => ({
    summary: summary || null,
    items: scored.map((i) => ({
      key: i.key,
      score: draft[i.key].score!,
      note: draft[i.key].note || null,
      activityIds: draft[i.key].activityIds,
      attachmentIds: draft[i.key].attachments.map((a) => a.id),
    })),
    vetoes: sheet.vetoes.map((v) => ({ key: v.key, failed: vetoes[v.key], note: null })),
  });
  const verifyBody = () => ({
    items: items.filter((i) => check[i.key].score !== i.selfScore).map((i) => ({ key: i.key, score: check[i.key].score, reason: check[i.key].reason || null })),
    vetoes: sheet.vetoes
      .filter((v) => (vetoCheck[v.key].score === 1) !== v.selfFailed)
      .map((v) => ({ key: v.key, failed: vetoCheck[v.key].score === 1, reason: vetoCheck[v.key].reason || null })),
  });
  const verifyErrors = (e: unknown) => {
    const map: Record<string, string> = {};
    const vb = verifyBody();
    if (isApiError(e))
      for (const fe of e.errors) {
        const m = /^(items|vetoes)\.(\d+)\.(\w+)$/.exec(fe.field);
        const key = m ? (m[1] === 'items' ? vb.items[Number(m[2])]?.key : vb.vetoes[Number(m[2])]?.key) : null;
        map[key ? `check.${key}.${m![3]}` : fe.field] ??= e.fieldText(fe, i18n.language);
      }
    setErrors(map);
    message.error(errorText(e, i18n.language));
  };

  const save = () =>
    actions.save.mutate(body(), {
      onSuccess: () => {
        setErrors({});
        message.success(t('assessment.saved'));
      },
      onError,
    });
  const sign = () =>
    modal.confirm({
      title: t('assessment.sign'),
      content: t('assessment.signConfirm'),
      okText: t('assessment.sign'),
      okButtonProps: { 'data-testid': 'sheet-sign-ok' } as ButtonProps,
      onOk: () =>
        actions.save
          .mutateAsync(body())
          .then(() => actions.sign.mutateAsync())
          .then(() => {
            setErrors({});
            message.success(t('assessment.signed'));
          }, onError),
    });
  const confirm = () =>
    modal.confirm({
      title: t('assessment.confirm'),
      content: t('assessment.confirmText', { total: sheet.selfTotal }),
      okText: t('assessment.confirm'),
      okButtonProps: { 'data-testid': 'sheet-confirm-ok' } as ButtonProps,
      onOk: () => actions.confirm.mutateAsync().then(() => message.success(t('assessment.confirmed')), onError),
    });
  const preview = () =>
    actions.preview.mutate(verifyBody(), {
      onSuccess: (r) => {
        setErrors({});
        setOutcome(r.preview);
      },
      onError: verifyErrors,
    });
  const verify = () =>
    actions.preview.mutateAsync(verifyBody()).then((r) => {
      setErrors({});
      setOutcome(r.preview);
      modal.confirm({
        title: t('assessment.verify'),
        content: <OutcomeView outcome={r.preview} />,
        okText: t('assessment.verifyOk'),
        okButtonProps: { 'data-testid': 'sheet-verify-ok' } as ButtonProps,
        onOk: () => actions.verify.mutateAsync(verifyBody()).then(() => message.success(t('assessment.verified')), verifyErrors),
      });
    }, verifyErrors);
  const sendBack = () =>
    actions.sendBack.mutate(comment, {
      onSuccess: () => {
        setReturning(false);
        setComment('');
        message.success(t('assessment.returnedMsg'));
      },
      onError,
    });

  const stepper = (key: string, value: number | null, max: number, onChange: (v: number) => void, testid: string) => (
    <Space.Compact className="zx-stepper">
      <Button
        icon={<MinusOutlined />}
        size="large"
        aria-label="-0.5"
        onClick={() => onChange(Math.max(0, (value ?? 0) - 0.5))}
        data-testid={`${testid}-minus-${key}`}
      />
      <InputNumber
        size="large"
        min={0}
        max={max}
        step={0.5}
        value={value}
        onChange={(v) => onChange(typeof v === 'number' ? v : 0)}
        controls={false}
        style={{ width: 72, textAlign: 'center' }}
        data-testid={`${testid}-${key}`}
      />
      <Button
        icon={<PlusOutlined />}
        size="large"
        aria-label="+0.5"
        onClick={() => onChange(Math.min(max, (value ?? 0) + 0.5))}
        data-testid={`${testid}-plus-${key}`}
      />
    </Space.Compact>
  );

  const itemCard = (i: SheetItem) => {
    const d = draft[i.key];
    const c = check[i.key];
    return (
      <Card key={i.key} size="small" className="zx-item-card" data-testid={`item-${i.key}`}>
        <Space direction="vertical" size={6} style={{ width: '100%' }}>
          <div className="zx-item-head">
            <Typography.Text strong>{en ? i.textEn : i.textZh}</Typography.Text>
            <Tag>{t('assessment.points', { n: i.points })}</Tag>
          </div>
          {(en ? i.evidenceHintEn : i.evidenceHintZh) && (
            <Typography.Text type="secondary">
              {t('assessment.evidenceHint')}：{en ? i.evidenceHintEn : i.evidenceHintZh}
            </Typography.Text>
          )}
          {sheet.canEdit ? (
            <>
              <div className="zx-item-row">
                <Typography.Text>{t('assessment.selfScore')}</Typography.Text>
                {stepper(i.key, d.score, i.points, (v) => setDraft({ ...draft, [i.key]: { ...d, score: v } }), 'item-score')}
              </div>
              {fieldError(i.key, 'score') && <Typography.Text type="danger">{fieldError(i.key, 'score')}</Typography.Text>}
              <Select
                mode="multiple"
                allowClear
                placeholder={t('assessment.pickActivities')}
                value={d.activityIds}
                options={activityOptions}
                size="large"
                onChange={(v) => setDraft({ ...draft, [i.key]: { ...d, activityIds: v } })}
                style={{ width: '100%' }}
                optionFilterProp="label"
                data-testid={`item-activities-${i.key}`}
                status={fieldError(i.key, 'activityIds') ? 'error' : undefined}
              />
              {fieldError(i.key, 'activityIds') && <Typography.Text type="danger">{fieldError(i.key, 'activityIds')}</Typography.Text>}
              <Space wrap>
                {d.attachments.map((a) => (
                  <Tag key={a.id} closable onClose={() => setDraft({ ...draft, [i.key]: { ...d, attachments: d.attachments.filter((x) => x.id !== a.id) } })}>
                    <a href={a.url} target="_blank" rel="noreferrer">
                      {a.name}
                    </a>
                  </Tag>
                ))}
                <Upload
                  showUploadList={false}
                  customRequest={({ file, onSuccess, onError: fail }) => {
                    upload<EvidenceFile>('/attachments', file as File, { orgId: sheet.org.id, kind: 'file' })
                      .then((a) => {
                        setDraft((all) => ({ ...all, [i.key]: { ...all[i.key], attachments: [...all[i.key].attachments, a] } }));
                        onSuccess?.(a);
                      })
                      .catch((e) => {
                        message.error(errorText(e, i18n.language));
                        fail?.(e as Error);
                      });
                  }}
                >
                  <Button icon={<UploadOutlined />} data-testid={`item-upload-${i.key}`}>
                    {t('assessment.attach')}
                  </Button>
                </Upload>
              </Space>
              <Input
                placeholder={t('assessment.notePlaceholder')}
                value={d.note}
                onChange={(e) => setDraft({ ...draft, [i.key]: { ...d, note: e.target.value } })}
                maxLength={500}
                data-testid={`item-note-${i.key}`}
              />
            </>
          ) : (
            <>
              <div className="zx-item-row">
                <Typography.Text>{t('assessment.selfScore')}</Typography.Text>
                <Typography.Text strong data-testid={`item-self-${i.key}`}>
                  {i.selfScore ?? '—'}
                </Typography.Text>
              </div>
              {i.verifiedScore != null && (
                <Alert
                  type="warning"
                  showIcon
                  data-testid={`item-verified-${i.key}`}
                  message={t('assessment.changedTo', { n: i.verifiedScore })}
                  description={i.reason}
                />
              )}
              {(i.activities.length > 0 || i.attachments.length > 0) && (
                <Space wrap size={4}>
                  {/* A representative signed in as a member sees what the evidence is, without links it may not open. */}
                  {i.activities.map((a) =>
                    canOpenActivities ? (
                      <Link key={a.id} to={`/activities/${a.id}`}>
                        <Tag color="blue">
                          {a.heldOn} {a.title}
                        </Tag>
                      </Link>
                    ) : (
                      <Tag key={a.id} color="blue">
                        {a.heldOn} {a.title}
                      </Tag>
                    ),
                  )}
                  {i.attachments.map((a) =>
                    canOpenFiles ? (
                      <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
                        <Tag>{a.name}</Tag>
                      </a>
                    ) : (
                      <Tag key={a.id}>{a.name}</Tag>
                    ),
                  )}
                </Space>
              )}
              {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
              {sheet.canVerify && (
                <div className="zx-verify-box">
                  <div className="zx-item-row">
                    <Typography.Text>{t('assessment.checkScore')}</Typography.Text>
                    {stepper(i.key, c.score, i.points, (v) => setCheck({ ...check, [i.key]: { ...c, score: v } }), 'verify-score')}
                  </div>
                  {c.score !== i.selfScore && (
                    <Input.TextArea
                      autoSize
                      placeholder={t('assessment.reasonPlaceholder')}
                      value={c.reason}
                      onChange={(e) => setCheck({ ...check, [i.key]: { ...c, reason: e.target.value } })}
                      status={errors[`check.${i.key}.reason`] ? 'error' : undefined}
                      data-testid={`verify-reason-${i.key}`}
                    />
                  )}
                  {errors[`check.${i.key}.reason`] && <Typography.Text type="danger">{errors[`check.${i.key}.reason`]}</Typography.Text>}
                </div>
              )}
            </>
          )}
        </Space>
      </Card>
    );
  };

  const status = (
    <Space wrap>
      <Tag color={STATUS_COLOR[sheet.status]} data-testid="sheet-status">
        {t(`assessment.status.${sheet.status}`)}
      </Tag>
      {sheet.verification && <TierTag tier={sheet.verification.tier} testid="sheet-tier" />}
    </Space>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="sheet-view">
      <Card size={isMobile ? 'small' : 'default'}>
        <Space direction="vertical" style={{ width: '100%' }} size={6}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {sheet.org.name}
            </Typography.Title>
            {status}
          </Space>
          <Descriptions
            size="small"
            column={isMobile ? 1 : 3}
            items={[
              { key: 'c', label: t('assessment.campaign'), children: `${sheet.campaign.name}（${sheet.campaign.year}）` },
              {
                key: 'r',
                label: t('assessment.rubric'),
                children: `${en ? sheet.rubric.nameEn : sheet.rubric.nameZh}（${t('assessment.points', { n: sheet.rubric.maxPoints })}）`,
              },
              { key: 'f', label: t('assessment.foundedOn'), children: sheet.org.foundedOn ?? t('assessment.unknown') },
              {
                key: 's',
                label: t('assessment.secretarySigned'),
                children: sheet.secretary ? (
                  <span data-testid="sheet-secretary">
                    {sheet.secretary.name} · {when(sheet.secretary.signedAt)}
                  </span>
                ) : (
                  t('assessment.notYet')
                ),
              },
              {
                key: 'p',
                label: t('assessment.representativeSigned'),
                children: sheet.representative ? (
                  <span data-testid="sheet-representative">
                    {sheet.representative.name} · {when(sheet.representative.signedAt)}
                  </span>
                ) : (
                  t('assessment.notYet')
                ),
              },
              {
                key: 't',
                label: t('assessment.selfTotal'),
                children: (
                  <Typography.Text strong data-testid="sheet-self-total">
                    {sheet.canEdit ? draftTotal : sheet.selfTotal}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Space>
      </Card>

      {sheet.returned && sheet.status === 'returned' && (
        <Alert type="error" showIcon data-testid="sheet-returned" message={t('assessment.returnedTitle')} description={sheet.returned.comment} />
      )}
      {sheet.status === 'submitted' && !sheet.canVerify && <Alert type="warning" showIcon message={t('assessment.awaiting')} data-testid="sheet-awaiting" />}
      {sheet.status !== 'verified' && sheet.secretary && !sheet.representative && !sheet.canConfirm && (
        <Alert type="info" showIcon message={t('assessment.awaitingRepresentative')} data-testid="sheet-awaiting-rep" />
      )}
      {sheet.verification && (
        <Card size="small" title={t('assessment.result')} data-testid="sheet-result">
          <OutcomeView outcome={sheet.verification} />
          <Typography.Text type="secondary">
            {t('assessment.verifiedBy', { who: sheet.verification.verifiedBy ?? '', at: when(sheet.verification.verifiedAt) })}
          </Typography.Text>
        </Card>
      )}

      {sheet.dimensions.map((d) => (
        <div key={d.key} data-testid={`dimension-${d.key}`}>
          <div className="zx-dimension-head">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {en ? d.nameEn : d.nameZh}
            </Typography.Title>
            <Typography.Text type="secondary">{t('assessment.points', { n: d.max })}</Typography.Text>
          </div>
          <div className={isMobile ? 'zx-item-list' : 'zx-item-grid'}>{d.items.map(itemCard)}</div>
        </div>
      ))}

      <Card size="small" title={t('assessment.vetoes')} data-testid="sheet-vetoes">
        <Space direction="vertical" style={{ width: '100%' }}>
          {sheet.vetoes.map((v) => (
            <div key={v.key} className="zx-veto-row">
              <Typography.Text>{en ? v.textEn : v.textZh}</Typography.Text>
              {sheet.canEdit ? (
                <Switch
                  checkedChildren={t('assessment.vetoFailed')}
                  unCheckedChildren={t('assessment.vetoPassed')}
                  checked={vetoes[v.key]}
                  onChange={(on) => setVetoes({ ...vetoes, [v.key]: on })}
                  data-testid={`veto-${v.key}`}
                />
              ) : (
                <Space wrap>
                  <Tag color={v.selfFailed ? 'red' : 'green'}>{v.selfFailed ? t('assessment.vetoFailed') : t('assessment.vetoPassed')}</Tag>
                  {v.verifiedFailed != null && (
                    <Tag color="orange">
                      {t('assessment.vetoChanged', { to: v.verifiedFailed ? t('assessment.vetoFailed') : t('assessment.vetoPassed') })}：{v.reason}
                    </Tag>
                  )}
                  {sheet.canVerify && (
                    <>
                      <Switch
                        checkedChildren={t('assessment.vetoFailed')}
                        unCheckedChildren={t('assessment.vetoPassed')}
                        checked={vetoCheck[v.key].score === 1}
                        onChange={(on) => setVetoCheck({ ...vetoCheck, [v.key]: { ...vetoCheck[v.key], score: on ? 1 : 0 } })}
                        data-testid={`verify-veto-${v.key}`}
                      />
                      {(vetoCheck[v.key].score === 1) !== v.selfFailed && (
                        <Input
                          placeholder={t('assessment.reasonPlaceholder')}
                          value={vetoCheck[v.key].reason}
                          onChange={(e) => setVetoCheck({ ...vetoCheck, [v.key]: { ...vetoCheck[v.key], reason: e.target.value } })}
                          status={errors[`check.${v.key}.reason`] ? 'error' : undefined}
                          data-testid={`verify-veto-reason-${v.key}`}
                        />
                      )}
                    </>
                  )}
                </Space>
              )}
            </div>
          ))}
        </Space>
      </Card>

      {sheet.canEdit && (
        <Card size="small" title={t('assessment.summary')}>
          <Input.TextArea
            autoSize={{ minRows: 2 }}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            maxLength={2000}
            placeholder={t('assessment.summaryPlaceholder')}
            data-testid="sheet-summary"
          />
        </Card>
      )}
      {!sheet.canEdit && sheet.summary && (
        <Card size="small" title={t('assessment.summary')}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{sheet.summary}</Typography.Paragraph>
        </Card>
      )}

      {sheet.canVerify && outcome && (
        <Card size="small" title={t('assessment.rulesGive')} data-testid="verify-outcome">
          <OutcomeView outcome={outcome} />
        </Card>
      )}

      {(sheet.canEdit || sheet.canConfirm || sheet.canVerify) && (
        <div className="zx-sheet-bar">
          {sheet.canEdit && (
            <>
              <Typography.Text strong className="zx-sheet-bar-total">
                {t('assessment.totalNow', { n: draftTotal, max: sheet.rubric.maxPoints })}
              </Typography.Text>
              <Button size="large" icon={<SaveOutlined />} loading={actions.save.isPending} onClick={save} data-testid="sheet-save">
                {t('assessment.save')}
              </Button>
              {!sheet.secretary && (
                <Button size="large" type="primary" icon={<SafetyCertificateOutlined />} onClick={sign} data-testid="sheet-sign">
                  {t('assessment.sign')}
                </Button>
              )}
            </>
          )}
          {sheet.canConfirm && (
            <Button size="large" type="primary" block={isMobile} icon={<CheckOutlined />} onClick={confirm} data-testid="sheet-confirm">
              {t('assessment.confirm')}
            </Button>
          )}
          {sheet.canVerify && (
            <>
              <Typography.Text strong className="zx-sheet-bar-total">
                {t('assessment.checkTotal', { n: checkTotal, max: sheet.rubric.maxPoints })}
              </Typography.Text>
              <Button size="large" icon={<EyeOutlined />} loading={actions.preview.isPending} onClick={preview} data-testid="verify-preview">
                {t('assessment.preview')}
              </Button>
              <Button size="large" danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="verify-return">
                {t('assessment.return')}
              </Button>
              <Button size="large" type="primary" icon={<CheckOutlined />} loading={actions.verify.isPending} onClick={verify} data-testid="verify-submit">
                {t('assessment.verify')}
              </Button>
            </>
          )}
        </div>
      )}
      <Modal
        open={returning}
        title={t('assessment.return')}
        onCancel={() => setReturning(false)}
        onOk={sendBack}
        okText={t('assessment.return')}
        okButtonProps={{ danger: true, loading: actions.sendBack.isPending, 'data-testid': 'return-ok' } as ButtonProps}
      >
        <Input.TextArea
          autoSize={{ minRows: 3 }}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('assessment.returnPlaceholder')}
          status={errors.comment ? 'error' : undefined}
          data-testid="return-comment"
        />
        {errors.comment && <Typography.Text type="danger">{errors.comment}</Typography.Text>}
      </Modal>
    </Space>
  );
}

/** The tier the rules give, the score's own tier when different, and why. */
export function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="outcome">
      <Space wrap>
        <Typography.Text>{t('assessment.finalScore')}</Typography.Text>
        <Typography.Text strong data-testid="outcome-total">
          {outcome.total}
        </Typography.Text>
        <TierTag tier={outcome.tier} testid="outcome-tier" />
        {outcome.tier !== outcome.tierByScore && (
          <Typography.Text type="secondary">
            {t('assessment.byScore')}
            <TierTag tier={outcome.tierByScore} />
          </Typography.Text>
        )}
      </Space>
      {outcome.reasons.length > 0 && (
        <ul className="zx-reasons" data-testid="outcome-reasons">
          {outcome.reasons.map((r, n) => (
            <li key={n}>{en ? r.en : r.zh}</li>
          ))}
        </ul>
      )}
    </Space>
  );
}
