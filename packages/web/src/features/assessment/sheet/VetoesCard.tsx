import { Card, Input, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Sheet } from '../api.ts';
import type { SheetForm } from './useSheetForm.tsx';

/** 否决项: each veto passed or failed, set by the unit while it may edit, then shown with the verifier's change and checked by the verifier. */
export function VetoesCard({ sheet, form }: { sheet: Sheet; form: SheetForm }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { vetoes, setVetoes, vetoCheck, setVetoCheck, errors } = form;
  return (
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
  );
}
