import { Alert, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Sheet, SheetItem } from '../api.ts';
import { EvidenceLinks, EvidenceUploader } from './ItemEvidence.tsx';
import { ScoreStepper } from './ScoreStepper.tsx';
import type { SheetForm } from './useSheetForm.tsx';

/** One rubric item: scored with its evidence by the unit while it may edit; otherwise shown as scored, with the verifier's check. */
export function ItemCard({ item: i, sheet, form }: { item: SheetItem; sheet: Sheet; form: SheetForm }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { draft, setDraft, check, setCheck, errors, fieldError, activityOptions } = form;
  const d = draft[i.key];
  const c = check[i.key];
  return (
    <Card size="small" className="zx-item-card" data-testid={`item-${i.key}`}>
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
              <ScoreStepper
                itemKey={i.key}
                value={d.score}
                max={i.points}
                onChange={(v) => setDraft({ ...draft, [i.key]: { ...d, score: v } })}
                testid="item-score"
              />
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
            <EvidenceUploader item={i} sheet={sheet} form={form} />
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
            {(i.activities.length > 0 || i.attachments.length > 0) && <EvidenceLinks item={i} />}
            {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
            {sheet.canVerify && (
              <div className="zx-verify-box">
                <div className="zx-item-row">
                  <Typography.Text>{t('assessment.checkScore')}</Typography.Text>
                  <ScoreStepper
                    itemKey={i.key}
                    value={c.score}
                    max={i.points}
                    onChange={(v) => setCheck({ ...check, [i.key]: { ...c, score: v } })}
                    testid="verify-score"
                  />
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
}
