import { Button, Card, Dropdown, Empty, Input, InputNumber, List, Rate, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TARGET_KINDS, type TargetKind } from '@zx/domain/campaign/activity-types';
import type { PlanTarget } from './api.ts';

const SINGLE: TargetKind[] = ['star_tier', 'red_flag', 'excellent_member_ratio', 'coverage'];

export function useKindName() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (kind: string) => {
    const k = TARGET_KINDS.find((x) => x.code === kind);
    return k ? (en ? k.nameEn : k.nameZh) : kind;
  };
}

/** A target's figure as text: 5★, 20%, 300 小时; Red Flag creation shows its note. */
export function useTargetValue() {
  const { t } = useTranslation();
  return (x: PlanTarget) => {
    switch (x.kind) {
      case 'star_tier':
        return x.value ? t('plans.stars', { n: x.value }) : '—';
      case 'excellent_member_ratio':
      case 'coverage':
        return x.value == null ? '—' : `${x.value}%`;
      case 'red_flag':
        return x.label ?? t('plans.redFlagYes');
      case 'custom_kpi':
        return `${x.label ?? ''} ${x.value ?? ''} ${x.unit ?? ''}`.trim();
    }
  };
}

const blank = (kind: TargetKind): PlanTarget => ({ kind, value: kind === 'star_tier' ? 5 : null, unit: null, label: null, goalTag: null });

interface EditorProps {
  value: PlanTarget[];
  onChange: (v: PlanTarget[]) => void;
  /** Server field errors keyed 'targets.N.field'. */
  errors: Record<string, string>;
}

/** 争创目标: rows added by kind; the fields follow the kind; an optional 地方发展目标 tag on each. */
export function TargetsEditor({ value, onChange, errors }: EditorProps) {
  const { t } = useTranslation();
  const kindName = useKindName();
  const set = (i: number, patch: Partial<PlanTarget>) => onChange(value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const used = new Set(value.map((x) => x.kind));
  const err = (i: number, f: string) => errors[`targets.${i}.${f}`];
  const hint = (i: number, f: string) =>
    err(i, f) ? (
      <Typography.Text type="danger" style={{ fontSize: 13 }} data-testid={`plan-target-${i}-error-${f}`}>
        {err(i, f)}
      </Typography.Text>
    ) : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      {value.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.noTargets')} />}
      {value.map((x, i) => (
        <Card
          key={i}
          size="small"
          data-testid={`plan-target-${i}`}
          title={
            <Select
              value={x.kind}
              variant="borderless"
              style={{ minWidth: 160 }}
              onChange={(k: TargetKind) => set(i, { ...blank(k), goalTag: x.goalTag })}
              options={TARGET_KINDS.map((k) => ({
                value: k.code,
                label: kindName(k.code),
                disabled: k.code !== x.kind && SINGLE.includes(k.code) && used.has(k.code),
              }))}
              data-testid={`plan-target-${i}-kind`}
            />
          }
          extra={
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('plans.removeTarget')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              data-testid={`plan-target-${i}-remove`}
            />
          }
        >
          <Space direction="vertical" style={{ width: '100%' }} size={6}>
            {x.kind === 'star_tier' && (
              <div>
                <Rate
                  count={5}
                  value={x.value ?? 0}
                  onChange={(n) => set(i, { value: n || null })}
                  style={{ fontSize: 28 }}
                  data-testid={`plan-target-${i}-stars`}
                />
                <div>{hint(i, 'value')}</div>
              </div>
            )}
            {(x.kind === 'excellent_member_ratio' || x.kind === 'coverage') && (
              <div>
                <InputNumber
                  step={1}
                  value={x.value}
                  onChange={(n) => set(i, { value: n })}
                  suffix="%"
                  style={{ width: '100%' }}
                  inputMode="decimal"
                  placeholder={t('plans.percentPlaceholder')}
                  status={err(i, 'value') ? 'error' : undefined}
                  data-testid={`plan-target-${i}-value`}
                />
                {hint(i, 'value')}
              </div>
            )}
            {x.kind === 'custom_kpi' && (
              <>
                <Input
                  value={x.label ?? ''}
                  onChange={(e) => set(i, { label: e.target.value })}
                  placeholder={t('plans.kpiLabel')}
                  maxLength={60}
                  status={err(i, 'label') ? 'error' : undefined}
                  data-testid={`plan-target-${i}-label`}
                />
                {hint(i, 'label')}
                <Space.Compact style={{ width: '100%' }}>
                  <InputNumber
                    value={x.value}
                    onChange={(n) => set(i, { value: n })}
                    placeholder={t('plans.kpiValue')}
                    style={{ width: '60%' }}
                    inputMode="decimal"
                    status={err(i, 'value') ? 'error' : undefined}
                    data-testid={`plan-target-${i}-value`}
                  />
                  <Input
                    value={x.unit ?? ''}
                    onChange={(e) => set(i, { unit: e.target.value })}
                    placeholder={t('plans.kpiUnit')}
                    maxLength={20}
                    style={{ width: '40%' }}
                    status={err(i, 'unit') ? 'error' : undefined}
                    data-testid={`plan-target-${i}-unit`}
                  />
                </Space.Compact>
                {hint(i, 'value')}
                {hint(i, 'unit')}
              </>
            )}
            {x.kind === 'red_flag' && (
              <Input
                value={x.label ?? ''}
                onChange={(e) => set(i, { label: e.target.value })}
                placeholder={t('plans.redFlagPlaceholder')}
                maxLength={60}
                data-testid={`plan-target-${i}-label`}
              />
            )}
            {hint(i, 'kind')}
            <Input
              value={x.goalTag ?? ''}
              onChange={(e) => set(i, { goalTag: e.target.value })}
              placeholder={t('plans.goalTagPlaceholder')}
              maxLength={60}
              prefix={<Typography.Text type="secondary">{t('plans.goalTag')}</Typography.Text>}
              data-testid={`plan-target-${i}-goal`}
            />
          </Space>
        </Card>
      ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: TARGET_KINDS.map((k) => ({
            key: k.code,
            label: <span data-testid={`plan-target-add-${k.code}`}>{kindName(k.code)}</span>,
            disabled: SINGLE.includes(k.code) && used.has(k.code),
          })),
          onClick: ({ key }) => onChange([...value, blank(key as TargetKind)]),
        }}
      >
        <Button icon={<PlusOutlined />} block style={{ height: 40 }} disabled={value.length >= 20} data-testid="plan-target-add">
          {t('plans.addTarget')}
        </Button>
      </Dropdown>
    </Space>
  );
}

/** Targets, read only. */
export function TargetsView({ targets }: { targets: PlanTarget[] }) {
  const { t } = useTranslation();
  const kindName = useKindName();
  const valueText = useTargetValue();
  if (!targets.length) return <Typography.Text type="secondary">{t('plans.noTargets')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={targets}
      data-testid="plan-targets-view"
      renderItem={(x) => (
        <List.Item style={{ flexWrap: 'wrap', gap: 4 }}>
          <Space wrap size={4}>
            <Typography.Text type="secondary">{kindName(x.kind)}</Typography.Text>
            <Typography.Text strong>{valueText(x)}</Typography.Text>
          </Space>
          {x.goalTag && (
            <Tag color="gold">
              {t('plans.goalTag')}：{x.goalTag}
            </Tag>
          )}
        </List.Item>
      )}
    />
  );
}
