import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Segmented, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@zx/contract/auth';
import { api, ensureCsrf, rememberCsrfToken } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch.tsx';
import { ME_KEY } from '../../app/session.ts';

interface Values {
  code?: string;
  name?: string;
  idCard?: string;
  phone?: string;
  password: string;
  confirm: string;
}

/**
 * 激活我的账号 (public, phone first): the member opens the link of their card (the code is in it)
 * or types the code — or verifies name + ID number + mobile — chooses a password and is signed in.
 */
export default function ActivatePage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'code' | 'self'>('code');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Me | null>(null);

  const activate = useMutation({
    mutationFn: async (v: Values) => {
      await ensureCsrf();
      return mode === 'code'
        ? api.POST('/activation/redeem', { body: { code: v.code!.trim(), password: v.password }, noAuthRedirect: true })
        : api.POST('/activation/self', {
            body: { name: v.name!.trim(), idCard: v.idCard!.trim(), phone: v.phone!.trim(), password: v.password },
            noAuthRedirect: true,
          });
    },
    onSuccess: (me) => {
      rememberCsrfToken(me.csrfToken);
      qc.setQueryData(ME_KEY, me);
      setDone(me);
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, i18n.language);
      setError(rest.length || !(e as { errors?: unknown[] }).errors?.length ? e : null);
    },
  });

  const required = [{ required: true, message: t('activation.required') }];
  return (
    <div
      style={{ minHeight: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: 16, boxSizing: 'border-box', background: '#f5f6f8' }}
    >
      <div style={{ alignSelf: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 420 }} data-testid="activate-card">
        {done ? (
          <Result
            status="success"
            title={t('activation.done')}
            subTitle={t('activation.doneDetail', { username: done.user.username })}
            extra={
              <Button type="primary" onClick={() => navigate('/', { replace: true })} data-testid="activate-go-home">
                {t('activation.goHome')}
              </Button>
            }
            data-testid="activate-done"
          />
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {t('activation.activateTitle')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('activation.activateSubtitle')}</Typography.Paragraph>
            <Segmented
              block
              value={mode}
              onChange={(v) => {
                setMode(v as 'code' | 'self');
                setError(null);
              }}
              options={[
                { value: 'code', label: <span data-testid="activate-mode-code">{t('activation.byCode')}</span> },
                { value: 'self', label: <span data-testid="activate-mode-self">{t('activation.bySelf')}</span> },
              ]}
              style={{ marginBottom: 16 }}
            />
            {error ? <Alert type="error" showIcon title={errorText(error, i18n.language)} style={{ marginBottom: 16 }} data-testid="activate-error" /> : null}
            <Form<Values>
              form={form}
              layout="vertical"
              size="large"
              requiredMark={false}
              initialValues={{ code: params.get('code') ?? '' }}
              onFinish={(v) => activate.mutate(v)}
              onValuesChange={() => setError(null)}
            >
              {mode === 'code' ? (
                <Form.Item name="code" label={t('activation.codeLabel')} rules={[{ required: true, message: t('activation.codeRequired') }]}>
                  <Input placeholder={t('activation.codePlaceholder')} autoComplete="one-time-code" className="zx-mono" data-testid="activate-code" />
                </Form.Item>
              ) : (
                <>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    {t('activation.selfHint')}
                  </Typography.Paragraph>
                  <Form.Item name="name" label={t('activation.name')} rules={required}>
                    <Input autoComplete="name" data-testid="activate-name" />
                  </Form.Item>
                  <Form.Item name="idCard" label={t('activation.idCard')} rules={required}>
                    <Input autoComplete="off" inputMode="text" data-testid="activate-idcard" />
                  </Form.Item>
                  <Form.Item name="phone" label={t('activation.phone')} rules={required}>
                    <Input autoComplete="tel" inputMode="tel" data-testid="activate-phone" />
                  </Form.Item>
                </>
              )}
              <Form.Item name="password" label={t('activation.password')} rules={required}>
                <Input.Password autoComplete="new-password" data-testid="activate-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('activation.passwordConfirm')}
                dependencies={['password']}
                rules={[
                  ...required,
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('activation.passwordMismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="activate-confirm" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={activate.isPending} data-testid="activate-submit">
                {t('activation.submit')}
              </Button>
            </Form>
            <div style={{ textAlign: 'center', marginTop: 16 }}>
              <Link to="/login">{t('activation.toLogin')}</Link>
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
