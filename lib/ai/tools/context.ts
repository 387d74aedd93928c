import type { Shopper } from '@/lib/auth/shopper';
import type { PrismaClient } from '@/lib/db/client';

/** What every tool needs for one shopper turn. Authorization decisions read `shopper`, never the prompt. */
export interface ToolContext {
  db: PrismaClient;
  shopper: Shopper;
  conversationId: string;
  /** Clock for coupon validity and order timestamps (tests pin it). */
  now: () => Date;
}
