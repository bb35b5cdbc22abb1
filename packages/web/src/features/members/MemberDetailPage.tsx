import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Result, Skeleton, Space, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, SwapOutlined, TagOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import type { MemberDetail } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useMember } from './api.ts';
import { MemberActionModal, type MemberAction } from './MemberActionModals.tsx';
import { MemberFormDrawer } from './MemberFormDrawer.tsx';
import { MemberStatusTag } from './MemberStatusTag.tsx';
import { RevealField } from './RevealField.tsx';
import { MemberEvaluationHistory } from '../evaluation/MemberEvaluationHistory.tsx';
import { HonourHistory } from '../honours/HonourHistory.tsx';

function TransferHistory({ member }: { member: MemberDetail }) {
  const { t } = useTranslation();
  const transfers = [...(member.transfers ?? [])].sort((a, b) => b.transferredAt.localeCompare(a.transferredAt));
  if (transfers.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('member.noTransfers')} />;
  return (
    <Timeline
      data-testid="member-transfers"
      items={transfers.map((x) => ({
        key: x.id,
        title: dayjs(x.transferredAt).format('YYYY-MM-DD HH:mm'),
        content: (
          <div>
            <div>
              {x.fromOrgName ?? `#${x.fromOrgId}`} → <strong>{x.toOrgName ?? `#${x.toOrgId}`}</strong>
            </div>
            <Typography.Text type="secondary">
              {t('common.reason')}：{x.reason}
              {x.actorName ? ` · ${x.actorName}` : ''}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** 团员详情: every field, reveal ID/phone (audited), edit, transfer, status, transfer history. */
export default function MemberDetailPage() {
  const { id } = useParams();
  const memberId = Number(id);
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { data: m, error, isPending } = useMember(memberId);
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<MemberAction | null>(null);

  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error || !m) {
    return <Result status="404" title={errorText(error, i18n.language)} extra={<Button onClick={() => navigate('/members')}>{t('common.back')}</Button>} />;
  }
  const canWrite = can('member.write');
  const canReveal = can('member.reveal');
  const items = [
    { key: 'name', label: t('member.name'), children: m.name },
    { key: 'gender', label: t('member.gender'), children: labels.gender(m.gender) },
    m.birthDate
      ? { key: 'birth', label: t('member.birthDate'), children: `${m.birthDate}（${t('member.ageValue', { age: m.age })}）` }
      : { key: 'birth', label: t('member.age'), children: t('member.ageValue', { age: m.age }) },
    {
      key: 'id',
      label: t('member.idCard'),
      children: <RevealField key={`id-${m.id}`} memberId={m.id} field="idCard" masked={m.idCardMasked} allowed={canReveal} />,
    },
    {
      key: 'phone',
      label: t('member.phone'),
      children: <RevealField key={`ph-${m.id}`} memberId={m.id} field="phone" masked={m.phoneMasked} allowed={canReveal} />,
    },
    { key: 'joined', label: t('member.joinedOn'), children: m.joinedOn || '—' },
    {
      key: 'position',
      label: t('member.position'),
      children:
        m.position !== 'none' && m.positionSince
          ? `${labels.position(m.position)}（${t('member.positionSinceValue', { date: m.positionSince })}）`
          : labels.position(m.position),
    },
    { key: 'org', label: t('member.org'), children: <Link to={`/orgs?id=${m.orgId}`}>{m.orgName}</Link> },
    { key: 'status', label: t('member.status'), children: <MemberStatusTag status={m.status} /> },
    { key: 'note', label: t('member.note'), children: m.note || '—', span: 'filled' as const },
    { key: 'updated', label: t('common.updatedAt'), children: m.updatedAt ? dayjs(m.updatedAt).format('YYYY-MM-DD HH:mm') : '—' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', display: 'flex' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <span data-testid="member-detail-name">{m.name}</span>
            <MemberStatusTag status={m.status} />
          </Space>
        }
        extra={
          !isMobile && canWrite ? (
            <Space>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="member-edit">
                {t('common.edit')}
              </Button>
              <Button icon={<SwapOutlined />} onClick={() => setAction('transfer')} disabled={m.status !== 'active'} data-testid="member-transfer">
                {t('member.transfer')}
              </Button>
              <Button icon={<TagOutlined />} onClick={() => setAction('status')} data-testid="member-status">
                {t('member.changeStatus')}
              </Button>
            </Space>
          ) : undefined
        }
      >
        {isMobile && canWrite && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="member-edit">
              {t('common.edit')}
            </Button>
            <Button icon={<SwapOutlined />} onClick={() => setAction('transfer')} disabled={m.status !== 'active'} data-testid="member-transfer">
              {t('member.transfer')}
            </Button>
            <Button icon={<TagOutlined />} onClick={() => setAction('status')} data-testid="member-status">
              {t('member.changeStatus')}
            </Button>
          </Space>
        )}
        <Descriptions column={isMobile ? 1 : { md: 2, xl: 3 }} items={items} bordered={!isMobile} size="small" data-testid="member-detail" />
        {canReveal && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
            {t('member.revealNotice')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('member.transferHistory')} size="small">
        <TransferHistory member={m} />
      </Card>
      <MemberEvaluationHistory memberId={m.id} />
      <HonourHistory memberId={m.id} />
      <MemberFormDrawer open={editing} member={m} onClose={() => setEditing(false)} />
      <MemberActionModal action={action} member={m} onClose={() => setAction(null)} />
    </Space>
  );
}
