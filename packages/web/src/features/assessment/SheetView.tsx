import { Alert, Card, Empty, Input, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useSheet, type Sheet } from './api.ts';
import { when } from './sheet/format.ts';
import { ItemCard } from './sheet/ItemCard.tsx';
import { OutcomeView } from './sheet/OutcomeView.tsx';
import { ReturnModal } from './sheet/ReturnModal.tsx';
import { SheetActionBar } from './sheet/SheetActionBar.tsx';
import { SheetHeader } from './sheet/SheetHeader.tsx';
import { useSheetForm } from './sheet/useSheetForm.tsx';
import { VetoesCard } from './sheet/VetoesCard.tsx';
import './assessment.css';

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

/** The sheet in its parts, top to bottom; what is being edited lives in `useSheetForm`. */
function SheetBody({ sheet }: { sheet: Sheet }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const isMobile = useIsMobile();
  const form = useSheetForm(sheet);
  const { summary, setSummary, outcome, draftTotal } = form;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="sheet-view">
      <SheetHeader sheet={sheet} draftTotal={draftTotal} />

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
          <div className={isMobile ? 'zx-item-list' : 'zx-item-grid'}>
            {d.items.map((i) => (
              <ItemCard key={i.key} item={i} sheet={sheet} form={form} />
            ))}
          </div>
        </div>
      ))}

      <VetoesCard sheet={sheet} form={form} />

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

      {(sheet.canEdit || sheet.canConfirm || sheet.canVerify) && <SheetActionBar sheet={sheet} form={form} />}
      <ReturnModal form={form} />
    </Space>
  );
}
