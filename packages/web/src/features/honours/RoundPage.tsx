import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Descriptions, Popconfirm, Space, Spin, Steps, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useDownload } from '../../app/useDownload.ts';
import { errorText } from '../../api/forms.ts';
import { useRound, useRoundAction } from './api.ts';
import { ROUND_STATUS_COLOR } from './labels.ts';
import { RoundDrawer } from './RoundDrawer.tsx';
import { AwardsPanel } from './round/AwardsPanel.tsx';
import { ManagerView } from './round/ManagerView.tsx';
import { MyObjections } from './round/MyObjections.tsx';
import { PublicView } from './round/PublicView.tsx';
import { QuotaCards } from './round/QuotaCards.tsx';

const STEPS = ['draft', 'recommending', 'notice', 'final'] as const;

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
      await action.mutateAsync(a);
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
              onClick={() => dl.run('/honours/rounds/{id}/certificates.pdf', `${r.name}.pdf`, { params: { path: { id: r.id } } })}
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

      {r.status === 'final' && <AwardsPanel r={r} />}
      {managing && <QuotaCards r={r} />}

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
