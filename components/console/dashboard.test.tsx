// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardMetrics } from '@/lib/console/metrics';
import { ConversationsPerDay, RangePicker, StatTiles, ToolCalls } from './dashboard';

afterEach(cleanup);

const METRICS: DashboardMetrics = {
  range: { from: '2026-05-10', to: '2026-05-12', timezone: 'Asia/Shanghai', days: 3 },
  totals: { conversations: 3, messages: 9, assistantMessages: 4, toolCalls: 5 },
  resolvedWithoutHuman: { conversations: 2, share: 2 / 3 },
  handoff: { conversations: 1, rate: 1 / 3 },
  fallback: { messages: 1, share: 0.25 },
  csat: { ratings: 0, average: null },
  timeToFirstTextMs: { measured: 4, p50: 250, p95: 1384.6 },
  perDay: [
    { day: '2026-05-10', conversations: 1, handedOff: 0 },
    { day: '2026-05-11', conversations: 0, handedOff: 0 },
    { day: '2026-05-12', conversations: 2, handedOff: 1 },
  ],
  tools: [
    { tool: 'searchProducts', calls: 4, failed: 1, errorRate: 0.25, durationMs: { p50: 30, p95: 48.2 } },
    { tool: 'placeOrder', calls: 1, failed: 0, errorRate: 0, durationMs: { p50: null, p95: null } },
  ],
};

describe('the dashboard', () => {
  it('shows each number as a percentage, milliseconds or "No data", with what it was counted over', () => {
    render(<StatTiles metrics={METRICS} />);
    const tile = (testId: string) => screen.getByTestId(testId).textContent;
    expect(tile('metric-conversations')).toBe('3');
    expect(tile('metric-resolved')).toBe('66.7%');
    expect(tile('metric-handoff')).toBe('33.3%');
    expect(tile('metric-fallback')).toBe('25%');
    expect(tile('metric-csat')).toBe('No data');
    expect(tile('metric-ttft-p50')).toBe('250 ms');
    expect(tile('metric-ttft-p95')).toBe('1,385 ms');
    expect(screen.getByText('2 of 3 conversations')).toBeTruthy();
    expect(screen.getByText('1 of 4 assistant answers')).toBeTruthy();
    expect(screen.getByText('0 ratings')).toBeTruthy();
  });

  it('describes the per-day chart in a sentence and gives every day as a table row', () => {
    render(<ConversationsPerDay metrics={METRICS} />);
    const figure = screen.getByRole('figure', { name: 'Conversations per day' });
    expect(figure.getAttribute('aria-describedby')).toBe('per-day-summary');
    expect(document.getElementById('per-day-summary')?.textContent).toBe(
      '3 conversations started over 3 days; the busiest day was 2026-05-12 with 2.',
    );
    const rows = within(figure).getAllByRole('row', { hidden: true }).slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['2026-05-1010', '2026-05-1100', '2026-05-1221']);
  });

  it('lists every tool with its calls, errors, error rate and durations', () => {
    render(<ToolCalls metrics={METRICS} />);
    const rows = within(screen.getByTestId('tool-table')).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['4', '1', '25%', '30 ms', '48 ms'],
      ['1', '0', '0%', 'not run', 'not run'],
    ]);
    expect(screen.getByRole('rowheader', { name: 'searchProducts' })).toBeTruthy();
  });

  it('says so when there were no tool calls, without an empty table', () => {
    render(<ToolCalls metrics={{ ...METRICS, tools: [], totals: { ...METRICS.totals, toolCalls: 0 } }} />);
    expect(screen.getByText('No tool calls in these conversations.')).toBeTruthy();
    expect(screen.queryByTestId('tool-table')).toBeNull();
  });

  it('keeps the range in the URL: a GET form with labelled dates, quick ranges marking the current one', () => {
    render(<RangePicker range={{ from: '2026-05-29', to: '2026-06-04' }} today="2026-06-04" />);
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-05-29');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-06-04');
    const form = screen.getByRole('form', { name: 'Date range' }) as HTMLFormElement;
    expect(form.method).toBe('get');
    const links = within(screen.getByRole('navigation', { name: 'Quick ranges' })).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('aria-current')])).toEqual([
      ['Last 7 days', '/console/dashboard?from=2026-05-29&to=2026-06-04', 'page'],
      ['Last 14 days', '/console/dashboard?from=2026-05-22&to=2026-06-04', null],
      ['Last 30 days', '/console/dashboard?from=2026-05-06&to=2026-06-04', null],
    ]);
  });
});
