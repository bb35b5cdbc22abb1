/**
 * ECharts, only the parts the dashboard draws (bar, line; grid, tooltip, legend; canvas).
 * Imported dynamically by EChart.tsx, so it is its own chunk: neither the main bundle nor a page
 * without charts downloads it.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

export { echarts };
