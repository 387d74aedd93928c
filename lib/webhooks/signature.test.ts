import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignatureError, signatureHeader, verifySignature } from './signature';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const T = NOW / 1000;
const BODY = '{"id":"evt_1","type":"order.placed"}';

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SignatureError) return error.problem;
    throw error;
  }
  return 'none';
}

describe('webhook signatures', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256, one v1 per secret, as a receiver recomputes it', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], T, BODY);
    const expected = (secret: string) => createHmac('sha256', secret).update(`${T}.${BODY}`).digest('hex');
    expect(header).toBe(`t=${T},v1=${expected('whsec_new')},v1=${expected('whsec_old')}`);
  });

  it('accepts a signature by any current secret within the tolerance, and returns its timestamp', () => {
    const header = signatureHeader(['whsec_old'], T - 299, BODY);
    expect(verifySignature(header, BODY, ['whsec_new', 'whsec_old'], { now: NOW })).toBe(T - 299);
    expect(verifySignature(`${header},v0=ignored`, BODY, ['whsec_old'], { now: NOW })).toBe(T - 299);
  });

  it('refuses a missing, malformed, stale, tampered or foreign signature, each with its reason', () => {
    const header = signatureHeader(['whsec_a'], T, BODY);
    expect(problem(() => verifySignature(null, BODY, ['whsec_a'], { now: NOW }))).toBe('missing');
    expect(problem(() => verifySignature('v1=abc', BODY, ['whsec_a'], { now: NOW }))).toBe('malformed');
    expect(problem(() => verifySignature(`t=${T}`, BODY, ['whsec_a'], { now: NOW }))).toBe('malformed');
    expect(problem(() => verifySignature(signatureHeader(['whsec_a'], T - 301, BODY), BODY, ['whsec_a'], { now: NOW }))).toBe(
      'stale',
    );
    expect(problem(() => verifySignature(signatureHeader(['whsec_a'], T + 301, BODY), BODY, ['whsec_a'], { now: NOW }))).toBe(
      'stale',
    );
    expect(problem(() => verifySignature(header, `${BODY} `, ['whsec_a'], { now: NOW }))).toBe('mismatch');
    expect(problem(() => verifySignature(header, BODY, ['whsec_b'], { now: NOW }))).toBe('mismatch');
    // A timestamp moved forward with the old signature kept: the signature covers the timestamp.
    expect(problem(() => verifySignature(header.replace(`t=${T}`, `t=${T + 10}`), BODY, ['whsec_a'], { now: NOW }))).toBe(
      'mismatch',
    );
  });
});
