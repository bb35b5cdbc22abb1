import { useState } from 'react';
import { Alert, App, Button, Card, InputNumber, List, Modal, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { KeyOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useActivationActions, useActivationRoster, type ActivationSheet } from './api.ts';
import { ActivationCard, ActivationSheetView } from './ActivationSheet.tsx';

const STATE_COLOR = { active: 'green', pending: 'orange', none: 'default' } as const;

/**
 * 团员账号激活 (docs/activation.md): the unit's members and their accounts; codes for all who have
 * none in one step (a printable sheet), or for one member (a QR code on screen); revoking a code.
 */
export default function ActivationPage() {
  const me = useSession();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [org, setOrg] = useState({ id: me.grant.orgId, name: me.grant.orgName });
  const [validDays, setValidDays] = useState(14);
  const [sheet, setSheet] = useState<ActivationSheet | null>(null);
  const [single, setSingle] = useState<ActivationSheet | null>(null);
  const { data, isPending, error } = useActivationRoster(org.id);
  const { issue, revoke } = useActivationActions(org.id);
  const fail = (e: unknown) => message.error(errorText(e, i18n.language));

  if (sheet) return <ActivationSheetView sheet={sheet} onBack={() => setSheet(null)} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="activation-page">
      <Card size="small" title={t('activation.title')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('activation.intro')}
        </Typography.Paragraph>
        <Space wrap>
          {me.grant.role !== 'branch_secretary' ? (
            <OrgSelect
              value={org.id}
              initial={org}
              onChange={(id, hit) => id && setOrg({ id, name: hit?.name ?? '' })}
              testId="activation-org"
              style={{ minWidth: 220 }}
            />
          ) : null}
          <Space size={4}>
            <Typography.Text>{t('activation.validDays')}</Typography.Text>
            <InputNumber min={1} max={90} value={validDays} onChange={(v) => setValidDays(v ?? 14)} style={{ width: 72 }} />
          </Space>
          <Popconfirm
            title={t('activation.issueAllConfirm')}
            onConfirm={() => issue.mutate({ validDays }, { onSuccess: (s) => setSheet(s), onError: fail })}
            okButtonProps={{ 'data-testid': 'activation-issue-all-ok' } as Record<string, string>}
          >
            <Button
              type="primary"
              icon={<KeyOutlined />}
              loading={issue.isPending}
              disabled={!data?.counts.none && !data?.counts.pending}
              data-testid="activation-issue-all"
            >
              {t('activation.issueAll')}
            </Button>
          </Popconfirm>
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon title={errorText(error, i18n.language)} /> : null}
      <Card
        size="small"
        title={data?.orgName ?? org.name}
        extra={data ? <Typography.Text type="secondary">{t('activation.counts', data.counts)}</Typography.Text> : null}
      >
        {isPending ? (
          <Skeleton active />
        ) : !data?.members.length ? (
          <Typography.Text type="secondary">{t('activation.noneToIssue')}</Typography.Text>
        ) : (
          <List
            dataSource={data.members}
            renderItem={(m) => (
              <List.Item
                data-testid={`activation-member-${m.memberId}`}
                actions={
                  m.state === 'active'
                    ? []
                    : [
                        <Button
                          key="issue"
                          size="small"
                          icon={<QrcodeOutlined />}
                          onClick={() => issue.mutate({ memberIds: [m.memberId], validDays }, { onSuccess: (s) => setSingle(s), onError: fail })}
                          data-testid={`activation-issue-${m.memberId}`}
                        >
                          {m.state === 'pending' ? t('activation.reissue') : t('activation.issueOne')}
                        </Button>,
                        ...(m.state === 'pending'
                          ? [
                              <Popconfirm
                                key="revoke"
                                title={t('activation.revokeConfirm')}
                                onConfirm={() => revoke.mutate(m.memberId, { onSuccess: () => message.success(t('activation.revoked')), onError: fail })}
                              >
                                <Button size="small" danger data-testid={`activation-revoke-${m.memberId}`}>
                                  {t('activation.revoke')}
                                </Button>
                              </Popconfirm>,
                            ]
                          : []),
                      ]
                }
              >
                <List.Item.Meta
                  title={m.name}
                  description={
                    <Space size={4} wrap>
                      <span className="zx-mono">{m.idCardMasked}</span>
                      <Tag color={STATE_COLOR[m.state]}>{t(`activation.state.${m.state}`)}</Tag>
                      {m.codeExpiresAt ? (
                        <Typography.Text type="secondary">{t('activation.expiresAt', { date: m.codeExpiresAt.slice(0, 10) })}</Typography.Text>
                      ) : null}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Modal open={!!single} onCancel={() => setSingle(null)} footer={null} title={single?.cards[0]?.name} destroyOnHidden>
        {single?.cards[0] ? <ActivationCard card={single.cards[0]} expiresAt={single.expiresAt} /> : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('activation.sheetHint')}
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}
