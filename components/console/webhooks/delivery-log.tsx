'use client';

import { Fragment, useId, useState } from 'react';
import type { DeliveryView } from '@/lib/webhooks/endpoints';
import { formatTime } from '../transcript-format';
import { attemptOutcome, DELIVERY_STATUS, formatDuration } from './format';
import { alertText, secondaryButton } from './styles';

const smallButton = `${secondaryButton.replace('px-3 py-1.5', 'px-2 py-1')} whitespace-nowrap`;

/**
 * An endpoint's newest deliveries, newest first: status (colour and word), event, attempts, the last
 * answer, when it was last tried and (pending) when it will be next; each opens its attempts and
 * can be sent again.
 */
export function DeliveryLog({
  deliveries,
  problem,
  timeZone,
  onRedeliver,
}: {
  /** Undefined until the first read. */
  deliveries: DeliveryView[] | undefined;
  problem: string | null;
  timeZone: string;
  /** Null when queued again, else the API's message. */
  onRedeliver: (delivery: DeliveryView) => Promise<string | null>;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const id = useId();

  function toggle(deliveryId: string) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(deliveryId)) next.delete(deliveryId);
      else next.add(deliveryId);
      return next;
    });
  }

  async function redeliver(delivery: DeliveryView) {
    setPending(delivery.id);
    setResult(null);
    const problem = await onRedeliver(delivery);
    setPending(null);
    setResult(
      problem === null
        ? { ok: true, message: `Delivery of ${delivery.eventId} queued again; it is sent within a few seconds.` }
        : { ok: false, message: problem },
    );
  }

  const time = (iso: string | null) => (iso ? <time dateTime={iso}>{formatTime(iso, timeZone)}</time> : null);

  return (
    <div className="space-y-2">
      <p role="alert" className={alertText}>
        {problem ?? (result && !result.ok ? result.message : null)}
      </p>
      <p role="status" className="text-sm text-slate-700 empty:hidden">
        {result?.ok ? result.message : null}
      </p>
      {deliveries === undefined ? (
        <p className="text-sm text-slate-600">Loading the delivery log…</p>
      ) : deliveries.length === 0 ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600 ring-1 ring-slate-200" data-testid="no-deliveries">
          No deliveries yet. Send a test event to try the endpoint.
        </p>
      ) : (
        <div className="relative overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className="w-full min-w-[56rem] text-left text-sm" data-testid="delivery-log">
            <caption className="sr-only">Deliveries to this endpoint, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                {['Status', 'Event', 'Attempts', 'Last response', 'Last attempt', 'Next attempt'].map((heading) => (
                  <th key={heading} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                    {heading}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((delivery) => {
                const status = DELIVERY_STATUS[delivery.status];
                const expanded = open.has(delivery.id);
                const attemptsId = `${id}-attempts-${delivery.id}`;
                return (
                  <Fragment key={delivery.id}>
                    <tr data-testid="delivery-row" data-status={delivery.status} data-event-id={delivery.eventId}>
                      <td className="px-3 py-2 align-top">
                        <span
                          title={status.hint}
                          data-testid="delivery-status"
                          className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${status.badge}`}
                        >
                          {status.label}
                        </span>
                      </td>
                      <td className="px-3 py-2 align-top">
                        <div className="font-mono text-slate-900">{delivery.eventType}</div>
                        <div className="font-mono text-xs whitespace-nowrap text-slate-600" data-testid="delivery-event-id">
                          {delivery.eventId}
                        </div>
                      </td>
                      <td className="px-3 py-2 align-top tabular-nums">{delivery.attempts}</td>
                      <td className="px-3 py-2 align-top font-mono" data-testid="delivery-last-response">
                        {delivery.attempts === 0 ? (
                          <span className="font-sans text-slate-500">Not tried yet</span>
                        ) : (
                          attemptOutcome({ statusCode: delivery.lastStatusCode, error: delivery.lastError })
                        )}
                      </td>
                      <td className="px-3 py-2 align-top">{time(delivery.lastAttemptAt) ?? '—'}</td>
                      <td className="px-3 py-2 align-top">
                        {delivery.status === 'pending' ? time(delivery.nextAttemptAt) : '—'}
                      </td>
                      <td className="px-3 py-2 align-top">
                        <div className="flex justify-end gap-2">
                          <button
                            type="button"
                            aria-label={`${expanded ? 'Hide attempts' : 'Attempts'} of ${delivery.eventId}`}
                            aria-expanded={expanded}
                            aria-controls={attemptsId}
                            disabled={delivery.log.length === 0}
                            onClick={() => toggle(delivery.id)}
                            className={smallButton}
                          >
                            {expanded ? 'Hide attempts' : 'Attempts'}
                          </button>
                          <button
                            type="button"
                            aria-label={`Redeliver ${delivery.eventId}`}
                            disabled={pending !== null}
                            onClick={() => void redeliver(delivery)}
                            className={smallButton}
                          >
                            {pending === delivery.id ? 'Queuing…' : 'Redeliver'}
                          </button>
                        </div>
                      </td>
                    </tr>
                    <tr id={attemptsId} hidden={!expanded} className="bg-slate-50">
                      <td colSpan={7} className="px-3 py-2">
                        {expanded && (
                          <ol
                            className="space-y-1"
                            aria-label={`Attempts to deliver ${delivery.eventId}`}
                            data-testid="attempt-log"
                          >
                            {delivery.log.map((attempt) => (
                              <li
                                key={attempt.number}
                                data-testid="attempt"
                                data-status-code={attempt.statusCode ?? ''}
                                className="flex flex-wrap gap-x-4 text-xs text-slate-700"
                              >
                                <span className="font-medium text-slate-900">Attempt {attempt.number}</span>
                                <time dateTime={attempt.at}>{formatTime(attempt.at, timeZone)}</time>
                                <span className={`font-mono ${attempt.error === null ? 'text-emerald-800' : 'text-red-800'}`}>
                                  {attemptOutcome(attempt)}
                                </span>
                                <span>{formatDuration(attempt.durationMs)}</span>
                              </li>
                            ))}
                          </ol>
                        )}
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
