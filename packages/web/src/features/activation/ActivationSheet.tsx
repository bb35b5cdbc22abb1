import { Alert, Button, QRCode, Space, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ActivationSheet as Sheet } from './api.ts';
import './print.css';

/** The full address a card's QR code opens (the server answers the path; the phone needs the host). */
export const absoluteLink = (link: string) => `${window.location.origin}${link}`;

/** One member's card: name, masked ID, the code and its QR code. */
export function ActivationCard({ card, expiresAt }: { card: Sheet['cards'][number]; expiresAt: string }) {
  const { t } = useTranslation();
  return (
    <div className="zx-activation-card" data-testid={`activation-card-${card.memberId}`}>
      <QRCode value={absoluteLink(card.link)} size={128} bordered={false} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {card.name}
        </Typography.Text>
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{card.idCardMasked}</div>
        <div style={{ marginTop: 6, fontSize: 12 }}>{t('activation.code')}</div>
        <div className="zx-mono zx-activation-code" data-testid="activation-code">
          {card.code}
        </div>
        <div style={{ fontSize: 11, color: 'rgba(0,0,0,0.55)', marginTop: 4 }}>{t('activation.cardStep', { url: `${window.location.host}/activate` })}</div>
        <div style={{ fontSize: 11, color: 'rgba(0,0,0,0.55)' }}>{t('activation.expiresAt', { date: expiresAt.slice(0, 10) })}</div>
      </div>
    </div>
  );
}

/** The printable sheet of a fresh batch of codes (A4, cards that do not break across pages). */
export function ActivationSheetView({ sheet, onBack }: { sheet: Sheet; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="zx-activation-print-root" data-testid="activation-sheet">
      <Space wrap className="zx-no-print" style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="activation-sheet-back">
          {t('activation.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="activation-print">
          {t('activation.print')}
        </Button>
      </Space>
      <Alert className="zx-no-print" type="warning" showIcon title={t('activation.sheetHint')} style={{ marginBottom: 12 }} />
      {sheet.skipped ? (
        <Typography.Paragraph className="zx-no-print" type="secondary">
          {t('activation.skipped', { n: sheet.skipped })}
        </Typography.Paragraph>
      ) : null}
      <Typography.Title level={5}>{t('activation.sheetTitle', { org: sheet.orgName })}</Typography.Title>
      <div className="zx-activation-sheet">
        {sheet.cards.map((c) => (
          <ActivationCard key={c.memberId} card={c} expiresAt={sheet.expiresAt} />
        ))}
      </div>
    </div>
  );
}
