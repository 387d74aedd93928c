import { z } from 'zod';
import { ApiError } from '@/lib/http/errors';
import { chargeSignInAttempt, forgiveSignInAttempts } from './login-throttle';
import { MAX_PASSWORD_LENGTH, passwordHashForUnknownAccount, verifyPassword } from './passwords';
import { STAFF_USER_VIEW, type StaffUserView, staffEmailSchema } from './staff-accounts';
import type { StaffRuntime } from './staff-runtime';

export const credentialsSchema = z.object({
  email: staffEmailSchema.min(1, 'must not be empty'),
  password: z.string().min(1, 'must not be empty').max(MAX_PASSWORD_LENGTH),
});

export type Credentials = z.output<typeof credentialsSchema>;

/** The same words for an unknown email and a wrong password: the answer must not tell which accounts exist. */
export const WRONG_CREDENTIALS_MESSAGE = 'Wrong email or password.';

/**
 * Checks an email and password within the sign-in limits (429 before the password is looked at),
 * 401 for a wrong pair, 403 for the right password of a disabled account.
 */
export async function signIn(runtime: StaffRuntime, { email, password }: Credentials, address: string): Promise<StaffUserView> {
  await chargeSignInAttempt(runtime.loginThrottle, email, address);
  const account = await runtime.db.staffUser.findUnique({
    where: { email },
    select: { ...STAFF_USER_VIEW, passwordHash: true, disabledAt: true },
  });
  // An unknown email still costs one Argon2 verification, so timing does not tell it apart.
  const passwordMatches = await verifyPassword(account?.passwordHash ?? (await passwordHashForUnknownAccount()), password);
  if (!account || !passwordMatches) throw new ApiError('unauthorized', WRONG_CREDENTIALS_MESSAGE);
  if (account.disabledAt !== null) {
    throw new ApiError('forbidden', 'This staff account has been disabled. Ask an administrator to enable it again.');
  }
  await forgiveSignInAttempts(runtime.loginThrottle, email);
  const { passwordHash: _hash, disabledAt: _disabledAt, ...user } = account;
  return user;
}
