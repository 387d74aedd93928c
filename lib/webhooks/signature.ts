import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures as Stripe makes them, both ways: the header
 * `Shopchat-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with one `v1`
 * per secret in use, so a receiver keeps verifying while a secret is rotated.
 */
export const SIGNATURE_HEADER = 'shopchat-signature';
/** How old (or how far in the future) a signed timestamp may be: a captured request cannot be replayed later. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signatureFor(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header value for a body signed at `timestamp` with every given secret. */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  if (secrets.length === 0) throw new Error('at least one secret is needed to sign');
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signatureFor(secret, timestamp, body)}`)].join(',');
}

export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

export class SignatureError extends Error {
  override readonly name = 'SignatureError';
  constructor(
    readonly problem: SignatureProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a signature header against the raw body: the timestamp within `toleranceSeconds` of now,
 * and some `v1` equal (in constant time) to the HMAC under one of `secrets`. Returns the timestamp.
 */
export function verifySignature(
  header: string | null,
  body: string,
  secrets: readonly string[],
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
): number {
  if (!header) throw new SignatureError('missing', `The ${SIGNATURE_HEADER} header is missing.`);
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const [key, value, ...rest] = item.trim().split('=');
    if (value === undefined || rest.length > 0) continue;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) {
    throw new SignatureError('malformed', `The ${SIGNATURE_HEADER} header must be "t=<unix seconds>,v1=<hex HMAC-SHA256>".`);
  }
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) {
    throw new SignatureError('stale', `The signature's timestamp is more than ${toleranceSeconds} s away from now.`);
  }
  const presented = signatures.map((hex) => Buffer.from(hex, 'hex'));
  const matches = secrets.some((secret) => {
    const expected = Buffer.from(signatureFor(secret, timestamp, body), 'hex');
    return presented.some((candidate) => timingSafeEqual(candidate, expected));
  });
  if (!matches) throw new SignatureError('mismatch', 'No signature matches the body with the shared secret.');
  return timestamp;
}
