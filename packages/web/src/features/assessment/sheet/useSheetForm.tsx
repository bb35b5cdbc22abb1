import { useEffect, useMemo, useRef, useState } from 'react';
import { App, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { errorText } from '../../../api/forms.ts';
import { useSheetActions, useUnitActivities, type EvidenceFile, type Outcome, type Sheet, type SheetItem } from '../api.ts';
import { OutcomeView } from './OutcomeView.tsx';

export interface ItemDraft {
  score: number | null;
  note: string;
  activityIds: number[];
  attachments: EvidenceFile[];
}
export interface CheckDraft {
  score: number;
  reason: string;
}

/**
 * What the sheet's users change before the server hears of it, and the calls that send it: the unit's
 * scores, evidence, vetoes and summary (save, sign, the representative's confirmation) and the
 * verifier's check (preview, verify, send back), with the server's field errors mapped back to items.
 */
export function useSheetForm(sheet: Sheet) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
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

  return {
    actions,
    draft,
    setDraft,
    vetoes,
    setVetoes,
    summary,
    setSummary,
    errors,
    check,
    setCheck,
    vetoCheck,
    setVetoCheck,
    outcome,
    returning,
    setReturning,
    comment,
    setComment,
    activityOptions,
    draftTotal,
    checkTotal,
    fieldError,
    save,
    sign,
    confirm,
    preview,
    verify,
    sendBack,
  };
}

export type SheetForm = ReturnType<typeof useSheetForm>;
