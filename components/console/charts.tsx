'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayCount, ToolMetrics } from '@/lib/console/metrics';

// Bars at least 3:1 against white (WCAG 1.4.11); the axis text is slate-600 (7:1).
const BLUE = '#1d4ed8';
const AMBER = '#b45309';
const RED = '#b91c1c';
const GRID = '#e2e8f0';
const AXIS_TICK = { fill: '#475569', fontSize: 12 };

/** Recharts draws only in the browser: the figure around it carries the caption and the numbers as a table. */
export function ConversationsPerDayChart({ days, description }: { days: DayCount[]; description: string }) {
  return (
    <BarChart
      responsive
      data={days}
      desc={description}
      style={{ width: '100%', height: 260 }}
      margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
    >
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} tick={AXIS_TICK} minTickGap={12} />
      <YAxis allowDecimals={false} tick={AXIS_TICK} />
      <Tooltip />
      <Legend />
      <Bar dataKey="conversations" name="Conversations" fill={BLUE} />
      <Bar dataKey="handedOff" name="Handed off to staff" fill={AMBER} />
    </BarChart>
  );
}

export function ToolCallsChart({ tools, description }: { tools: ToolMetrics[]; description: string }) {
  const rows = tools.map(({ tool, calls, failed }) => ({ tool, succeeded: calls - failed, failed }));
  return (
    <BarChart
      responsive
      layout="vertical"
      data={rows}
      desc={description}
      style={{ width: '100%', height: 64 + rows.length * 36 }}
      margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
    >
      <CartesianGrid stroke={GRID} horizontal={false} />
      <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
      <YAxis type="category" dataKey="tool" width={130} tick={AXIS_TICK} />
      <Tooltip />
      <Legend />
      <Bar dataKey="succeeded" stackId="calls" name="Without error" fill={BLUE} />
      <Bar dataKey="failed" stackId="calls" name="Failed or invalid" fill={RED} />
    </BarChart>
  );
}
