import { useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { download } from '../api/client.ts';
import { errorText } from '../api/forms.ts';

type Params = Parameters<typeof download>[1];

/** A file download with a busy flag for the button and the server's problem shown as a message. */
export function useDownload() {
  const { i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (path: string, params: Params, fallbackName: string) => {
    setBusy(true);
    try {
      await download(path, params, fallbackName);
    } catch (e) {
      message.error(errorText(e, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
