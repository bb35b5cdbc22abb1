import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n/index.ts';

/** Toggles 中文 / English; the choice is remembered in localStorage. */
export function LanguageSwitch({ compact }: { compact?: boolean }) {
  const { i18n, t } = useTranslation();
  const en = i18n.language === 'en-US';
  return (
    <Tooltip title={t('shell.switchLanguage')}>
      <Button
        type="text"
        icon={compact ? undefined : <TranslationOutlined />}
        data-testid="lang-switch"
        aria-label={t('shell.switchLanguage')}
        onClick={() => void setLang(en ? 'zh-CN' : 'en-US')}
        style={compact ? { paddingInline: 6 } : undefined}
      >
        {compact ? (en ? '中' : 'EN') : en ? '中文' : 'English'}
      </Button>
    </Tooltip>
  );
}
