import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import {
  MAX_TOKEN_LIFETIME_SECONDS,
  SHOPPER_TOKEN_MESSAGES,
  shopperFromAuthorization,
  signShopperToken,
  verifyShopperToken,
} from './shopper-token';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const key = (secret = SECRET) => new TextEncoder().encode(secret);

/** A token with exactly these claims, signed by jose (no defaults added). */
function build(claims: JWTPayload, { alg = 'HS256', secret = SECRET }: { alg?: string; secret?: string } = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(key(secret));
}

const validClaims = (): JWTPayload => ({ sub: 'cust-42', iat: NOW_SECONDS, exp: NOW_SECONDS + 3600 });

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Expects an ApiError('unauthorized') with exactly this message. */
async function expectUnauthorized(promise: Promise<unknown>, message: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ code: 'unauthorized', status: 401, message });
}

describe('verifyShopperToken', () => {
  it('accepts a token from signShopperToken', async () => {
    const token = await signShopperToken('cust-42', SECRET, { now: NOW });
    expect(await verifyShopperToken(token, SECRET, NOW)).toEqual({
      customerId: 'cust-42',
      expiresAt: new Date('2026-03-01T13:00:00Z'),
    });
  });

  it('signShopperToken writes HS256, sub, iat and exp', async () => {
    const token = await signShopperToken('cust-7', SECRET, { now: NOW, expiresInSeconds: 600 });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ sub: 'cust-7', iat: NOW_SECONDS, exp: NOW_SECONDS + 600 });
  });

  it('refuses every token when no secret is configured', async () => {
    const token = await build(validClaims());
    await expectUnauthorized(verifyShopperToken(token, undefined, NOW), SHOPPER_TOKEN_MESSAGES.noSecret);
    await expectUnauthorized(verifyShopperToken(token, '', NOW), SHOPPER_TOKEN_MESSAGES.noSecret);
    expect(SHOPPER_TOKEN_MESSAGES.noSecret).toBe(
      'This shop does not accept signed-in shoppers: SHOPPER_TOKEN_SECRET is not set.',
    );
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', '!!!.###.$$$', 'x'.repeat(5000)])('refuses malformed token %j', async (token) => {
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.malformed);
  });

  it('refuses a correctly signed token whose payload is not a JSON object', async () => {
    const signingInput = `${base64url({ alg: 'HS256' })}.${Buffer.from('not json').toString('base64url')}`;
    const signature = createHmac('sha256', SECRET).update(signingInput).digest('base64url');
    await expectUnauthorized(verifyShopperToken(`${signingInput}.${signature}`, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.malformed);
  });

  it('refuses a correctly signed token whose exp is not a number', async () => {
    const token = await build({ sub: 'cust-42', exp: 'tomorrow' as unknown as number });
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.malformed);
  });

  it('refuses an unsigned alg "none" token', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(validClaims())}.`;
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), 'The shopper token must be signed with HS256, not "none".');
  });

  it('refuses an HS512 token even when signed with the right secret', async () => {
    const token = await build(validClaims(), { alg: 'HS512' });
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), 'The shopper token must be signed with HS256, not "HS512".');
  });

  it('refuses a header without alg', async () => {
    const token = `${base64url({ typ: 'JWT' })}.${base64url(validClaims())}.c2ln`;
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), 'The shopper token must be signed with HS256, not null.');
  });

  it('refuses a token signed with another secret', async () => {
    const token = await build(validClaims(), { secret: 'some-other-shop-secret-of-enough-length' });
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.badSignature);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await build(validClaims())).split('.');
    const forged = `${header}.${base64url({ ...validClaims(), sub: 'someone-else' })}.${signature}`;
    await expectUnauthorized(verifyShopperToken(forged, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.badSignature);
  });

  it('allows 60 s of clock skew past exp, then says the token expired', async () => {
    const token = await build({ sub: 'cust-42', iat: NOW_SECONDS - 3600, exp: NOW_SECONDS });
    expect((await verifyShopperToken(token, SECRET, new Date(NOW.getTime() + 59_000))).customerId).toBe('cust-42');
    await expectUnauthorized(verifyShopperToken(token, SECRET, new Date(NOW.getTime() + 60_000)), SHOPPER_TOKEN_MESSAGES.expired);
    expect(SHOPPER_TOKEN_MESSAGES.expired).toMatch(/has expired; sign the shopper in again/);
  });

  it('allows 60 s of skew on nbf and refuses tokens that are not valid yet', async () => {
    expect((await verifyShopperToken(await build({ ...validClaims(), nbf: NOW_SECONDS + 60 }), SECRET, NOW)).customerId).toBe(
      'cust-42',
    );
    const early = await build({ ...validClaims(), nbf: NOW_SECONDS + 61 });
    await expectUnauthorized(verifyShopperToken(early, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.notYetValid);
  });

  it('refuses a token without exp', async () => {
    const token = await build({ sub: 'cust-42', iat: NOW_SECONDS });
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.missingExp);
  });

  it('refuses lifetimes over 24 hours by iat', async () => {
    const ok = await build({ sub: 'c', iat: NOW_SECONDS - 100, exp: NOW_SECONDS - 100 + MAX_TOKEN_LIFETIME_SECONDS });
    expect((await verifyShopperToken(ok, SECRET, NOW)).customerId).toBe('c');
    // Already half used up, but issued for 25 hours.
    const tooLong = await build({ sub: 'c', iat: NOW_SECONDS - 20 * 3600, exp: NOW_SECONDS + 5 * 3600 });
    await expectUnauthorized(verifyShopperToken(tooLong, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.tooLong);
  });

  it('refuses an exp more than 24 h + 60 s ahead, with or without iat', async () => {
    const edge = await build({ sub: 'c', exp: NOW_SECONDS + MAX_TOKEN_LIFETIME_SECONDS + 60 });
    expect((await verifyShopperToken(edge, SECRET, NOW)).customerId).toBe('c');
    const noIat = await build({ sub: 'c', exp: NOW_SECONDS + MAX_TOKEN_LIFETIME_SECONDS + 61 });
    await expectUnauthorized(verifyShopperToken(noIat, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.tooLong);
    // An iat in the future must not launder a far-away exp.
    const futureIat = await build({ sub: 'c', iat: NOW_SECONDS + 7 * 86_400, exp: NOW_SECONDS + 7 * 86_400 + 3600 });
    await expectUnauthorized(verifyShopperToken(futureIat, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.tooLong);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])('refuses a %s sub', async (_label, sub) => {
    const token = await build({ ...validClaims(), sub });
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.missingSub);
  });

  it.each([
    ['a number', 42],
    ['201 characters', 'c'.repeat(201)],
  ])('refuses a sub that is %s', async (_label, sub) => {
    const token = await build({ ...validClaims(), sub: sub as string });
    await expectUnauthorized(verifyShopperToken(token, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.invalidSub);
  });

  it('gives every failure its own message', () => {
    const messages = Object.values(SHOPPER_TOKEN_MESSAGES).map((m) => (typeof m === 'function' ? m('RS256') : m));
    expect(new Set(messages).size).toBe(messages.length);
  });
});

describe('signShopperToken', () => {
  it('refuses bad input instead of signing a token nobody will accept', async () => {
    await expect(signShopperToken('', SECRET)).rejects.toThrow(RangeError);
    await expect(signShopperToken('c'.repeat(201), SECRET)).rejects.toThrow(RangeError);
    await expect(signShopperToken('c', SECRET, { expiresInSeconds: MAX_TOKEN_LIFETIME_SECONDS + 1 })).rejects.toThrow(RangeError);
    await expect(signShopperToken('c', SECRET, { expiresInSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(signShopperToken('c', '')).rejects.toThrow(/SHOPPER_TOKEN_SECRET/);
  });

  it('signs the maximum lifetime, which verifies', async () => {
    const token = await signShopperToken('c', SECRET, { now: NOW, expiresInSeconds: MAX_TOKEN_LIFETIME_SECONDS });
    expect((await verifyShopperToken(token, SECRET, NOW)).expiresAt).toEqual(new Date('2026-03-02T12:00:00Z'));
  });
});

describe('shopperFromAuthorization', () => {
  it('treats a missing header as an anonymous visitor, even without a secret', async () => {
    expect(await shopperFromAuthorization(null, SECRET, NOW)).toBeNull();
    expect(await shopperFromAuthorization(null, undefined, NOW)).toBeNull();
  });

  it('reads "Bearer <token>" (scheme in any case)', async () => {
    const token = await signShopperToken('cust-42', SECRET, { now: NOW });
    expect(await shopperFromAuthorization(`Bearer ${token}`, SECRET, NOW)).toMatchObject({ customerId: 'cust-42' });
    expect(await shopperFromAuthorization(`bearer ${token}`, SECRET, NOW)).toMatchObject({ customerId: 'cust-42' });
  });

  it.each(['', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Token abc.def.ghi', 'Bearer a.b.c extra', 'Bearer\ta.b.c'])(
    'refuses Authorization %j as not a Bearer header',
    async (header) => {
      await expectUnauthorized(shopperFromAuthorization(header, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.notBearer);
    },
  );

  it('says signed-in shoppers are off when a token arrives without a secret', async () => {
    const token = await signShopperToken('cust-42', SECRET, { now: NOW });
    await expectUnauthorized(shopperFromAuthorization(`Bearer ${token}`, undefined, NOW), SHOPPER_TOKEN_MESSAGES.noSecret);
  });

  it('passes token failures through', async () => {
    const token = await signShopperToken('cust-42', SECRET, { now: new Date(NOW.getTime() - 2 * 3600_000) });
    await expectUnauthorized(shopperFromAuthorization(`Bearer ${token}`, SECRET, NOW), SHOPPER_TOKEN_MESSAGES.expired);
  });
});

describe('scripts/shopper-token.ts', () => {
  const run = promisify(execFile);
  const root = path.resolve(import.meta.dirname, '../..');
  const cli = (args: string[], env: Record<string, string | undefined>) =>
    run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/shopper-token.ts', ...args], {
      cwd: root,
      env: { NODE_ENV: 'test', PATH: process.env.PATH, ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  it('prints a token the shop accepts', async () => {
    const result = await cli(['cust-9', '--ttl', '600'], { SHOPPER_TOKEN_SECRET: SECRET });
    expect(result.code).toBe(0);
    const verified = await verifyShopperToken(result.stdout.trim(), SECRET);
    expect(verified.customerId).toBe('cust-9');
    const secondsLeft = (verified.expiresAt.getTime() - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(500);
    expect(secondsLeft).toBeLessThanOrEqual(600);
  });

  it('exits 1 with a clear error when the secret is missing', async () => {
    const result = await cli(['cust-9'], {});
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain('SHOPPER_TOKEN_SECRET is not set');
  });

  it('exits 1 on a bad --ttl or a missing customer id', async () => {
    const [badTtl, noCustomer] = await Promise.all([
      cli(['cust-9', '--ttl', '90000'], { SHOPPER_TOKEN_SECRET: SECRET }),
      cli([], { SHOPPER_TOKEN_SECRET: SECRET }),
    ]);
    expect(badTtl.code).toBe(1);
    expect(badTtl.stderr).toContain('--ttl must be a whole number of seconds from 1 to 86400');
    expect(noCustomer.code).toBe(1);
    expect(noCustomer.stderr).toContain('missing <customerId>');
  });
});
