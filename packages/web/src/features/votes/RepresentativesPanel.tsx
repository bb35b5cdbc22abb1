import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useDebounced } from '../../app/useDebounced.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useLabels } from '../../app/labels.ts';
import { useRepresentatives, useSetRepresentatives, type Representative } from './api.ts';

/** 团员代表 of an organization: the list, and a picker over the roster of the organization and its units. */
export function RepresentativesPanel({ orgId }: { orgId: number }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const labels = useLabels();
  const { data, isPending, error } = useRepresentatives(orgId);
  const [editing, setEditing] = useState(false);
  const items = data?.items ?? [];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="votes-reps">
      <Typography.Text type="secondary">{t('votes.reps.hint')}</Typography.Text>
      <Space wrap>
        {data?.canEdit !== false && (
          <Button
            type="primary"
            icon={<TeamOutlined />}
            size={isMobile ? 'large' : 'middle'}
            onClick={() => setEditing(true)}
            disabled={!data}
            data-testid="votes-reps-edit"
          >
            {t('votes.reps.edit')}
          </Button>
        )}
        {data && <Typography.Text>{t('votes.reps.count', { n: items.length })}</Typography.Text>}
      </Space>
      {data?.canEdit === false && <Alert type="info" showIcon message={t('votes.reps.notYours')} data-testid="votes-reps-not-yours" />}
      {error && <Alert type="error" showIcon message={errorText(error, i18n.language)} />}
      {isPending ? (
        <Skeleton active />
      ) : !items.length ? (
        <Empty description={t('votes.reps.empty')} />
      ) : isMobile ? (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {items.map((r) => (
            <Card key={r.memberId} size="small" data-testid={`votes-rep-${r.memberId}`}>
              <Space wrap size={4}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {r.name}
                </Typography.Text>
                {r.position !== 'none' && <Tag>{labels.position(r.position)}</Tag>}
                {r.status !== 'active' && <Tag color="red">{labels.memberStatus(r.status)}</Tag>}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 13, overflowWrap: 'anywhere' }}>
                  {r.orgName}
                </Typography.Text>
              </div>
            </Card>
          ))}
        </Space>
      ) : (
        <Table<Representative>
          rowKey="memberId"
          dataSource={items}
          pagination={false}
          size="middle"
          onRow={(r) => ({ 'data-testid': `votes-rep-${r.memberId}` }) as never}
          columns={[
            {
              title: t('votes.reps.name'),
              render: (_, r) => (
                <Space size={4}>
                  {r.name}
                  {r.status !== 'active' && <Tag color="red">{labels.memberStatus(r.status)}</Tag>}
                </Space>
              ),
            },
            { title: t('votes.position'), render: (_, r) => labels.position(r.position) },
            { title: t('votes.reps.org'), dataIndex: 'orgName' },
            { title: t('votes.reps.addedAt'), render: (_, r) => r.addedAt.slice(0, 10) },
          ]}
        />
      )}
      {editing && data && <PickModal orgId={orgId} current={items} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function PickModal({ orgId, current, onClose }: { orgId: number; current: Representative[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const save = useSetRepresentatives();
  const [chosen, setChosen] = useState<{ id: number; name: string; orgName: string }[]>(
    current.map((r) => ({ id: r.memberId, name: r.name, orgName: r.orgName })),
  );
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const { data, isFetching } = useQuery({
    queryKey: ['members', 'pick-reps', orgId, q],
    queryFn: () =>
      api.GET('/members', { params: { query: { orgId, subtree: '1', status: 'active', q: q.trim(), page: 1, pageSize: 50, sort: 'org', order: 'asc' } } }),
  });
  const options = useMemo(() => {
    const seen = new Set<number>();
    const list: { value: number; label: React.ReactNode; name: string; orgName: string }[] = [];
    for (const c of chosen) {
      seen.add(c.id);
      list.push({ value: c.id, name: c.name, orgName: c.orgName, label: c.name });
    }
    for (const m of data?.items ?? []) {
      if (seen.has(m.id)) continue;
      list.push({
        value: m.id,
        name: m.name,
        orgName: m.orgName,
        label: (
          <span>
            {m.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.orgName}
            </Typography.Text>
          </span>
        ),
      });
    }
    return list;
  }, [data, chosen]);

  const submit = async () => {
    try {
      await save.mutateAsync({ orgId, memberIds: chosen.map((c) => c.id) });
      message.success(t('votes.reps.saved'));
      onClose();
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
  };

  return (
    <Modal
      open
      title={t('votes.reps.edit')}
      onCancel={onClose}
      onOk={submit}
      okText={t('votes.reps.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'votes-reps-save' } as never}
      width={isMobile ? '100%' : 560}
      style={isMobile ? { top: 0, maxWidth: '100vw', margin: 0 } : undefined}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('votes.reps.count', { n: chosen.length })}</Typography.Text>
        <div data-testid="votes-reps-select">
          <Select<number[]>
            mode="multiple"
            size="large"
            style={{ width: '100%' }}
            placeholder={t('votes.reps.placeholder')}
            showSearch={{ filterOption: false, onSearch: setText }}
            loading={isFetching}
            notFoundContent={t('common.noMatch')}
            value={chosen.map((c) => c.id)}
            options={options}
            optionLabelProp="name"
            onChange={(ids) =>
              setChosen(
                ids.map((id) => {
                  const o = options.find((x) => x.value === id)!;
                  return { id, name: o.name, orgName: o.orgName };
                }),
              )
            }
          />
        </div>
      </Space>
    </Modal>
  );
}
