import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../dashboard/EChart.tsx';
import type { Benchmark } from './api.ts';

const RED = '#c8161d';
const GOLD = '#faad14';
const GREY = '#d9d9d9';

/**
 * The gap per rubric dimension as grouped bars: the unit's verified score, the best chosen
 * exemplar's and full marks. A dimension without a verified score has no bar (not a zero).
 */
export function GapChart({ data }: { data: Benchmark }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const rows = data.gaps.rows;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [t('exemplars.bench.own'), t('exemplars.bench.exemplar'), t('exemplars.bench.full')] },
      xAxis: { type: 'category', data: rows.map((r) => (en ? r.nameEn : r.nameZh)), axisLabel: { color: '#595959', interval: 0 } },
      yAxis: { type: 'value', axisLabel: { color: '#595959' } },
      series: [
        {
          type: 'bar',
          name: t('exemplars.bench.own'),
          data: rows.map((r) => r.own),
          itemStyle: { color: RED },
          barMaxWidth: 22,
          label: { show: true, position: 'top', color: '#595959', fontSize: 11 },
        },
        {
          type: 'bar',
          name: t('exemplars.bench.exemplar'),
          data: rows.map((r) => r.benchmark),
          itemStyle: { color: GOLD },
          barMaxWidth: 22,
          label: { show: true, position: 'top', color: '#595959', fontSize: 11 },
        },
        { type: 'bar', name: t('exemplars.bench.full'), data: rows.map((r) => r.max), itemStyle: { color: GREY }, barMaxWidth: 22 },
      ],
    }),
    [rows, en, t],
  );
  const label = rows
    .map((r) => t('exemplars.bench.chartRow', { name: en ? r.nameEn : r.nameZh, own: r.own ?? '—', exemplar: r.benchmark ?? '—', max: r.max }))
    .join('；');
  return <EChart option={option} height={300} testId="gap-chart" label={label} />;
}
