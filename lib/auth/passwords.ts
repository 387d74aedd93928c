import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** The shortest password an account may have. Length matters more than character classes. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer inputs are refused before hashing: nobody types more, and it bounds the work per attempt. */
export const MAX_PASSWORD_LENGTH = 1_024;

/** Argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's baseline), as a PHC string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a hash that cannot be read, never an exception. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash no password matches, verified against when an email is unknown, so that an unknown
 * account costs the same time as a wrong password and timing does not tell which accounts exist.
 */
export function passwordHashForUnknownAccount(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummyHash;
}

/** A strong one-time password to hand to a person: 24 URL-safe characters (144 random bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
