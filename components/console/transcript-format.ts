/**
 * How the transcript page writes times and amounts. Times are in the store's time zone so the
 * server's render and the browser's agree (and staff in other zones read the shop's clock).
 */
export function formatTime(iso: string, timeZone: string | null): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...(timeZone && { timeZone }),
  }).format(new Date(iso));
}

export function formatAmount(total: string, currency: string | null): string {
  const amount = Number(total);
  if (!currency || !Number.isFinite(amount)) return total;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const STATUS_LABEL = {
  bot: 'Bot answering',
  waiting_human: 'Waiting for a person',
  human: 'With a person',
  closed: 'Closed',
} as const;

/** Button styles shared by the page's controls (as on the sign-in page). */
export const primaryButton =
  'rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60';
export const secondaryButton =
  'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60';
export const field =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';
export const card = 'rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';
