import { useMemo, useState } from 'react';
import { Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { diffChars, diffWords, type ChangeObject } from 'diff';
import { useTranslation } from 'react-i18next';
import { planText } from '@zx/domain/campaign/plan';
import { useIsMobile } from '../../app/useIsMobile.ts';
import type { PlanTarget, PlanVersion } from './api.ts';
import { useKindName, useTargetValue } from './targets.tsx';

function Diff({ parts, testId }: { parts: ChangeObject<string>[]; testId: string }) {
  return (
    <div className="zx-diff" data-testid={testId}>
      {parts.map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
    </div>
  );
}

/** Targets are matched by kind (custom indicators also by name). */
const targetKey = (x: PlanTarget) => (x.kind === 'custom_kpi' ? `custom_kpi:${x.label ?? ''}` : x.kind);

/** Two submitted versions compared: theme and text word by word, targets row by row. */
export function VersionCompare({ versions, open, onClose }: { versions: PlanVersion[]; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const kindName = useKindName();
  const valueText = useTargetValue();
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]?.version);
  const [to, setTo] = useState(versions[0]?.version);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);

  const result = useMemo(() => {
    if (!a || !b) return null;
    const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(i18n.language, { granularity: 'word' }) : undefined;
    const text = diffWords(planText(a.contentHtml), planText(b.contentHtml), segmenter ? { intlSegmenter: segmenter } : undefined);
    const theme = diffChars(a.theme, b.theme);
    const before = new Map(a.targets.map((x) => [targetKey(x), x]));
    const after = new Map(b.targets.map((x) => [targetKey(x), x]));
    const keys = [...new Set([...before.keys(), ...after.keys()])];
    const rows = keys.map((k) => {
      const o = before.get(k);
      const n = after.get(k);
      const ov = o ? `${valueText(o)}${o.goalTag ? ` · ${o.goalTag}` : ''}` : '';
      const nv = n ? `${valueText(n)}${n.goalTag ? ` · ${n.goalTag}` : ''}` : '';
      const change = !o ? 'added' : !n ? 'removed' : ov === nv ? 'unchanged' : 'changed';
      return { key: k, kind: (o ?? n)!.kind, before: ov, after: nv, change };
    });
    return {
      text,
      theme,
      rows,
      same: text.every((p) => !p.added && !p.removed) && theme.every((p) => !p.added && !p.removed) && rows.every((r) => r.change === 'unchanged'),
    };
  }, [a, b, i18n.language, valueText]);

  const options = versions.map((v) => ({ value: v.version, label: t('plans.version', { n: v.version }) }));
  const color = { added: 'green', removed: 'red', changed: 'orange', unchanged: 'default' } as const;

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      title={t('plans.compare')}
      width={isMobile ? '100%' : 900}
      style={isMobile ? { top: 8, maxWidth: '100vw', paddingInline: 8 } : undefined}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select value={from} onChange={setFrom} options={options} style={{ width: 120 }} data-testid="plan-compare-from" />
        <span>→</span>
        <Select value={to} onChange={setTo} options={options} style={{ width: 120 }} data-testid="plan-compare-to" />
      </Space>
      {result && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {result.same && <Tag data-testid="plan-compare-same">{t('plans.noChanges')}</Tag>}
          <div>
            <Typography.Text type="secondary">{t('plans.theme')}</Typography.Text>
            <Diff parts={result.theme} testId="plan-compare-theme" />
          </div>
          <div>
            <Typography.Text type="secondary">{t('plans.content')}</Typography.Text>
            <Diff parts={result.text} testId="plan-compare-text" />
          </div>
          <div>
            <Typography.Text type="secondary">{t('plans.targets')}</Typography.Text>
            {isMobile ? (
              <div data-testid="plan-compare-targets">
                {result.rows.map((r) => (
                  <div key={r.key} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <Space size={4}>
                      <Typography.Text strong>{kindName(r.kind)}</Typography.Text>
                      <Tag color={color[r.change as keyof typeof color]}>{t(`plans.changes.${r.change}`)}</Tag>
                    </Space>
                    {r.change !== 'unchanged' && r.before && (
                      <div>
                        <del className="zx-diff-old">{r.before}</del>
                      </div>
                    )}
                    {r.after && <div>{r.change === 'unchanged' ? r.after : <ins className="zx-diff-new">{r.after}</ins>}</div>}
                  </div>
                ))}
              </div>
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={result.rows}
                data-testid="plan-compare-targets"
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('plans.targetKind'), dataIndex: 'kind', render: (k: string) => kindName(k) },
                  { title: t('plans.version', { n: from }), dataIndex: 'before' },
                  { title: t('plans.version', { n: to }), dataIndex: 'after' },
                  { title: t('plans.change'), dataIndex: 'change', render: (c: keyof typeof color) => <Tag color={color[c]}>{t(`plans.changes.${c}`)}</Tag> },
                ]}
              />
            )}
          </div>
        </Space>
      )}
    </Modal>
  );
}
