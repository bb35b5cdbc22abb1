import { useState } from 'react';
import { App, Button, Card, Empty, Input, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../app/useIsMobile.ts';
import { errorText } from '../../../api/forms.ts';
import { useAddCandidate, useEligible, type EligibleItem, type HonourKind, type Round } from '../api.ts';
import { RuleChecks } from './RuleChecks.tsx';

/** Who may be added (or recommended) for one honour, with the rule checks; the ineligible on request. */
export function EligibleList({ r, kind }: { r: Round; kind: HonourKind }) {
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
