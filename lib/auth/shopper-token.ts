/**
 * Signed-in shoppers: the shop's backend signs a short-lived HS256 JWT whose `sub` is the customer
 * id, and the chat widget sends it as `Authorization: Bearer <token>`. Everything here fails with
 * ApiError('unauthorized') and a message that says what to fix.
 */
import { decodeProtectedHeader, errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { ApiError } from '@/lib/http/errors';

export interface VerifiedShopperToken {
  customerId: string;
  expiresAt: Date;
}

export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 60 * 60;
export const MAX_CUSTOMER_ID_LENGTH = 200;
const CLOCK_TOLERANCE_SECONDS = 60;
// A shopper token is ~200 bytes; refusing huge ones early keeps decoding cheap for junk input.
const MAX_TOKEN_LENGTH = 4096;
const ALGORITHM = 'HS256';

export const SHOPPER_TOKEN_MESSAGES = {
  notBearer: 'The Authorization header must be "Bearer <shopper token>".',
  noSecret: 'This shop does not accept signed-in shoppers: SHOPPER_TOKEN_SECRET is not set.',
  malformed: 'The shopper token is malformed: expected a signed JWT (header.payload.signature).',
  badSignature: "The shopper token's signature does not match: it was not signed with this shop's secret.",
  expired: 'The shopper token has expired; sign the shopper in again.',
  notYetValid: 'The shopper token is not valid yet (its nbf claim is in the future).',
  missingExp: 'The shopper token has no expiry (exp claim); shopper tokens must expire.',
  tooLong: 'The shopper token is valid for more than 24 hours; shopper tokens may live at most 24 hours.',
  missingSub: 'The shopper token names no customer: the sub claim is missing or empty.',
  invalidSub: `The shopper token's sub claim must be a customer id string of at most ${MAX_CUSTOMER_ID_LENGTH} characters.`,
  wrongAlgorithm: (alg: unknown) => `The shopper token must be signed with ${ALGORITHM}, not ${JSON.stringify(alg ?? null)}.`,
} as const;

function unauthorized(message: string): ApiError {
  return new ApiError('unauthorized', message);
}

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function verifyShopperToken(
  token: string,
  secret: string | undefined,
  now: Date = new Date(),
): Promise<VerifiedShopperToken> {
  if (!secret) throw unauthorized(SHOPPER_TOKEN_MESSAGES.noSecret);
  if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) throw unauthorized(SHOPPER_TOKEN_MESSAGES.malformed);

  // Read the header ourselves first so a token with the wrong algorithm (including "none") gets its own message.
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthorized(SHOPPER_TOKEN_MESSAGES.malformed);
  }
  if (alg !== ALGORITHM) throw unauthorized(SHOPPER_TOKEN_MESSAGES.wrongAlgorithm(alg));

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: [ALGORITHM],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    throw unauthorized(messageForJoseError(error));
  }

  // jose checks exp/nbf only when present and the signature before any claim: the rest is ours.
  if (payload.exp === undefined) throw unauthorized(SHOPPER_TOKEN_MESSAGES.missingExp);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const tooLong =
    (payload.iat !== undefined && payload.exp - payload.iat > MAX_TOKEN_LIFETIME_SECONDS) ||
    payload.exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS;
  if (tooLong) throw unauthorized(SHOPPER_TOKEN_MESSAGES.tooLong);

  const sub: unknown = payload.sub;
  if (sub === undefined || sub === null || (typeof sub === 'string' && sub.trim() === '')) {
    throw unauthorized(SHOPPER_TOKEN_MESSAGES.missingSub);
  }
  if (typeof sub !== 'string' || sub.length > MAX_CUSTOMER_ID_LENGTH) throw unauthorized(SHOPPER_TOKEN_MESSAGES.invalidSub);

  return { customerId: sub, expiresAt: new Date(payload.exp * 1000) };
}

function messageForJoseError(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) return SHOPPER_TOKEN_MESSAGES.badSignature;
  if (error instanceof errors.JWTExpired) return SHOPPER_TOKEN_MESSAGES.expired;
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf' && error.reason === 'check_failed') {
    return SHOPPER_TOKEN_MESSAGES.notYetValid;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return SHOPPER_TOKEN_MESSAGES.wrongAlgorithm(undefined);
  // Non-numeric exp/iat/nbf, a payload that is not a JSON object, bad base64, unknown crit headers…
  return SHOPPER_TOKEN_MESSAGES.malformed;
}

export async function signShopperToken(
  customerId: string,
  secret: string,
  options: { expiresInSeconds?: number; now?: Date } = {},
): Promise<string> {
  if (!secret) throw new Error('Cannot sign a shopper token: SHOPPER_TOKEN_SECRET is not set.');
  if (customerId.trim() === '' || customerId.length > MAX_CUSTOMER_ID_LENGTH) {
    throw new RangeError(`The customer id must be a non-empty string of at most ${MAX_CUSTOMER_ID_LENGTH} characters.`);
  }
  const lifetime = options.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`expiresInSeconds must be a whole number from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}, got ${lifetime}.`);
  }
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT()
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(customerId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(secretKey(secret));
}

/** null header → anonymous visitor (null); any other value must be a valid "Bearer <token>". */
export async function shopperFromAuthorization(
  header: string | null,
  secret: string | undefined,
  now?: Date,
): Promise<VerifiedShopperToken | null> {
  if (header === null) return null;
  // The scheme name is case-insensitive (RFC 9110 §11.1); the token is one run of token68 characters.
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  const token = match?.[1];
  if (token === undefined) throw unauthorized(SHOPPER_TOKEN_MESSAGES.notBearer);
  return verifyShopperToken(token, secret, now);
}
