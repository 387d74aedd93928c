/**
 * Who is chatting. A signed-in shopper is a store customer, proven by a token the shop's backend
 * signed; anyone else is an anonymous visitor, known only by the secret their browser holds.
 */
export type Shopper = { kind: 'customer'; customerId: string } | { kind: 'anonymous'; visitorHash: string };
