import Link from 'next/link';
import type { ReactNode } from 'react';
import { type DashboardMetrics, type DateRange, lastDays } from '@/lib/console/metrics';
import { ConversationsPerDayChart, ToolCallsChart } from './charts';

// No hooks here: these render on the server; only the charts (./charts) run in the browser.

const QUICK_RANGE_DAYS = [7, 14, 30] as const;

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');

/** A share as a percentage, or null when there was nothing to count. */
function formatShare(share: number | null): string | null {
  return share === null ? null : percent.format(share);
}

function formatMs(ms: number | null): string | null {
  return ms === null ? null : `${whole.format(Math.round(ms))} ms`;
}

function counted(count: number, noun: string): string {
  return `${whole.format(count)} ${noun}${count === 1 ? '' : 's'}`;
}

const card = 'rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';
const field =
  'mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';
const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700';

/** Two date fields sent as ?from=&to= (a plain GET form: the range lives in the URL), and quick ranges as links. */
export function RangePicker({ range, today }: { range: DateRange; today: string }) {
  return (
    <div className={`${card} flex flex-wrap items-end gap-x-6 gap-y-4`}>
      <form method="get" action="/console/dashboard" className="flex flex-wrap items-end gap-3" aria-label="Date range">
        <div>
          <label htmlFor="range-from" className="block text-sm font-medium text-slate-700">
            From
          </label>
          <input id="range-from" name="from" type="date" required defaultValue={range.from} className={field} />
        </div>
        <div>
          <label htmlFor="range-to" className="block text-sm font-medium text-slate-700">
            To
          </label>
          <input id="range-to" name="to" type="date" required defaultValue={range.to} className={field} />
        </div>
        <button
          type="submit"
          className={`rounded-md bg-blue-700 px-4 py-2 text-base font-medium text-white hover:bg-blue-800 ${focusRing}`}
        >
          Show
        </button>
      </form>
      <nav aria-label="Quick ranges">
        <ul className="flex flex-wrap gap-2">
          {QUICK_RANGE_DAYS.map((days) => {
            const quick = lastDays(days, today);
            const current = quick.from === range.from && quick.to === range.to;
            return (
              <li key={days}>
                <Link
                  href={`/console/dashboard?from=${quick.from}&to=${quick.to}`}
                  aria-current={current ? 'page' : undefined}
                  className={`inline-block rounded-md border px-3 py-2 text-sm font-medium ${focusRing} ${
                    current
                      ? 'border-blue-700 bg-blue-50 text-blue-800'
                      : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100'
                  }`}
                >
                  Last {days} days
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}

function Tile({ label, value, hint, testId }: { label: string; value: string | null; hint: string; testId: string }) {
  return (
    <div className={card}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value ?? <span className="text-slate-500">No data</span>}
      </dd>
      <dd className="mt-1 text-sm text-slate-600">{hint}</dd>
    </div>
  );
}

export function StatTiles({ metrics }: { metrics: DashboardMetrics }) {
  const { totals, resolvedWithoutHuman, handoff, fallback, csat, timeToFirstTextMs } = metrics;
  const ofConversations = (count: number) => `${whole.format(count)} of ${counted(totals.conversations, 'conversation')}`;
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Tile
        label="Conversations"
        value={whole.format(totals.conversations)}
        hint={counted(totals.messages, 'message')}
        testId="metric-conversations"
      />
      <Tile
        label="Resolved without a human"
        value={formatShare(resolvedWithoutHuman.share)}
        hint={ofConversations(resolvedWithoutHuman.conversations)}
        testId="metric-resolved"
      />
      <Tile
        label="Hand-off rate"
        value={formatShare(handoff.rate)}
        hint={ofConversations(handoff.conversations)}
        testId="metric-handoff"
      />
      <Tile
        label="Answered by the built-in engine"
        value={formatShare(fallback.share)}
        hint={`${whole.format(fallback.messages)} of ${counted(totals.assistantMessages, 'assistant answer')}`}
        testId="metric-fallback"
      />
      <Tile
        label="Satisfaction (CSAT)"
        value={csat.average === null ? null : `${csat.average.toFixed(2)} / 5`}
        hint={counted(csat.ratings, 'rating')}
        testId="metric-csat"
      />
      <Tile
        label="Time to first text, median"
        value={formatMs(timeToFirstTextMs.p50)}
        hint={`p50 over ${counted(timeToFirstTextMs.measured, 'answer')}`}
        testId="metric-ttft-p50"
      />
      <Tile
        label="Time to first text, slowest 5%"
        value={formatMs(timeToFirstTextMs.p95)}
        hint={`p95 over ${counted(timeToFirstTextMs.measured, 'answer')}`}
        testId="metric-ttft-p95"
      />
    </dl>
  );
}

/** A chart with its caption, a one-sentence summary it is described by, and its numbers as a table. */
function ChartFigure({
  id,
  title,
  summary,
  testId,
  children,
}: {
  /** Prefix of the caption's and the summary's element ids (one figure of each kind per page). */
  id: string;
  title: string;
  summary: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <figure
      className={`${card} space-y-3`}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      data-testid={testId}
    >
      <figcaption id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </figcaption>
      <p id={`${id}-summary`} className="text-sm text-slate-600">
        {summary}
      </p>
      {children}
    </figure>
  );
}

const cell = 'px-3 py-2 text-right tabular-nums';
const headCell = 'px-3 py-2 text-right font-medium';

export function ConversationsPerDay({ metrics }: { metrics: DashboardMetrics }) {
  const { perDay, totals, range } = metrics;
  const busiest = perDay.reduce<(typeof perDay)[number] | null>(
    (top, day) => (day.conversations > (top?.conversations ?? 0) ? day : top),
    null,
  );
  const summary = `${counted(totals.conversations, 'conversation')} started over ${counted(range.days, 'day')}${
    busiest ? `; the busiest day was ${busiest.day} with ${whole.format(busiest.conversations)}` : ''
  }.`;
  return (
    <ChartFigure title="Conversations per day" id="per-day" summary={summary} testId="chart-per-day">
      <ConversationsPerDayChart days={perDay} description={summary} />
      <details className="text-sm">
        <summary className={`cursor-pointer font-medium text-blue-800 ${focusRing}`}>Show the numbers per day</summary>
        <div className="mt-2">
          <table className="w-full">
            <caption className="sr-only">Conversations per day ({range.timezone})</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  Day
                </th>
                <th scope="col" className={headCell}>
                  Conversations
                </th>
                <th scope="col" className={headCell}>
                  Handed off to staff
                </th>
              </tr>
            </thead>
            <tbody>
              {perDay.map((day) => (
                <tr key={day.day} className="border-b border-slate-100">
                  <th scope="row" className="px-3 py-2 text-left font-normal tabular-nums">
                    {day.day}
                  </th>
                  <td className={cell}>{whole.format(day.conversations)}</td>
                  <td className={cell}>{whole.format(day.handedOff)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </ChartFigure>
  );
}

export function ToolCalls({ metrics }: { metrics: DashboardMetrics }) {
  const { tools, totals } = metrics;
  const failed = tools.reduce((sum, tool) => sum + tool.failed, 0);
  const summary =
    tools.length === 0
      ? 'No tool calls in these conversations.'
      : `${counted(totals.toolCalls, 'tool call')} to ${counted(tools.length, 'tool')}, ${whole.format(failed)} failed or invalid; the table below has each tool’s numbers.`;
  return (
    <ChartFigure title="Tool calls and errors per tool" id="tools" summary={summary} testId="chart-tools">
      {tools.length > 0 && (
        <>
          <ToolCallsChart tools={tools} description={summary} />
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="tool-table">
              <caption className="sr-only">Tool calls per tool</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium">
                    Tool
                  </th>
                  <th scope="col" className={headCell}>
                    Calls
                  </th>
                  <th scope="col" className={headCell}>
                    Failed or invalid
                  </th>
                  <th scope="col" className={headCell}>
                    Error rate
                  </th>
                  <th scope="col" className={headCell}>
                    Duration p50
                  </th>
                  <th scope="col" className={headCell}>
                    Duration p95
                  </th>
                </tr>
              </thead>
              <tbody>
                {tools.map((tool) => (
                  <tr key={tool.tool} className="border-b border-slate-100">
                    <th scope="row" className="px-3 py-2 text-left font-mono font-normal">
                      {tool.tool}
                    </th>
                    <td className={cell}>{whole.format(tool.calls)}</td>
                    <td className={cell}>{whole.format(tool.failed)}</td>
                    <td className={cell}>{formatShare(tool.errorRate)}</td>
                    <td className={cell}>{formatMs(tool.durationMs.p50) ?? 'not run'}</td>
                    <td className={cell}>{formatMs(tool.durationMs.p95) ?? 'not run'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ChartFigure>
  );
}
