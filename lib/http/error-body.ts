import { z } from 'zod';

/**
 * The shape of ApiErrorBody (errors.ts) as a browser reads it; safe to import from client code.
 * The code stays a string so a new code never breaks parsing.
 */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryAfterSeconds: z.number().nonnegative().optional(),
  }),
});
