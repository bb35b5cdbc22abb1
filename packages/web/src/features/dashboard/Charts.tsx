import { useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { activitiesLink, type Dashboard } from './api.ts';
import { EChart } from './EChart.tsx';

const RED = '#c8161d';
const GREY = '#e5e6eb';
const axisLabel = { color: '#595959' };

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/** Every month from the campaign's start to today (or its end), zeros included, so the line is a trend. */
function monthSeries(data: Dashboard): { month: string; count: number }[] {
  const counts = new Map(data.activities.byMonth.map((m) => [m.month, m.count]));
  const phases = data.campaign.phases;
  const thisMonth = new Date().toISOString().slice(0, 7);
  const known = [...counts.keys()].sort();
  let from = [phases[0]?.startsOn?.slice(0, 7), known[0]].filter(Boolean).sort()[0];
  const endMonth = phases[phases.length - 1]?.endsOn?.slice(0, 7);
  let to = [endMonth && endMonth < thisMonth ? endMonth : thisMonth, known[known.length - 1]].filter(Boolean).sort().pop();
  if (!from || !to) return data.activities.byMonth;
  if (from > to) [from, to] = [to, from];
  const out: { month: string; count: number }[] = [];
  for (let m = from; m <= to && out.length < 60; m = nextMonth(m)) out.push({ month: m, count: counts.get(m) ?? 0 });
  return out;
}

/** 活动类型分布 (bar) and 活动月度趋势 (line); a bar opens the activities of that type. */
export function ActivityCharts({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const byType = data.activities.byType;
  const months = useMemo(() => monthSeries(data), [data]);

  const typeOption = useMemo(() => {
    // Horizontal bars: long Chinese type names stay readable on a phone.
    const rows = [...byType].reverse();
    return {
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, axisLabel },
      yAxis: {
        type: 'category',
        data: rows.map((r) => (en ? r.nameEn : r.nameZh)),
        axisLabel: { ...axisLabel, width: isMobile ? 84 : 140, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('dashboard.charts.count'),
          data: rows.map((r) => r.count),
          itemStyle: { color: RED, borderRadius: [0, 3, 3, 0] },
          barMaxWidth: 18,
          label: { show: true, position: 'right', color: '#595959' },
        },
      ],
    };
  }, [byType, en, isMobile, t]);

  const monthOption = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', boundaryGap: months.length < 2, data: months.map((m) => m.month), axisLabel },
      yAxis: { type: 'value', minInterval: 1, axisLabel },
      series: [
        {
          type: 'line',
          name: t('dashboard.charts.count'),
          data: months.map((m) => m.count),
          symbolSize: 8,
          itemStyle: { color: RED },
          areaStyle: { color: 'rgba(200,22,29,0.08)' },
          label: { show: true, position: 'top', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        },
      ],
    }),
    [months, t],
  );

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={12}>
        <Card title={t('dashboard.charts.byType')} data-testid="chart-by-type-card">
          <EChart
            testId="chart-by-type"
            option={typeOption}
            label={byType.map((r) => `${en ? r.nameEn : r.nameZh}${en ? ': ' : '：'}${r.count}`).join(en ? '; ' : '；')}
            height={300}
            onClick={(p) => navigate(activitiesLink(data.campaign.id, data.org.id, [...byType].reverse()[p.dataIndex]?.type))}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('dashboard.charts.byMonth')} data-testid="chart-by-month-card">
          {data.activities.byMonth.length ? (
            <EChart testId="chart-by-month" option={monthOption} height={300} />
          ) : (
            <Empty style={{ height: 268, paddingTop: 60 }} description={t('dashboard.charts.empty')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** 下级单位任务完成情况: done vs not done per child unit (all tasks or one); a bar drills down. */
export function ChildrenChart({ data, onDrill }: { data: Dashboard; onDrill: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const [taskKey, setTaskKey] = useState<string>('');
  const children = data.children;

  const option = useMemo(() => {
    const rows = [...children].reverse().map((c) => {
      const f = taskKey ? (c.tasks[taskKey] ?? { required: 0, done: 0 }) : { required: c.tasksRequired, done: c.tasksDone };
      return { name: c.name, done: f.done, left: Math.max(0, f.required - f.done) };
    });
    return {
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('dashboard.charts.done'), t('dashboard.charts.notDone')] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, axisLabel },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { ...axisLabel, width: isMobile ? 96 : 180, overflow: 'truncate' } },
      dataZoom: rows.length > 20 ? [{ type: 'inside', yAxisIndex: 0, startValue: rows.length - 20, endValue: rows.length - 1 }] : [],
      series: [
        { type: 'bar', stack: 'tasks', name: t('dashboard.charts.done'), data: rows.map((r) => r.done), itemStyle: { color: RED }, barMaxWidth: 20 },
        { type: 'bar', stack: 'tasks', name: t('dashboard.charts.notDone'), data: rows.map((r) => r.left), itemStyle: { color: GREY }, barMaxWidth: 20 },
      ],
    };
  }, [children, taskKey, isMobile, t]);

  return (
    <Card
      title={t('dashboard.charts.byChild')}
      style={{ marginBottom: 16 }}
      data-testid="chart-by-child-card"
      extra={!isMobile && <TaskSelect data={data} value={taskKey} onChange={setTaskKey} en={en} />}
    >
      {isMobile && <TaskSelect data={data} value={taskKey} onChange={setTaskKey} en={en} block />}
      <EChart
        testId="chart-by-child"
        option={option}
        height={Math.min(20, children.length) * 30 + 60}
        onClick={(p) => {
          const child = [...children].reverse()[p.dataIndex];
          if (child) onDrill(child.id);
        }}
      />
    </Card>
  );
}

function TaskSelect({ data, value, onChange, en, block }: { data: Dashboard; value: string; onChange: (v: string) => void; en: boolean; block?: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      value={value}
      onChange={onChange}
      style={block ? { width: '100%', marginBottom: 8 } : { width: 240 }}
      data-testid="chart-by-child-task"
      options={[
        { value: '', label: t('dashboard.charts.allTasks') },
        ...data.tasks.filter((x) => x.required > 0).map((x) => ({ value: x.key, label: en ? x.nameEn : x.nameZh })),
      ]}
    />
  );
}
