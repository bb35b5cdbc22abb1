import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Row, Skeleton, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useLabels } from '../../app/labels.ts';
import { useSession } from '../../app/session.ts';
import { ChangePasswordModal } from '../auth/ChangePasswordModal.tsx';
import { MemberStatusTag } from '../members/MemberStatusTag.tsx';

/** 我的信息: the account, its grants, and the member record linked to it. */
export default function ProfilePage() {
  const me = useSession();
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const [pwOpen, setPwOpen] = useState(false);
  const { data: m, error, isPending } = useQuery({ queryKey: ['me', 'profile'], queryFn: () => api.GET('/me/profile') });
  const notLinked = (isApiError(error) && error.status === 404) || (!isPending && !error && !m);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title={t('profile.account')}
          extra={
            <Button icon={<KeyOutlined />} onClick={() => setPwOpen(true)} data-testid="profile-change-password">
              {t('shell.changePassword')}
            </Button>
          }
        >
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'u', label: t('account.username'), children: <span className="zx-mono">{me.user.username}</span> },
              { key: 'n', label: t('account.displayName'), children: me.user.displayName },
              {
                key: 'g',
                label: t('account.grants'),
                children: (
                  <div>
                    {me.grants.map((g) => (
                      <Tag key={g.id} color={g.id === me.grant.id ? 'red' : undefined} style={{ marginBottom: 4 }}>
                        {g.orgName} · {labels.role(g.role)}
                      </Tag>
                    ))}
                  </div>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('profile.member')} data-testid="profile-member">
          {isPending ? (
            <Skeleton active />
          ) : notLinked ? (
            <Empty description={t('profile.notLinked')} />
          ) : error ? (
            <Typography.Text type="danger">{errorText(error, i18n.language)}</Typography.Text>
          ) : m ? (
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                { key: 'name', label: t('member.name'), children: m.name },
                { key: 'gender', label: t('member.gender'), children: labels.gender(m.gender) },
                { key: 'birth', label: t('member.birthDate'), children: `${m.birthDate}（${t('member.ageValue', { age: m.age })}）` },
                { key: 'id', label: t('member.idCard'), children: <span className="zx-mono">{m.idCardMasked}</span> },
                { key: 'phone', label: t('member.phone'), children: <span className="zx-mono">{m.phoneMasked ?? '—'}</span> },
                { key: 'joined', label: t('member.joinedOn'), children: m.joinedOn ?? '—' },
                { key: 'position', label: t('member.position'), children: labels.position(m.position) },
                { key: 'org', label: t('member.org'), children: m.orgName },
                { key: 'status', label: t('member.status'), children: <MemberStatusTag status={m.status} /> },
              ]}
            />
          ) : null}
        </Card>
      </Col>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Row>
  );
}
