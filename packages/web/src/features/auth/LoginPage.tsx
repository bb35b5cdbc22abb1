import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ensureCsrf, rememberCsrfToken } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch.tsx';
import { ME_KEY } from '../../app/session.ts';

interface Values {
  login: string;
  password: string;
}

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(params.get('next'));
  const expired = params.get('reason') === 'expired';

  const login = useMutation({
    mutationFn: async (v: Values) => {
      await ensureCsrf();
      return api.POST('/auth/login', { body: { login: v.login.trim(), password: v.password }, noAuthRedirect: true });
    },
    onSuccess: (me) => {
      rememberCsrfToken(me.csrfToken);
      qc.setQueryData(ME_KEY, me);
      navigate(next, { replace: true });
    },
    onError: (e) => setError(e),
  });

  return (
    <div
      style={{
        minHeight: '100%',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #c8161d 0%, #e0484e 38%, #f5f6f8 38.2%)',
      }}
    >
      <div style={{ position: 'absolute', top: 8, right: 8 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 28px rgba(0,0,0,0.12)' }} data-testid="login-card">
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div
            aria-hidden
            style={{
              margin: '0 auto 12px',
              background: '#c8161d',
              color: '#fff',
              width: 52,
              height: 52,
              borderRadius: 12,
              fontSize: 26,
              lineHeight: '52px',
              fontWeight: 700,
            }}
          >
            {t('shell.brandMark')}
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('shell.productShort')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        {expired && !error && <Alert type="info" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />}
        {error ? <Alert type="error" showIcon title={errorText(error, i18n.language)} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form<Values>
          layout="vertical"
          size="large"
          onFinish={(v) => login.mutate(v)}
          onValuesChange={() => setError(null)}
          requiredMark={false}
          data-testid="login-form"
        >
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true, message: t('login.loginRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder={t('login.loginPlaceholder')} data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder={t('login.passwordPlaceholder')}
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Link to="/activate" data-testid="login-activate">
            {t('activation.firstTime')}
          </Link>
        </div>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('login.footer')}
      </Typography.Text>
    </div>
  );
}
