import Link from 'next/link';

/** What a member of staff who is not an administrator gets at /console/webhooks. */
export function AdminsOnly() {
  return (
    <main className="mx-auto max-w-3xl space-y-4 p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Webhooks</h1>
      <div className="space-y-2 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" data-testid="admins-only">
        <p className="font-medium text-slate-900">Only administrators can manage webhooks.</p>
        <p className="text-slate-700">
          Webhook endpoints and their signing secrets connect the shop’s other systems, so they are an administrator’s decision.
          Ask an administrator if an endpoint needs adding or changing.
        </p>
        <p>
          <Link href="/console" className="font-medium text-blue-800 underline-offset-2 hover:underline">
            Back to the conversations
          </Link>
        </p>
      </div>
    </main>
  );
}
