'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { formatTime } from '../transcript-format';
import { primaryButton, secondaryButton } from './styles';

export interface RevealedSecret {
  endpointId: string;
  secret: string;
  kind: 'created' | 'rotated';
  /** After a rotation: until when the old secret keeps signing beside the new one. */
  previousSecretExpiresAt: string | null;
}

/**
 * A signing secret, the one time the API sends it: selected and focused so it can be copied at
 * once, with a Copy button and a plain warning that it will not be shown again.
 */
export function SecretBox({
  revealed,
  timeZone,
  onDismiss,
}: {
  revealed: RevealedSecret;
  timeZone: string;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const inputId = useId();
  const noteId = useId();

  // The secret takes the focus (and is selected, ready for Ctrl+C). A new secret is a new box (keyed by it).
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(revealed.secret);
      setCopied('yes');
    } catch {
      inputRef.current?.select();
      setCopied('failed');
    }
  }

  const overlapEnds =
    revealed.previousSecretExpiresAt && new Date(revealed.previousSecretExpiresAt).getTime() > Date.now()
      ? formatTime(revealed.previousSecretExpiresAt, timeZone)
      : null;

  return (
    <section
      aria-labelledby={headingId}
      data-testid="secret-box"
      className="space-y-2 rounded-lg bg-amber-50 p-4 ring-2 ring-amber-400"
    >
      <h3 id={headingId} className="text-base font-semibold text-amber-950">
        {revealed.kind === 'created' ? 'Signing secret for the new endpoint' : 'New signing secret'}
      </h3>
      <p id={noteId} className="text-sm text-amber-950">
        <strong>Copy it now: you will not see it again.</strong> It is shown only this once; put it in the receiving system, which
        checks each request’s <code className="font-mono">Shopchat-Signature</code> header with it. Lost it? Rotate the secret to
        get a new one.
        {revealed.kind === 'rotated' &&
          (overlapEnds
            ? ` The previous secret keeps signing requests beside this one until ${overlapEnds}.`
            : ' The previous secret no longer signs requests.')}
      </p>
      <label htmlFor={inputId} className="block text-sm font-medium text-amber-950">
        Signing secret
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          ref={inputRef}
          id={inputId}
          data-testid="secret-value"
          readOnly
          value={revealed.secret}
          aria-describedby={noteId}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-400 bg-white px-3 py-2 font-mono text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-600/40"
        />
        <button type="button" onClick={() => void copy()} className={primaryButton}>
          Copy
        </button>
        <button type="button" onClick={onDismiss} className={secondaryButton}>
          I have saved it
        </button>
      </div>
      <p role="status" className="text-sm text-amber-950 empty:hidden">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'Could not copy automatically: the secret is selected, press Ctrl+C (⌘C on a Mac).'}
      </p>
    </section>
  );
}
