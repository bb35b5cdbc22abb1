import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, FormOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCommitmentWrites, type CadreYear, type CommitmentItem } from './api.ts';
import { CommitmentItemModal } from './CommitmentItemModal.tsx';
import { fmtTime } from './dates.ts';
import { useCommitmentLabels } from './labels.ts';

/** The year's commitments: drafts edited or deleted, published ones revised, and all drafts published in one go (with a note). */
export function CommitmentsCard({ data }: { data: CadreYear }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const L = useCommitmentLabels();
  const w = useCommitmentWrites(data.cadre.memberId, data.year);
  const [editing, setEditing] = useState<{ mode: 'add' | 'edit' | 'revise'; item?: CommitmentItem } | null>(null);
  const [note, setNote] = useState('');
  const revisionOf = new Map(data.revisions.map((r) => [r.revisesId!, r]));
  const drafts = data.items.filter((i) => i.state === 'draft').length + data.revisions.length;
  const size = isMobile ? 'large' : 'middle';

  return (
    <Card
      title={
        <Space wrap size={8}>
          <span>{t('commitments.myList', { year: data.year })}</span>
          {data.plan && data.plan.version > 0 ? (
            <Tag color="green" data-testid="commitments-version-tag">
              {t('commitments.publishedVersion', { n: data.plan.version, at: fmtTime(data.plan.lastPublishedAt) })}
            </Tag>
          ) : (
            <Tag data-testid="commitments-version-tag">{t('commitments.notPublished')}</Tag>
          )}
        </Space>
      }
      data-testid="commitments-list"
    >
      {data.items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={data.can.write ? t('commitments.emptyWriter') : t('commitments.emptyReader')} />
      )}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {data.items.map((item, idx) => {
          const rev = revisionOf.get(item.id);
          return (
            <div key={item.id} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }} data-testid={`commitment-item-${item.id}`}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <Typography.Text strong style={{ minWidth: 20 }}>
                  {idx + 1}.
                </Typography.Text>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div style={{ fontSize: 15, overflowWrap: 'anywhere' }} data-testid={`commitment-text-${item.id}`}>
                    {item.text}
                  </div>
                  <Space size={4} wrap style={{ marginTop: 4 }}>
                    {item.state === 'draft' ? <Tag color="orange">{t('commitments.draft')}</Tag> : <Tag color="green">{t('commitments.published')}</Tag>}
                    {item.category && <Tag>{L.category(item.category)}</Tag>}
                    {item.dueOn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('commitments.dueOn', { date: item.dueOn })}
                      </Typography.Text>
                    )}
                  </Space>
                  {rev && (
                    <Alert
                      style={{ marginTop: 8 }}
                      type="warning"
                      showIcon
                      message={t('commitments.revisionPending')}
                      description={<span style={{ overflowWrap: 'anywhere' }}>{rev.text}</span>}
                      data-testid={`commitment-revision-${item.id}`}
                    />
                  )}
                </div>
              </div>
              {data.can.write && (
                <Space wrap style={{ marginTop: 8 }}>
                  {item.state === 'draft' ? (
                    <>
                      <Button size={size} icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', item })} data-testid={`commitment-edit-${item.id}`}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('commitments.deleteConfirm')}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => w.remove.mutate(item.id, { onError: (e) => message.error(errorText(e, i18n.language)) })}
                      >
                        <Button size={size} danger icon={<DeleteOutlined />} data-testid={`commitment-delete-${item.id}`}>
                          {t('commitments.delete')}
                        </Button>
                      </Popconfirm>
                    </>
                  ) : (
                    <Button
                      size={size}
                      icon={<FormOutlined />}
                      onClick={() => setEditing({ mode: 'revise', item: rev ? { ...rev, id: item.id } : item })}
                      data-testid={`commitment-revise-${item.id}`}
                    >
                      {rev ? t('commitments.editRevision') : t('commitments.revise')}
                    </Button>
                  )}
                </Space>
              )}
            </div>
          );
        })}
      </Space>
      {data.can.write && (
        <div style={{ display: 'flex', gap: 8, marginTop: 16, flexDirection: isMobile ? 'column' : 'row', justifyContent: 'flex-end' }}>
          <Button size={size} block={isMobile} icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add' })} data-testid="commitment-add">
            {t('commitments.add')}
          </Button>
          <Popconfirm
            title={t('commitments.publishConfirmTitle')}
            description={
              <div style={{ maxWidth: 300 }}>
                <Typography.Paragraph style={{ marginBottom: 8 }}>{t('commitments.publishConfirm')}</Typography.Paragraph>
                <Input.TextArea
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={500}
                  placeholder={t('commitments.publishNote')}
                  autoSize={{ minRows: 2 }}
                  data-testid="commitments-publish-note"
                />
              </div>
            }
            okText={t('commitments.publish')}
            cancelText={t('common.cancel')}
            disabled={drafts === 0}
            okButtonProps={{ 'data-testid': 'commitments-publish-confirm' } as never}
            onConfirm={() =>
              w.publish.mutate(note.trim() || null, {
                onSuccess: () => {
                  setNote('');
                  message.success(t('commitments.publishedOk'));
                },
                onError: (e) => message.error(errorText(e, i18n.language)),
              })
            }
          >
            <Button
              type="primary"
              size={size}
              block={isMobile}
              icon={<SendOutlined />}
              disabled={drafts === 0}
              loading={w.publish.isPending}
              data-testid="commitments-publish"
            >
              {t('commitments.publishN', { n: drafts })}
            </Button>
          </Popconfirm>
        </div>
      )}
      {data.can.write && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
          {t('commitments.frozenHint')}
        </Typography.Text>
      )}
      {editing && <CommitmentItemModal data={data} editing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
