import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/console/login-form';
import { signedInStaff } from '@/lib/auth/staff-page';

export const metadata: Metadata = { title: 'Sign in' };

export default async function ConsoleLoginPage() {
  if (await signedInStaff()) redirect('/console');
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <header className="space-y-1">
          <h1 className="text-2xl font-semibold">Staff console</h1>
          <p className="text-sm text-slate-600">Sign in with your staff account.</p>
        </header>
        <LoginForm />
      </div>
    </main>
  );
}
