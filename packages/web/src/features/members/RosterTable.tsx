import { Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import type { Member, MemberPage } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';
import type { RosterQuery } from './api.ts';
import { MemberStatusTag } from './MemberStatusTag.tsx';

interface Props {
  data: MemberPage | undefined;
  loading: boolean;
  query: RosterQuery;
  update: (p: Partial<RosterQuery>) => void;
}

/** Desktop roster: server-side pagination and sorting. */
export function RosterTable({ data, loading, query, update }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const canSortByBirth = useCan()('member.reveal');
  const sortOrder = (f: string) => (query.sort === f && query.order ? (query.order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableProps<Member>['columns'] = [
    {
      title: t('member.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, r) => (
        <Link to={`/members/${r.id}`} data-testid={`member-link-${r.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('member.gender'), dataIndex: 'gender', key: 'gender', width: 70, render: (g: string) => labels.gender(g) },
    {
      // The birth date only for accounts that may reveal the ID (the server sends null otherwise), the age for all.
      title: t('member.birthAge'),
      dataIndex: 'birthDate',
      key: 'birthDate',
      width: 150,
      sorter: canSortByBirth,
      sortOrder: canSortByBirth ? sortOrder('birthDate') : undefined,
      render: (d: string | null, r) =>
        d ? (
          <span>
            {d} <Typography.Text type="secondary">{t('member.ageValue', { age: r.age })}</Typography.Text>
          </span>
        ) : (
          t('member.ageValue', { age: r.age })
        ),
    },
    { title: t('member.idCard'), dataIndex: 'idCardMasked', key: 'idCard', width: 190, render: (v: string) => <span className="zx-mono">{v}</span> },
    { title: t('member.phone'), dataIndex: 'phoneMasked', key: 'phone', width: 130, render: (v: string | null) => <span className="zx-mono">{v || '—'}</span> },
    {
      title: t('member.joinedOn'),
      dataIndex: 'joinedOn',
      key: 'joinedOn',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('joinedOn'),
      render: (v: string | null) => v || '—',
    },
    { title: t('member.position'), dataIndex: 'position', key: 'position', width: 100, render: (p: string) => labels.position(p) },
    { title: t('member.org'), dataIndex: 'orgName', key: 'orgName', width: 200, ellipsis: true },
    { title: t('member.status'), dataIndex: 'status', key: 'status', width: 100, render: (s: string) => <MemberStatusTag status={s} /> },
  ];
  return (
    <Table<Member>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 1160 }}
      data-testid="roster-table"
      onRow={(r) => ({ 'data-testid': `member-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'sort') {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const order = s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : '';
          update({ sort: order ? String(s.columnKey ?? s.field) : '', order });
        } else {
          update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
        }
      }}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (n) => t('common.totalItems', { n }),
      }}
    />
  );
}
