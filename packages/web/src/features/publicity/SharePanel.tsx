import { App, Button, Card, QRCode, Space, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** The public portal's address for a campaign, as it is shared (absolute: it leaves the app in a WeChat group). */
export const portalUrl = (campaignId: number) => `${window.location.origin}/p/${campaignId}`;

/** 分享: the portal link to copy and its QR code, downloadable as a PNG for WeChat groups. */
export function SharePanel({ campaignId, name }: { campaignId: number; name: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const url = portalUrl(campaignId);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Without clipboard permission (plain HTTP on a LAN address) the text is selected for a manual copy.
      const input = document.getElementById('portal-link') as HTMLInputElement | null;
      input?.select();
      document.execCommand('copy');
    }
    message.success(t('publicity.share.copied'));
  };
  const download = () => {
    const canvas = document.getElementById('portal-qr')?.querySelector('canvas');
    if (!canvas) return;
    const a = document.createElement('a');
    a.href = canvas.toDataURL('image/png');
    a.download = `${name}-二维码.png`;
    a.click();
  };
  return (
    <Card size="small" title={t('publicity.share.title')} data-testid="share-panel">
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
        <div id="portal-qr">
          <QRCode value={url} type="canvas" bgColor="#fff" size={148} />
        </div>
        <Space direction="vertical" style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Typography.Text type="secondary">{t('publicity.share.hint')}</Typography.Text>
          <input
            id="portal-link"
            readOnly
            value={url}
            data-testid="portal-link"
            style={{ width: '100%', border: '1px solid #d9d9d9', borderRadius: 6, padding: '4px 8px', font: 'inherit' }}
          />
          <Space wrap>
            <Button icon={<CopyOutlined />} onClick={copy}>
              {t('publicity.share.copy')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={download} data-testid="qr-download">
              {t('publicity.share.download')}
            </Button>
            <Button icon={<LinkOutlined />} href={url} target="_blank">
              {t('publicity.share.open')}
            </Button>
          </Space>
        </Space>
      </div>
    </Card>
  );
}
