import { Button, Card, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDownload } from '../../../app/useDownload.ts';
import type { Round } from '../api.ts';
import { kindName } from '../labels.ts';

/** 最终名单: the awards of a final round per honour, each with its certificate. */
export function AwardsPanel({ r }: { r: Round }) {
  const { t, i18n } = useTranslation();
  const dl = useDownload();
  return (
    <Card size="small" title={t('honours.finalList')} style={{ marginBottom: 12 }} data-testid="honour-awards">
      {r.kinds.map((k) => {
        const list = r.awards.filter((a) => a.kind === k);
        if (!list.length) return null;
        return (
          <div key={k} style={{ marginBottom: 12 }}>
            <Typography.Text strong>{kindName(k, i18n.language)}</Typography.Text>
            {list.map((a) => (
              <div
                key={a.id}
                style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                data-testid={`honour-award-${a.id}`}
              >
                <div style={{ minWidth: 0 }}>
                  <Typography.Text style={{ fontSize: 16 }}>{a.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('honours.certificateNo')}：{a.certificateNo}
                  </Typography.Text>
                </div>
                {a.certificateUrl && (
                  <Button
                    icon={<DownloadOutlined />}
                    loading={dl.busy}
                    onClick={() => dl.run('/honours/awards/{id}/certificate.pdf', `${a.certificateNo}.pdf`, { params: { path: { id: a.id } } })}
                    data-testid={`honour-certificate-${a.id}`}
                  >
                    {t('honours.certificate')}
                  </Button>
                )}
              </div>
            ))}
          </div>
        );
      })}
    </Card>
  );
}
