import { useEffect, useRef, useState } from 'react';
import { Skeleton } from 'antd';
import type { EChartsCoreOption, ECharts } from 'echarts/core';

export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesIndex: number;
}

/** A small React wrapper around ECharts: loads the library lazily, follows the container's size. */
/** `label`: the chart's figures in words (`aria-label`, role img), since the canvas has no readable text. */
export function EChart({
  option,
  height = 280,
  onClick,
  testId,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  onClick?: (p: ChartClick) => void;
  testId?: string;
  label?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef({ option, onClick });
  latest.current = { option, onClick };
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | null = null;
    void import('./echarts-setup.ts').then(({ echarts }) => {
      if (gone || !el.current) return;
      const c = echarts.init(el.current, null, { renderer: 'canvas' });
      chart.current = c;
      c.setOption(latest.current.option);
      c.on('click', (p) => latest.current.onClick?.({ name: String(p.name), dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 }));
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el.current);
      setReady(true);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      style={{ position: 'relative', width: '100%', height }}
      data-testid={testId}
      data-ready={ready ? '1' : '0'}
      role={label ? 'img' : undefined}
      aria-label={label}
    >
      <div ref={el} style={{ width: '100%', height: '100%', cursor: onClick ? 'pointer' : undefined }} />
      {!ready && <Skeleton active style={{ position: 'absolute', inset: 0 }} />}
    </div>
  );
}
