import { Button, Typography } from 'antd';
import { CheckOutlined, EyeOutlined, RollbackOutlined, SaveOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../app/useIsMobile.ts';
import type { Sheet } from '../api.ts';
import type { SheetForm } from './useSheetForm.tsx';

/** The bar under the sheet: the running total and save / sign for the unit, confirm for the representative, preview / return / verify for the verifier. */
export function SheetActionBar({ sheet, form }: { sheet: Sheet; form: SheetForm }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { actions, draftTotal, checkTotal, save, sign, confirm, preview, verify, setReturning } = form;
  return (
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
  );
}
