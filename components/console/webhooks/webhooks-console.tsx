'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeliveryView, EndpointView } from '@/lib/webhooks/endpoints';
import { DEFAULT_EVENT_TYPES } from '@/lib/webhooks/events';
import { formatTime } from '../transcript-format';
import * as api from './api';
import { EndpointCard } from './endpoint-card';
import { EndpointForm } from './endpoint-form';
import type { RevealedSecret } from './secret-box';
import { alertText, card, primaryButton, secondaryButton } from './styles';

/** How often the page re-reads the endpoints and their logs while it is visible. */
export const POLL_MS = 5_000;

export interface WebhooksConsoleProps {
  initialEndpoints: EndpointView[];
  /** Each endpoint's log as the server read it. */
  initialDeliveries: Record<string, DeliveryView[]>;
  /** The store's time zone: every time on the page is written in it. */
  timeZone: string;
  /** When the server read the above. */
  renderedAt: string;
  pollMs?: number;
}

/**
 * /console/webhooks for administrators: the endpoints, adding one, and per endpoint its actions and
 * delivery log. Everything is re-read after each action, on Refresh, and every few seconds while
 * the tab is visible.
 */
export function WebhooksConsole({
  initialEndpoints,
  initialDeliveries,
  timeZone,
  renderedAt,
  pollMs = POLL_MS,
}: WebhooksConsoleProps) {
  const [endpoints, setEndpoints] = useState(initialEndpoints);
  const [deliveries, setDeliveries] = useState<Record<string, DeliveryView[]>>(initialDeliveries);
  const [logProblems, setLogProblems] = useState<Record<string, string>>({});
  const [listProblem, setListProblem] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState(renderedAt);
  const [refreshing, setRefreshing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  // Answers to a read overtaken by a newer one are dropped; polls skip while a read is running.
  const latestRead = useRef(0);
  const reading = useRef(0);

  const refresh = useCallback(async (): Promise<boolean> => {
    const read = ++latestRead.current;
    reading.current += 1;
    try {
      const list = await api.fetchEndpoints();
      const logs = await Promise.all(
        list.map((endpoint) =>
          api.fetchDeliveries(endpoint.id).then(
            (rows) => ({ id: endpoint.id, rows, problem: null }),
            (error: unknown) => ({ id: endpoint.id, rows: null, problem: api.problemOf(error) }),
          ),
        ),
      );
      if (read !== latestRead.current) return true;
      setEndpoints(list);
      setDeliveries((shown) => {
        const next: Record<string, DeliveryView[]> = {};
        for (const log of logs) {
          const rows = log.rows ?? shown[log.id];
          if (rows) next[log.id] = rows;
        }
        return next;
      });
      const problems: Record<string, string> = {};
      for (const log of logs) if (log.problem) problems[log.id] = log.problem;
      setLogProblems(problems);
      setListProblem(null);
      setUpdatedAt(new Date().toISOString());
      return true;
    } catch (error) {
      if (read === latestRead.current) setListProblem(api.problemOf(error));
      return false;
    } finally {
      reading.current -= 1;
    }
  }, []);

  useEffect(() => {
    const poll = () => {
      if (document.visibilityState === 'visible' && reading.current === 0) void refresh();
    };
    const timer = setInterval(poll, pollMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [refresh, pollMs]);

  async function refreshNow() {
    setRefreshing(true);
    setAnnouncement('');
    const ok = await refresh();
    setRefreshing(false);
    if (ok) setAnnouncement('Endpoints and delivery logs refreshed.');
  }

  async function add(input: api.EndpointInput): Promise<string | null> {
    let created: Awaited<ReturnType<typeof api.createEndpoint>>;
    try {
      created = await api.createEndpoint(input);
    } catch (error) {
      return api.problemOf(error);
    }
    const { endpoint, secret } = created;
    setEndpoints((shown) => [...shown.filter((one) => one.id !== endpoint.id), endpoint]);
    setDeliveries((shown) => ({ ...shown, [endpoint.id]: [] }));
    setAdding(false);
    setRevealed({ endpointId: endpoint.id, secret, kind: 'created', previousSecretExpiresAt: null });
    setAnnouncement(`Endpoint ${endpoint.url} added. Copy its signing secret now: it is shown only once.`);
    void refresh();
    return null;
  }

  function deleted(endpoint: EndpointView) {
    setEndpoints((shown) => shown.filter((one) => one.id !== endpoint.id));
    setRevealed((current) => (current?.endpointId === endpoint.id ? null : current));
    setAnnouncement(`Endpoint ${endpoint.url} deleted.`);
    headingRef.current?.focus();
    void refresh();
  }

  return (
    <main className="mx-auto max-w-7xl space-y-6 p-4 sm:p-8">
      <header className="space-y-2">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
          Webhooks
        </h1>
        <p className="max-w-3xl text-slate-600">
          Tell the shop’s other systems what happens here: each endpoint gets a signed <code className="font-mono">POST</code> for
          every event it subscribes to, retried for up to 3 days until it answers 2xx. Times are in {timeZone}.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <button
            ref={addRef}
            type="button"
            aria-expanded={adding}
            aria-controls={adding ? 'add-endpoint' : undefined}
            onClick={() => setAdding(true)}
            disabled={adding}
            className={primaryButton}
          >
            Add endpoint
          </button>
          <button type="button" onClick={() => void refreshNow()} disabled={refreshing} className={secondaryButton}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
          <p className="text-sm text-slate-600" data-testid="updated-at">
            Updated <time dateTime={updatedAt}>{formatTime(updatedAt, timeZone)}</time> · refreshes every{' '}
            {Math.round(pollMs / 1000)} s
          </p>
        </div>
        <p role="status" className="text-sm text-emerald-800 empty:hidden" data-testid="page-result">
          {announcement}
        </p>
        <p role="alert" className={alertText}>
          {listProblem}
        </p>
      </header>

      {adding && (
        <section id="add-endpoint" aria-labelledby="add-endpoint-heading" className={`${card} space-y-3`}>
          <h2 id="add-endpoint-heading" className="text-lg font-semibold">
            Add endpoint
          </h2>
          <EndpointForm
            initial={{ url: '', description: '', events: [...DEFAULT_EVENT_TYPES] }}
            submitLabel="Add endpoint"
            pendingLabel="Adding…"
            onSubmit={add}
            onCancel={() => {
              setAdding(false);
              requestAnimationFrame(() => addRef.current?.focus());
            }}
          />
        </section>
      )}

      {endpoints.length === 0 ? (
        <p
          className="rounded-lg bg-white p-6 text-center text-slate-600 shadow-sm ring-1 ring-slate-200"
          data-testid="no-endpoints"
        >
          No endpoints yet. Add one to start sending events to the shop’s systems.
        </p>
      ) : (
        <ul className="space-y-6" aria-label="Endpoints">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id}>
              <EndpointCard
                endpoint={endpoint}
                deliveries={deliveries[endpoint.id]}
                logProblem={logProblems[endpoint.id] ?? null}
                timeZone={timeZone}
                revealed={revealed?.endpointId === endpoint.id ? revealed : null}
                onReveal={setRevealed}
                onDismissSecret={() => setRevealed(null)}
                onChanged={async () => {
                  await refresh();
                }}
                onDeleted={deleted}
              />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
