import { useEffect } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Skeleton, Space, Switch, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import type { OrgType } from '../../api/types.ts';
import { useOrgTypes } from '../../app/labels.ts';

interface FormValues {
  types: OrgType[];
}

/**
 * The organization types of this deployment (市委 … 团支部), edited by the system admin.
 * Rank orders the hierarchy: a child's type must rank below its parent's.
 */
export default function OrgTypesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const { data, isPending, isPlaceholderData } = useOrgTypes();
  useEffect(() => {
    if (data && !isPlaceholderData) form.setFieldsValue({ types: data });
  }, [data, isPlaceholderData, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => api.PUT('/orgs/types', { body: { types: v.types } }),
    onSuccess: (types) => {
      qc.setQueryData(['orgs', 'types'], types);
      form.setFieldsValue({ types });
      message.success(t('common.saved'));
    },
    onError: (e) => {
      // Field paths come back as 'types.2.code': put each under its cell.
      if (isApiError(e) && e.errors.length) {
        form.setFields(
          e.errors
            .filter((x) => x.field.startsWith('types.'))
            .map((x) => ({
              name: x.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as ['types', number, 'code'],
              errors: [e.fieldText(x, i18n.language)],
            })),
        );
      }
      message.error(errorText(e, i18n.language));
    },
  });

  if (isPending || isPlaceholderData)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  return (
    <Card title={t('orgTypes.title')} data-testid="org-types-page">
      <Typography.Paragraph type="secondary">{t('orgTypes.hint')}</Typography.Paragraph>
      <Form form={form} onFinish={(v) => save.mutate(v)} component={false}>
        <Form.List name="types">
          {(fields, { add, remove }) => (
            <>
              <Table
                dataSource={fields}
                rowKey="key"
                pagination={false}
                size="middle"
                scroll={{ x: 720 }}
                data-testid="org-types-table"
                columns={[
                  {
                    title: t('orgTypes.code'),
                    width: 170,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'code']}
                        rules={[{ required: true, pattern: /^[a-z_]{2,40}$/, message: t('orgTypes.codeRule') }]}
                        noStyle={false}
                        style={{ margin: 0 }}
                      >
                        <Input data-testid={`org-type-code-${f.name}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('orgTypes.nameZh'),
                    width: 140,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'nameZh']} rules={[{ required: true, max: 20 }]} style={{ margin: 0 }}>
                        <Input data-testid={`org-type-name-${f.name}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('orgTypes.nameEn'),
                    width: 200,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'nameEn']} rules={[{ required: true, max: 60 }]} style={{ margin: 0 }}>
                        <Input />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('orgTypes.rank'),
                    width: 100,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'rank']} rules={[{ required: true }]} style={{ margin: 0 }}>
                        <InputNumber min={1} max={1000} style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('orgTypes.holdsMembers'),
                    width: 110,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'holdsMembers']} valuePropName="checked" style={{ margin: 0 }}>
                        <Switch />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('common.actions'),
                    width: 70,
                    render: (_, f) => (
                      <Popconfirm title={t('orgTypes.removeConfirm')} onConfirm={() => remove(f.name)}>
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('orgTypes.remove')} />
                      </Popconfirm>
                    ),
                  },
                ]}
              />
              <Space style={{ marginTop: 16 }} wrap>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ code: '', nameZh: '', nameEn: '', rank: 60, holdsMembers: true })}
                  data-testid="org-type-add"
                >
                  {t('orgTypes.add')}
                </Button>
                <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="org-types-save">
                  {t('common.save')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
