import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { App, Button, Card, Empty, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../app/useIsMobile.ts';
import { errorText } from '../../../api/forms.ts';
import { useHandleObjection, type Objection, type Round } from '../api.ts';
import { kindName } from '../labels.ts';

/** The objections to the round's candidates, for the manager to uphold or dismiss with a reply while the notice runs. */
export function ObjectionsPanel({ r }: { r: Round }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const [handling, setHandling] = useState<Objection | null>(null);
  if (!r.objections.length) return <Empty description={t('honours.noObjections')} />;
  const render = (o: Objection) => (
    <Card key={o.id} size="small" style={{ marginBottom: 8 }} data-testid={`honour-objection-${o.id}`}>
      <Space wrap>
        <Typography.Text strong>{o.candidateName}</Typography.Text>
        <Tag>{kindName(o.kind, i18n.language)}</Tag>
        <Tag color={o.status === 'pending' ? 'orange' : o.status === 'upheld' ? 'red' : 'default'}>{t(`honours.objectionStatus.${o.status}`)}</Tag>
      </Space>
      <Typography.Paragraph style={{ margin: '6px 0' }}>{o.reason}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('honours.objector')}：{o.objectorName}（{o.objectorOrgName}）{o.contact ? ` · ${o.contact}` : ''} · {o.createdAt.slice(0, 10)}
      </Typography.Text>
      {o.reply && (
        <Typography.Paragraph style={{ marginTop: 6 }}>
          {t('honours.reply')}：{o.reply}
        </Typography.Paragraph>
      )}
      {o.status === 'pending' && r.status === 'notice' && (
        <Button
          type="primary"
          size={isMobile ? 'large' : 'middle'}
          style={{ marginTop: 6 }}
          onClick={() => setHandling(o)}
          data-testid={`honour-handle-${o.id}`}
        >
          {t('honours.handle')}
        </Button>
      )}
    </Card>
  );
  return (
    <>
      {r.objections.map(render)}
      <HandleObjectionModal objection={handling} onClose={() => setHandling(null)} />
    </>
  );
}

function HandleObjectionModal({ objection, onClose }: { objection: Objection | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; reply: string }>();
  const handle = useHandleObjection();
  const submit = async (v: { decision: 'upheld' | 'dismissed'; reply: string }) => {
    try {
      await handle.mutateAsync({ id: objection!.id, ...v });
      message.success(t('honours.handled'));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
  };
  return (
    <Modal
      open={!!objection}
      onCancel={onClose}
      title={t('honours.handleTitle', { name: objection?.candidateName ?? '' })}
      destroyOnHidden
      onOk={() => form.submit()}
      okButtonProps={{ loading: handle.isPending, 'data-testid': 'honour-handle-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: 'dismissed' }}>
        <Form.Item name="decision" label={t('honours.decision')}>
          <Radio.Group>
            <Radio value="dismissed" data-testid="honour-handle-dismissed">
              {t('honours.objectionStatus.dismissed')}
            </Radio>
            <Radio value="upheld" data-testid="honour-handle-upheld">
              {t('honours.objectionStatus.upheld')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reply" label={t('honours.reply')} rules={[{ required: true, min: 2 }]} extra={t('honours.replyHint')}>
          <Input.TextArea rows={4} maxLength={1000} data-testid="honour-handle-reply" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
