import { useEffect } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zh_CN from 'antd/locale/zh_CN';
import en_US from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { configureClient } from '../api/client.ts';
import { currentLang } from './i18n/index.ts';
import { queryClient } from './queryClient.ts';
import { router } from './routes.tsx';

configureClient({
  getLanguage: currentLang,
  onUnauthenticated: (code) => {
    const loc = router.state.location;
    if (loc.pathname.startsWith('/login')) return;
    const next = encodeURIComponent(loc.pathname + loc.search);
    const reason = code === 'SESSION_EXPIRED' ? '&reason=expired' : '';
    void router.navigate(`/login?next=${next}${reason}`, { replace: true }).then(() => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'orgs' || q.queryKey[1] !== 'types' });
    });
  },
});

const THEME = {
  token: { colorPrimary: '#c8161d', borderRadius: 6 },
  components: { Layout: { headerBg: '#ffffff', siderBg: '#ffffff' } },
};

export function App() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  useEffect(() => {
    document.title = en ? 'Zhengxian · Strive to Be First' : '争先 · 双争先主题实践活动';
  }, [en]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={en ? en_US : zh_CN} theme={THEME}>
        <AntApp style={{ height: '100%' }}>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
