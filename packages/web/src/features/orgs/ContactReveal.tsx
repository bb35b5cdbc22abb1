import { useState } from 'react';
import { App, Button, Popover, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';

/** 查看联系电话: the full number in a popover; the server writes an audit row. */
export function ContactReveal({ orgId, masked, allowed }: { orgId: number; masked: string | null; allowed: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => api.POST('/orgs/{id}/reveal-contact', { params: { path: { id: orgId } } }),
    onSuccess: (r) => setValue(r.value ?? ''),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!allowed) return <span className="zx-mono">{masked}</span>;
  return (
    <Space size={4} wrap>
      <span className="zx-mono">{masked}</span>
      <Popover
        open={value !== null}
        onOpenChange={(o) => !o && setValue(null)}
        trigger="click"
        title={t('org.contactPhone')}
        content={
          <div data-testid="org-contact-value">
            <Typography.Text copyable strong className="zx-mono" style={{ fontSize: 16 }}>
              {value}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('common.revealAudited')}
              </Typography.Text>
            </div>
          </div>
        }
      >
        <Button size="small" type="link" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="org-reveal-contact">
          {t('org.revealContact')}
        </Button>
      </Popover>
    </Space>
  );
}
