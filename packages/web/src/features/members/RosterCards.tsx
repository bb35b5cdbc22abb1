import { Card, List, Space, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Member, MemberPage } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';
import type { RosterQuery } from './api.ts';
import { MemberStatusTag } from './MemberStatusTag.tsx';

/** Phone roster: one card per member, tap to open. */
export function RosterCards({
  data,
  loading,
  query,
  update,
}: {
  data: MemberPage | undefined;
  loading: boolean;
  query: RosterQuery;
  update: (p: Partial<RosterQuery>) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  return (
    <List<Member>
      data-testid="roster-cards"
      loading={loading}
      dataSource={data?.items ?? []}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: data?.total ?? 0,
        size: 'small',
        simple: true,
        align: 'center',
        onChange: (page, pageSize) => update({ page, pageSize }),
      }}
      renderItem={(m) => (
        <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/members/${m.id}`)} data-testid={`member-row-${m.id}`}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Space size={6} wrap>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {m.name}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {labels.gender(m.gender)} · {t('member.ageValue', { age: m.age })}
                </Typography.Text>
                {m.position !== 'none' && <Typography.Text type="danger">{labels.position(m.position)}</Typography.Text>}
                <MemberStatusTag status={m.status} />
              </Space>
              <div className="zx-mono" style={{ color: 'rgba(0,0,0,0.65)', marginTop: 4, fontSize: 13 }}>
                {m.phoneMasked || '—'} · {m.idCardMasked}
              </div>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
                {m.orgName} · {t('member.joinedOn')} {m.joinedOn || '—'}
              </Typography.Text>
            </div>
            <RightOutlined style={{ color: '#bbb' }} />
          </div>
        </Card>
      )}
    />
  );
}
