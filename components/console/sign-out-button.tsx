'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { OFFLINE_MESSAGE, signOut } from './api';

export function SignOutButton() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function leave() {
    setPending(true);
    setError(null);
    let problem: string | null;
    try {
      problem = await signOut();
    } catch {
      problem = OFFLINE_MESSAGE;
    }
    if (problem === null) {
      router.replace('/console/login');
      return;
    }
    setError(problem);
    setPending(false);
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={leave}
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60"
      >
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      <p role="alert" className="text-sm text-red-700 empty:hidden">
        {error}
      </p>
    </div>
  );
}
