import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Collapse, Empty, Form, Input, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { isApiError } from '../../api/client.ts';
import { useMyBranchPledges, useMyPledges, useSavePledge, type MyPledge } from './api.ts';

const POST_MAX = 60;
const PLEDGE_MAX = 500;

/** 我的承诺 (亮明身份·岗位承诺): one form per campaign covering the member; the branch's pledges below it. */
export default function MyPledgePage() {
  const { t, i18n } = useTranslation();
  const { data, isPending, error } = useMyPledges();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 720 }} data-testid="pledge-mine">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('pledges.mine.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('pledges.mine.hint')}</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon message={errorText(error, i18n.language)} />}
      {isPending ? (
        <Skeleton active />
      ) : !data?.length ? (
        <Empty description={t('pledges.mine.empty')} />
      ) : (
        data.map((p) => <PledgeCard key={p.campaignId} p={p} />)
      )}
    </Space>
  );
}

function PledgeCard({ p }: { p: MyPledge }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ post: string; pledge: string }>();
  const save = useSavePledge();
  const [open, setOpen] = useState(false);
  const branch = useMyBranchPledges(open ? p.campaignId : null);
  useEffect(() => form.setFieldsValue({ post: p.pledge?.post ?? '', pledge: p.pledge?.pledge ?? '' }), [p.pledge?.updatedAt]); // eslint-disable-line react-hooks/exhaustive-deps

  const onFinish = (v: { post: string; pledge: string }) =>
    save.mutate(
      { campaignId: p.campaignId, ...v },
      {
        onSuccess: () => message.success(t('pledges.mine.saved')),
        onError: (e) => {
          if (isApiError(e)) form.setFields(e.errors.map((fe) => ({ name: fe.field as 'post' | 'pledge', errors: [e.fieldText(fe, i18n.language)] })));
          message.error(errorText(e, i18n.language));
        },
      },
    );

  return (
    <Card
      title={<span style={{ whiteSpace: 'normal' }}>{p.campaignName}</span>}
      extra={p.pledge ? <Tag color="green">{t('pledges.mine.done')}</Tag> : <Tag color="red">{t('pledges.mine.todo')}</Tag>}
      styles={{ body: { padding: 16 } }}
      data-testid={`pledge-card-${p.campaignId}`}
    >
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={!p.running}>
        <Form.Item
          name="post"
          label={t('pledges.post')}
          rules={[{ required: true, whitespace: true, message: t('pledges.postRequired') }]}
          extra={t('pledges.postHint')}
        >
          <Input maxLength={POST_MAX} size="large" data-testid="pledge-post" />
        </Form.Item>
        <Form.Item name="pledge" label={t('pledges.pledge')} rules={[{ required: true, whitespace: true, message: t('pledges.pledgeRequired') }]}>
          <Input.TextArea maxLength={PLEDGE_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} data-testid="pledge-text" />
        </Form.Item>
        {p.running ? (
          <Button type="primary" htmlType="submit" size="large" block loading={save.isPending} data-testid="pledge-save">
            {p.pledge ? t('pledges.mine.update') : t('pledges.mine.submit')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('pledges.mine.notRunning')}</Typography.Text>
        )}
      </Form>
      <Collapse
        ghost
        style={{ marginTop: 12 }}
        onChange={(keys) => setOpen(keys.length > 0)}
        items={[
          {
            key: 'branch',
            label: t('pledges.mine.branch'),
            children: branch.isPending ? (
              <Skeleton active />
            ) : (
              <List
                dataSource={branch.data?.items ?? []}
                locale={{ emptyText: t('pledges.none') }}
                renderItem={(x) => (
                  <List.Item>
                    <List.Item.Meta title={`${x.name} · ${x.post}`} description={<span style={{ whiteSpace: 'pre-wrap' }}>{x.pledge}</span>} />
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
