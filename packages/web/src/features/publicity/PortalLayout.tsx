import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The public portal's frame, outside the signed-in shell: a narrow phone-first column on a red banner. */
export function PortalLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100%', background: '#f5f5f5' }} data-testid="portal">
      <div style={{ maxWidth: 720, margin: '0 auto', background: '#fff', minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
        <div style={{ flex: 1 }}>{children}</div>
        <div style={{ textAlign: 'center', color: '#999', fontSize: 12, padding: '24px 16px' }}>{t('publicity.portal.footer')}</div>
      </div>
    </div>
  );
}

export const portalDate = (iso: string) => iso.slice(0, 10);
