import type { PrismaClient } from '@/lib/db/client';
import { CommerceError } from './errors';
import { centsFromDecimal, formatPercent } from './money';
import type { MemberLevelInfo } from './pricing';

export interface CustomerProfile {
  id: string;
  name: string;
  /** Same shape as a quote's memberLevel: discountPercent like "10" or "12.5". */
  memberLevel: MemberLevelInfo | null;
}

/**
 * What the store knows about a customer that a conversation may use: name and member level.
 * Contact details stay out, so nothing here needs hiding from the model. Unknown id → not_found.
 */
export async function getCustomerProfile(db: PrismaClient, customerId: string): Promise<CustomerProfile> {
  const customer =
    typeof customerId === 'string' && customerId !== ''
      ? await db.customer.findUnique({
          where: { id: customerId },
          select: { id: true, name: true, memberLevel: { select: { code: true, name: true, discountPercent: true } } },
        })
      : null;
  if (!customer) throw new CommerceError('not_found', 'No customer account was found for this shopper.');
  const level = customer.memberLevel;
  return {
    id: customer.id,
    name: customer.name,
    memberLevel: level
      ? { code: level.code, name: level.name, discountPercent: formatPercent(centsFromDecimal(level.discountPercent)) }
      : null,
  };
}
