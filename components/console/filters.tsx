'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';
import type { ConversationStatus } from '@/lib/db/generated/enums';
import { STATUS_LABELS } from './conversation-list-format';

/** The URL's filter values, as the query string gives them (several for repeatable ones). */
export type FilterValues = Partial<Record<string, string[]>>;

const STATUSES = Object.keys(STATUS_LABELS) as ConversationStatus[];

const field =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';

/**
 * The list's filters as a GET form on /console: the URL holds the view (shareable, reloadable), and
 * without JavaScript the form still works. Chips and menus apply at once; text and dates on Enter
 * or Apply.
 */
export function ConversationFilters({ values, tools }: { values: FilterValues; tools: readonly string[] }) {
  const router = useRouter();
  const first = (name: string) => values[name]?.[0] ?? '';

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim() !== '') params.append(name, value.trim());
    }
    const query = params.toString();
    router.push(query ? `/console?${query}` : '/console');
  }

  const applyNow = (event: { currentTarget: { form: HTMLFormElement | null } }) => event.currentTarget.form?.requestSubmit();

  return (
    <form
      method="get"
      action="/console"
      onSubmit={apply}
      aria-label="Filter conversations"
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="filter-q" className="block text-sm font-medium text-slate-700">
            Search messages
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={first('q')}
            placeholder="A word in any message, e.g. 退款 or refund"
            maxLength={200}
            data-testid="search-input"
            className={field}
          />
        </div>
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          Apply
        </button>
        <Link
          href="/console"
          className="rounded-md px-3 py-1.5 text-sm font-medium text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
        >
          Clear filters
        </Link>
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Status</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {STATUSES.map((status) => (
            <label key={status} className="cursor-pointer">
              <input
                type="checkbox"
                name="status"
                value={status}
                defaultChecked={values.status?.includes(status) ?? false}
                onChange={applyNow}
                className="peer sr-only"
              />
              <span className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 peer-checked:border-slate-900 peer-checked:bg-slate-900 peer-checked:text-white peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-700">
                {STATUS_LABELS[status]}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Field label="Active from" id="filter-from">
          <input id="filter-from" name="from" type="date" defaultValue={first('from')} className={field} />
        </Field>
        <Field label="Active until" id="filter-to">
          <input id="filter-to" name="to" type="date" defaultValue={first('to')} className={field} />
        </Field>
        <Field label="Shopper" id="filter-shopper">
          <select id="filter-shopper" name="shopper" defaultValue={first('shopper')} onChange={applyNow} className={field}>
            <option value="">Anyone</option>
            <option value="signed_in">Signed in</option>
            <option value="anonymous">Anonymous</option>
          </select>
        </Field>
        <Field label="Customer id" id="filter-customer">
          <input id="filter-customer" name="customerId" defaultValue={first('customerId')} className={field} />
        </Field>
        <Field label="Rating" id="filter-rating">
          <select id="filter-rating" name="rating" defaultValue={first('rating')} onChange={applyNow} className={field}>
            <option value="">Any</option>
            {[5, 4, 3, 2, 1].map((stars) => (
              <option key={stars} value={stars}>
                {stars} {stars === 1 ? 'star' : 'stars'}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Rating at least" id="filter-min-rating">
          <select id="filter-min-rating" name="minRating" defaultValue={first('minRating')} onChange={applyNow} className={field}>
            <option value="">Any</option>
            {[4, 3, 2].map((stars) => (
              <option key={stars} value={stars}>
                {stars} stars
              </option>
            ))}
          </select>
        </Field>
        <Field label="Tool used" id="filter-tool">
          <select id="filter-tool" name="tool" defaultValue={first('tool')} onChange={applyNow} className={field}>
            <option value="">Any</option>
            {tools.map((tool) => (
              <option key={tool} value={tool}>
                {tool}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Errors" id="filter-error">
          <select id="filter-error" name="hadError" defaultValue={first('hadError')} onChange={applyNow} className={field}>
            <option value="">Any</option>
            <option value="true">Had an error</option>
            <option value="false">No errors</option>
          </select>
        </Field>
        <Field label="Built-in engine" id="filter-fallback">
          <select
            id="filter-fallback"
            name="usedFallback"
            defaultValue={first('usedFallback')}
            onChange={applyNow}
            className={field}
          >
            <option value="">Any</option>
            <option value="true">Answered by it</option>
            <option value="false">Not used</option>
          </select>
        </Field>
        <Field label="Label" id="filter-label">
          <input id="filter-label" name="label" defaultValue={first('label')} className={field} />
        </Field>
      </div>
    </form>
  );
}

function Field({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}
