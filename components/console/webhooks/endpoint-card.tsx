'use client';

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { DeliveryView, EndpointView } from '@/lib/webhooks/endpoints';
import { formatTime } from '../transcript-format';
import * as api from './api';
import { DeliveryLog } from './delivery-log';
import { EndpointForm } from './endpoint-form';
import { OPT_IN_EVENT_TYPES } from './format';
import { type RevealedSecret, SecretBox } from './secret-box';
import { alertText, card, dangerButton, dangerOutlineButton, field, primaryButton, secondaryButton } from './styles';

export const DEFAULT_OVERLAP_HOURS = 24;
const MAX_OVERLAP_HOURS = 7 * 24;

type Action = 'enable' | 'test' | 'rotate' | 'delete' | 'edit';

export interface EndpointCardProps {
  endpoint: EndpointView;
  deliveries: DeliveryView[] | undefined;
  logProblem: string | null;
  timeZone: string;
  /** The secret to show once, when this endpoint's was just made. */
  revealed: RevealedSecret | null;
  onReveal: (revealed: RevealedSecret) => void;
  onDismissSecret: () => void;
  /** Re-reads the endpoints and their logs. */
  onChanged: () => Promise<void>;
  onDeleted: (endpoint: EndpointView) => void;
}

/** One endpoint: what it is and gets, its actions (edit, enable, rotate, test, delete) and its delivery log. */
export function EndpointCard({
  endpoint,
  deliveries,
  logProblem,
  timeZone,
  revealed,
  onReveal,
  onDismissSecret,
  onChanged,
  onDeleted,
}: EndpointCardProps) {
  const [editing, setEditing] = useState(false);
  const [panel, setPanel] = useState<'rotate' | 'delete' | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const rotateRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);

  /** Runs one action: its button shows it working, and its outcome is announced here. */
  async function run(action: Action, work: () => Promise<string>): Promise<boolean> {
    setBusy(action);
    setResult(null);
    try {
      const message = await work();
      setResult({ ok: true, message });
      return true;
    } catch (error) {
      setResult({ ok: false, message: api.problemOf(error) });
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function save(input: api.EndpointInput): Promise<string | null> {
    try {
      await api.updateEndpoint(endpoint.id, input);
    } catch (error) {
      return api.problemOf(error);
    }
    setEditing(false);
    setResult({ ok: true, message: 'Changes saved.' });
    requestAnimationFrame(() => editRef.current?.focus());
    await onChanged();
    return null;
  }

  const toggleEnabled = () =>
    run('enable', async () => {
      const enabled = !endpoint.enabled;
      await api.updateEndpoint(endpoint.id, { enabled });
      await onChanged();
      return enabled
        ? 'Endpoint enabled: new events are sent to it again.'
        : 'Endpoint disabled: no new events are queued for it.';
    });

  const sendTest = () =>
    run('test', async () => {
      const { eventId } = await api.sendTestEvent(endpoint.id);
      await onChanged();
      return `Test event ${eventId} queued; its delivery shows in the log below.`;
    });

  const rotate = (overlapHours: number) =>
    run('rotate', async () => {
      const { secret, previousSecretExpiresAt } = await api.rotateSecret(endpoint.id, overlapHours);
      setPanel(null);
      onReveal({ endpointId: endpoint.id, secret, kind: 'rotated', previousSecretExpiresAt });
      await onChanged();
      return 'Secret rotated. Copy the new one now.';
    });

  const remove = () =>
    run('delete', async () => {
      await api.deleteEndpoint(endpoint.id);
      onDeleted(endpoint);
      return 'Deleted.';
    });

  const closePanel = (returnTo: HTMLButtonElement | null) => {
    setPanel(null);
    requestAnimationFrame(() => returnTo?.focus());
  };

  const previousSecretUntil =
    endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt).getTime() > Date.now()
      ? endpoint.previousSecretExpiresAt
      : null;

  return (
    <article
      aria-labelledby={`${id}-heading`}
      data-testid="endpoint"
      data-endpoint-id={endpoint.id}
      className={`${card} space-y-4 ${endpoint.enabled ? '' : 'bg-slate-50'}`}
    >
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 flex-1 space-y-1">
          <h2
            id={`${id}-heading`}
            ref={headingRef}
            tabIndex={-1}
            className="font-mono text-base font-semibold break-all text-slate-900 focus:outline-none"
          >
            {endpoint.url}
          </h2>
          <p className="text-sm text-slate-700">
            {endpoint.description || <span className="text-slate-500 italic">No description</span>}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <span
            data-testid="endpoint-state"
            className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${
              endpoint.enabled ? 'bg-emerald-100 text-emerald-900 ring-emerald-300' : 'bg-slate-200 text-slate-800 ring-slate-300'
            }`}
          >
            {endpoint.enabled ? 'Enabled' : 'Disabled'}
          </span>
          <button
            type="button"
            role="switch"
            aria-checked={endpoint.enabled}
            aria-describedby={`${id}-switch-hint`}
            disabled={busy !== null}
            onClick={() => void toggleEnabled()}
            className="inline-flex items-center gap-2 rounded-md px-1 py-1 text-sm font-medium text-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60"
          >
            <span
              aria-hidden="true"
              className={`inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors ${endpoint.enabled ? 'bg-emerald-600' : 'bg-slate-400'}`}
            >
              <span
                className={`size-4 rounded-full bg-white shadow transition-transform ${
                  endpoint.enabled ? 'translate-x-4.5' : 'translate-x-0.5'
                }`}
              />
            </span>
            Send events
          </button>
          <span id={`${id}-switch-hint`} className="sr-only">
            When off, no new events are queued for this endpoint.
          </span>
        </div>
      </header>

      {revealed && (
        <SecretBox
          key={revealed.secret}
          revealed={revealed}
          timeZone={timeZone}
          onDismiss={() => {
            onDismissSecret();
            requestAnimationFrame(() => headingRef.current?.focus());
          }}
        />
      )}

      {editing ? (
        <section aria-labelledby={`${id}-edit-heading`} className="rounded-md p-3 ring-1 ring-blue-200">
          <h3 id={`${id}-edit-heading`} className="mb-3 text-base font-semibold">
            Edit endpoint
          </h3>
          <EndpointForm
            initial={{ url: endpoint.url, description: endpoint.description, events: endpoint.events }}
            submitLabel="Save changes"
            pendingLabel="Saving…"
            onSubmit={save}
            onCancel={() => {
              setEditing(false);
              requestAnimationFrame(() => editRef.current?.focus());
            }}
          />
        </section>
      ) : (
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-700">Events</dt>
          <dd>
            <ul className="flex flex-wrap gap-1" aria-label="Events sent" data-testid="endpoint-events">
              {endpoint.events.map((type) => (
                <li
                  key={type}
                  className={`rounded px-1.5 py-0.5 font-mono text-xs ring-1 ${
                    OPT_IN_EVENT_TYPES.includes(type) ? 'bg-violet-50 ring-violet-200' : 'bg-slate-100 ring-slate-200'
                  }`}
                >
                  {type}
                </li>
              ))}
            </ul>
          </dd>
          <dt className="font-medium text-slate-700">Created</dt>
          <dd>
            <time dateTime={endpoint.createdAt}>{formatTime(endpoint.createdAt, timeZone)}</time>
          </dd>
          {previousSecretUntil && (
            <>
              <dt className="font-medium text-slate-700">Rotation</dt>
              <dd>
                The previous secret also signs requests until{' '}
                <time dateTime={previousSecretUntil}>{formatTime(previousSecretUntil, timeZone)}</time>.
              </dd>
            </>
          )}
        </dl>
      )}

      <div className="flex flex-wrap gap-2">
        <button
          ref={editRef}
          type="button"
          disabled={editing || busy !== null}
          onClick={() => {
            setPanel(null);
            setEditing(true);
          }}
          className={secondaryButton}
        >
          Edit
        </button>
        <button
          ref={rotateRef}
          type="button"
          aria-expanded={panel === 'rotate'}
          aria-controls={panel === 'rotate' ? `${id}-rotate` : undefined}
          disabled={busy !== null}
          onClick={() => (panel === 'rotate' ? closePanel(rotateRef.current) : setPanel('rotate'))}
          className={secondaryButton}
        >
          Rotate secret
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void sendTest()} className={primaryButton}>
          {busy === 'test' ? 'Sending…' : 'Send test event'}
        </button>
        <button
          ref={deleteRef}
          type="button"
          aria-expanded={panel === 'delete'}
          aria-controls={panel === 'delete' ? `${id}-delete` : undefined}
          disabled={busy !== null}
          onClick={() => (panel === 'delete' ? closePanel(deleteRef.current) : setPanel('delete'))}
          className={dangerOutlineButton}
        >
          Delete
        </button>
      </div>

      {panel === 'rotate' && (
        <RotatePanel
          id={`${id}-rotate`}
          busy={busy === 'rotate'}
          onRotate={(hours) => void rotate(hours)}
          onCancel={() => closePanel(rotateRef.current)}
        />
      )}
      {panel === 'delete' && (
        <DeletePanel
          id={`${id}-delete`}
          url={endpoint.url}
          busy={busy === 'delete'}
          onDelete={() => void remove()}
          onCancel={() => closePanel(deleteRef.current)}
        />
      )}

      <p role="status" className="text-sm text-emerald-800 empty:hidden" data-testid="endpoint-result">
        {result?.ok ? result.message : null}
      </p>
      <p role="alert" className={alertText} data-testid="endpoint-error">
        {result && !result.ok ? result.message : null}
      </p>

      <section aria-labelledby={`${id}-log-heading`} className="space-y-2">
        <h3 id={`${id}-log-heading`} className="text-base font-semibold">
          Delivery log <span className="text-sm font-normal text-slate-600">(newest 50)</span>
        </h3>
        <DeliveryLog
          deliveries={deliveries}
          problem={logProblem}
          timeZone={timeZone}
          onRedeliver={async (delivery) => {
            try {
              await api.redeliver(delivery.id);
            } catch (error) {
              return api.problemOf(error);
            }
            await onChanged();
            return null;
          }}
        />
      </section>
    </article>
  );
}

function RotatePanel({
  id,
  busy,
  onRotate,
  onCancel,
}: {
  id: string;
  busy: boolean;
  onRotate: (overlapHours: number) => void;
  onCancel: () => void;
}) {
  const [hours, setHours] = useState(String(DEFAULT_OVERLAP_HOURS));
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = Number(hours);
    if (hours.trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_OVERLAP_HOURS) {
      setProblem(`Enter a number of hours from 0 to ${MAX_OVERLAP_HOURS}.`);
      return;
    }
    setProblem(null);
    onRotate(value);
  }

  return (
    <form
      id={id}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      noValidate
      aria-label="Rotate the signing secret"
      className="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
    >
      <p className="text-sm text-slate-700">
        A new secret is made and shown once. During the overlap every request carries a signature with each secret, so the
        receiver can switch to the new one without missing a request.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${id}-hours`} className="block text-sm font-medium text-slate-700">
            Old secret keeps working for (hours)
          </label>
          <input
            ref={inputRef}
            id={`${id}-hours`}
            type="number"
            min={0}
            max={MAX_OVERLAP_HOURS}
            step={1}
            value={hours}
            onChange={(event) => setHours(event.target.value)}
            aria-describedby={`${id}-hours-hint${problem ? ` ${id}-problem` : ''}`}
            aria-invalid={problem ? true : undefined}
            className={`${field} w-32`}
          />
        </div>
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? 'Rotating…' : 'Rotate now'}
        </button>
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
      </div>
      <p id={`${id}-hours-hint`} className="text-xs text-slate-600">
        0 retires the old secret at once; at most {MAX_OVERLAP_HOURS} (7 days).
      </p>
      <p id={`${id}-problem`} role="alert" className={alertText}>
        {problem}
      </p>
    </form>
  );
}

function DeletePanel({
  id,
  url,
  busy,
  onDelete,
  onCancel,
}: {
  id: string;
  url: string;
  busy: boolean;
  onDelete: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <fieldset
      id={id}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      className="space-y-2 rounded-md bg-red-50 p-3 ring-1 ring-red-200"
    >
      <legend className="sr-only">Delete this endpoint?</legend>
      <p className="text-sm text-red-950">
        Delete <span className="font-mono break-all">{url}</span>? No more events are sent to it and its delivery log is deleted
        with it. This cannot be undone.
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={busy} onClick={onDelete} className={dangerButton}>
          {busy ? 'Deleting…' : 'Delete endpoint'}
        </button>
        <button ref={cancelRef} type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
