import { connection } from 'next/server';
import { getStoreOverview } from '@/lib/store/overview';
import { startStore } from '@/lib/store/startup';

export default async function HomePage() {
  await connection(); // always live data, never prerendered at build time
  const db = await startStore();
  const overview = await getStoreOverview(db.prisma);

  return (
    <main className="mx-auto max-w-3xl space-y-6 p-8">
      <header className="space-y-1">
        <p className="text-sm text-slate-500">AI customer service</p>
        <h1 className="text-3xl font-semibold" data-testid="store-name">
          {overview?.name ?? 'No store loaded'}
        </h1>
        <p className="text-slate-600">
          Database: <span data-testid="database-kind">{db.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}</span>
        </p>
      </header>
      {overview ? (
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5" data-testid="store-counts">
          {Object.entries(overview.counts).map(([label, count]) => (
            <div key={label} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <dt className="text-sm capitalize text-slate-500">{label}</dt>
              <dd className="text-2xl font-semibold tabular-nums" data-testid={`count-${label}`}>
                {count.toLocaleString('en-US')}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>
          Import a store with <code>npm run db:import -- store.json</code>, or load the demo store with{' '}
          <code>npm run db:seed</code>.
        </p>
      )}
      {overview && (
        <p className="text-sm text-slate-500">
          {overview.currency} · {overview.locale} · {overview.timezone}
        </p>
      )}
    </main>
  );
}
