import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgNode } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';
import { useOrgChildren } from './api.ts';

/** Direct children of the selected organization; a click selects the child. */
export function OrgChildrenTable({ parentId, onSelect }: { parentId: number; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data = [], isFetching } = useOrgChildren(parentId);
  const columns = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      render: (name: string, r: OrgNode) => (
        <a onClick={() => onSelect(r.id)} className={r.status !== 'active' ? 'zx-org-inactive' : undefined}>
          {name}
        </a>
      ),
    },
    { title: t('org.type'), dataIndex: 'typeCode', width: 110, render: (c: string) => labels.orgType(c) },
    { title: t('org.responsiblePerson'), dataIndex: 'responsiblePerson', width: 110, render: (v: string | null) => v || '—' },
    { title: t('org.subtreeMembers'), dataIndex: 'subtreeMemberCount', width: 100, align: 'right' as const },
    {
      title: t('org.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{labels.orgStatus(s)}</Tag>,
    },
  ];
  return (
    <Table<OrgNode>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={data}
      loading={isFetching}
      scroll={{ x: 560 }}
      pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
      data-testid="org-children-table"
      onRow={(r) => ({ 'data-testid': `org-child-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
