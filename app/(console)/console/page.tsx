import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/console/sign-out-button';
import { signedInStaff } from '@/lib/auth/staff-page';

export default async function ConsolePage() {
  const staff = await signedInStaff();
  if (!staff) redirect('/console/login');
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-4 sm:p-8">
      <header className="flex items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Staff console</h1>
          <p className="text-slate-600" data-testid="signed-in-as">
            Signed in as <span className="font-medium text-slate-900">{staff.name}</span> ({staff.role})
          </p>
        </div>
        <SignOutButton />
      </header>
      <p className="rounded-lg bg-white p-4 text-slate-600 shadow-sm ring-1 ring-slate-200">
        The conversation list is not built yet.
      </p>
    </main>
  );
}
