'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { OFFLINE_MESSAGE, signIn } from './api';

/** Email and password, posted with fetch; on success the console opens. Errors are announced to screen readers. */
export function LoginForm() {
  const router = useRouter();
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    let problem: string | null;
    try {
      problem = await signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    } catch {
      problem = OFFLINE_MESSAGE;
    }
    if (problem === null) {
      // Stays "Signing in…" until the console has loaded.
      router.replace('/console');
      return;
    }
    setError(problem);
    setPending(false);
  }

  const field =
    'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';
  return (
    <form onSubmit={submit} className="space-y-4">
      {/* Always in the document, so screen readers announce the message when it appears. */}
      <p id={errorId} role="alert" className="text-sm text-red-700 empty:hidden" data-testid="login-error">
        {error}
      </p>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={field}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-blue-700 px-4 py-2 text-base font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
