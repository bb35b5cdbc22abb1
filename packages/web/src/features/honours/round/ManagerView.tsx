import { useState } from 'react';
import { Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HonourKind, Round } from '../api.ts';
import { kindName } from '../labels.ts';
import { CandidateList } from './CandidateList.tsx';
import { EligibleList } from './EligibleList.tsx';
import { ObjectionsPanel } from './ObjectionsPanel.tsx';

/** What a manager or a recommending unit works in: a tab per honour (candidates, then who may be added), and the objections once the notice is out. */
export function ManagerView({ r }: { r: Round }) {
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
            children: <ObjectionsPanel r={r} />,
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
