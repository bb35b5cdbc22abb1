import { useState } from 'react';
import { Button, Card, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Candidate, Round } from '../api.ts';
import { kindName } from '../labels.ts';
import { ObjectionForm } from './ObjectionForm.tsx';

/** 公示: what every member and account of the subtree sees, phone first, with the objection form. */
export function PublicView({ r }: { r: Round }) {
  const { t, i18n } = useTranslation();
  const [objecting, setObjecting] = useState<Candidate | null>(null);
  if (r.status === 'final') return null;
  const listed = r.candidates.filter((c) => c.status === 'candidate');
  return (
    <>
      <Typography.Title level={5}>{t('honours.noticeList')}</Typography.Title>
      {!listed.length ? (
        <Empty description={t('honours.noCandidates')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="honour-notice-list">
          {r.kinds.map(
            (k) =>
              listed.some((c) => c.kind === k) && (
                <Card key={k} size="small" title={kindName(k, i18n.language)}>
                  {listed
                    .filter((c) => c.kind === k)
                    .map((c) => (
                      <div
                        key={c.id}
                        data-testid={`honour-notice-${c.id}`}
                        style={{
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'space-between',
                          gap: 8,
                          padding: '10px 0',
                          borderBottom: '1px solid #f0f0f0',
                        }}
                      >
                        <div style={{ minWidth: 0 }}>
                          <Typography.Text strong style={{ fontSize: 16 }}>
                            {c.name}
                          </Typography.Text>
                          {c.subject === 'person' && (
                            <Typography.Text type="secondary" style={{ display: 'block' }}>
                              {c.orgName}
                            </Typography.Text>
                          )}
                        </div>
                        {r.can.object && (
                          <Button size="large" onClick={() => setObjecting(c)} data-testid={`honour-object-${c.id}`}>
                            {t('honours.object')}
                          </Button>
                        )}
                      </div>
                    ))}
                </Card>
              ),
          )}
        </Space>
      )}
      <ObjectionForm candidate={objecting} minChars={r.settings.objectionMinChars} onClose={() => setObjecting(null)} />
    </>
  );
}
