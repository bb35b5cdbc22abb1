import { useState } from 'react';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';

/** A masked value with 显示完整: the full value comes from the server, which audits the look. */
export function RevealField({ memberId, field, masked, allowed }: { memberId: number; field: 'idCard' | 'phone'; masked: string | null; allowed: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => api.POST('/members/{id}/reveal', { params: { path: { id: memberId } }, body: { field } }),
    onSuccess: (r) => {
      setValue(r.value);
      message.info(t('common.revealAudited'));
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      {value ? (
        <Typography.Text copyable className="zx-mono" strong data-testid={`member-${field}-full`}>
          {value}
        </Typography.Text>
      ) : (
        <span className="zx-mono" data-testid={`member-${field}-masked`}>
          {masked}
        </span>
      )}
      {allowed &&
        (value ? (
          <Tooltip title={t('member.hide')}>
            <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setValue(null)} />
          </Tooltip>
        ) : (
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            onClick={() => reveal.mutate()}
            data-testid={`member-reveal-${field}`}
          >
            {t('member.showFull')}
          </Button>
        ))}
    </Space>
  );
}
