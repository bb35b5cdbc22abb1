import { useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { download, type DownloadInit, type DownloadPath } from '../api/client.ts';
import { errorText } from '../api/forms.ts';

/** A file download with a busy flag for the button and the server's problem shown as a message. */
export function useDownload() {
  const { i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async <P extends DownloadPath>(path: P, fallbackName: string, ...init: DownloadInit<P>) => {
    setBusy(true);
    try {
      await download(path, fallbackName, ...init);
    } catch (e) {
      message.error(errorText(e, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
