import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { StaffRole } from '@/lib/db/generated/enums';
import { ApiError } from '@/lib/http/errors';
import { generatePassword, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords';

/** What the console and the API may show about a member of staff: never the password hash. */
export interface StaffUserView {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

export const STAFF_USER_VIEW = { id: true, email: true, name: true, role: true } as const;

export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 100;

/** Emails are compared and stored lower-cased: one account per address, whatever the case typed. */
export const staffEmailSchema = z.string().trim().toLowerCase().max(MAX_EMAIL_LENGTH);

const newStaffUserSchema = z.object({
  email: staffEmailSchema.pipe(z.email('must be an email address like agent@shop.example')),
  name: z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH),
  role: z.enum(StaffRole, `must be ${Object.values(StaffRole).join(' or ')}`),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
});

/** As typed by a person (the CLI, later the console): every field is checked here. */
export interface NewStaffUser {
  email: string;
  name: string;
  role: string;
  password: string;
}

/** Checks a new account's fields (400 naming the first bad one) without touching the database. */
export function parseNewStaffUser(input: NewStaffUser): z.output<typeof newStaffUserSchema> {
  const parsed = newStaffUserSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiError(
    'bad_request',
    `Invalid staff account: ${issue?.path.join('.') || 'input'} ${issue?.message ?? 'is invalid'}.`,
  );
}

/** Validates and creates an account: 400 naming the bad field, 409 when the email already has one. */
export async function createStaffUser(db: PrismaClient, input: NewStaffUser): Promise<StaffUserView> {
  const { password, ...account } = parseNewStaffUser(input);
  const passwordHash = await hashPassword(password);
  try {
    return await db.staffUser.create({ data: { ...account, passwordHash }, select: STAFF_USER_VIEW });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError('conflict', `A staff account for ${account.email} already exists.`);
    throw error;
  }
}

export const DEMO_ADMIN_EMAIL = 'admin@demo.shop';

/**
 * For a development database that has just received the demo store and has no staff yet: an
 * administrator with a fresh random password, returned once for the caller to print. Null when
 * there are accounts already (or another process created them first).
 */
export async function createDemoAdmin(db: PrismaClient): Promise<{ email: string; password: string } | null> {
  if ((await db.staffUser.count()) > 0) return null;
  const password = generatePassword();
  try {
    await createStaffUser(db, { email: DEMO_ADMIN_EMAIL, name: 'Demo Admin', role: 'admin', password });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'conflict') return null;
    throw error;
  }
  return { email: DEMO_ADMIN_EMAIL, password };
}
