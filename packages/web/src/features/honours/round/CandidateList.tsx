import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../app/useIsMobile.ts';
import { errorText } from '../../../api/forms.ts';
import { useCandidateAction, type Candidate, type CandidateAction, type HonourKind, type Round } from '../api.ts';
import { RuleChecks } from './RuleChecks.tsx';

const CANDIDATE_COLOR: Record<string, string> = { recommended: 'processing', candidate: 'red', rejected: 'default', withdrawn: 'default', awarded: 'gold' };

/** The candidates of one honour, with accept / reject / remove for those who may. */
export function CandidateList({ r, list, kind }: { r: Round; list: Candidate[]; kind: HonourKind }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const act = useCandidateAction();
  const go = async (a: CandidateAction) => {
    try {
      await act.mutateAsync(a);
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
  };
  const actions = (c: Candidate) => (
    <Space wrap>
      {r.can.manage && r.can.edit && c.status === 'recommended' && (
        <>
          <Button
            size="small"
            type="primary"
            onClick={() => go({ id: c.id, action: 'decide', body: { decision: 'accept' } })}
            data-testid={`honour-accept-${c.id}`}
          >
            {t('honours.accept')}
          </Button>
          <Button size="small" onClick={() => go({ id: c.id, action: 'decide', body: { decision: 'reject' } })} data-testid={`honour-reject-${c.id}`}>
            {t('honours.reject')}
          </Button>
        </>
      )}
      {((r.can.manage && r.can.edit && (c.status === 'candidate' || c.status === 'recommended')) || (r.can.recommend && c.status === 'recommended')) && (
        <Popconfirm title={t('honours.removeConfirm')} onConfirm={() => go({ id: c.id, action: 'remove' })}>
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
