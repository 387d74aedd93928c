/**
 * Money is an integer count of minor units (cents) in a bigint: never a binary float.
 * Every rounding in the app goes through roundHalfUp here.
 */
export type Cents = bigint;

const MONEY_PATTERN = /^(0|[1-9]\d*)(\.\d{1,2})?$/;
const PERCENT_PATTERN = /^(0|[1-9]\d*)(\.\d{1,2})?$/;

export function isMoneyString(value: string): boolean {
  return MONEY_PATTERN.test(value);
}

/** "1299.00", "0.5", "12" → cents. Throws on anything else (negative, 3 decimals, exponent, …). */
export function parseMoney(value: string): Cents {
  if (!MONEY_PATTERN.test(value)) throw new RangeError(`"${value}" is not an amount of money (like "1299.00")`);
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** cents → "1299.00" */
export function formatMoney(cents: Cents): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A Prisma Decimal (or anything whose toFixed(2) is exact) → cents. */
export function centsFromDecimal(value: { toFixed(digits: number): string }): Cents {
  const text = value.toFixed(2);
  return text.startsWith('-') ? -parseMoney(text.slice(1)) : parseMoney(text);
}

/** Integer division rounded half-up (away from zero at .5), for non-negative operands. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n)
    throw new RangeError('roundHalfUp takes a non-negative numerator and a positive denominator');
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** A percentage like "10" or "12.5" in hundredths of a percent (basis points): 1250. */
export function parsePercent(value: string): bigint {
  if (!PERCENT_PATTERN.test(value)) throw new RangeError(`"${value}" is not a percentage (like "10" or "12.5")`);
  const [whole = '0', fraction = ''] = value.split('.');
  const basisPoints = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (basisPoints > 10000n) throw new RangeError(`"${value}" is more than 100 percent`);
  return basisPoints;
}

/** round(amount × percent / 100), half-up to the cent. */
export function percentOf(amount: Cents, percentBasisPoints: bigint): Cents {
  return roundHalfUp(amount * percentBasisPoints, 10000n);
}

export function formatPercent(basisPoints: bigint): string {
  const whole = basisPoints / 100n;
  const fraction = basisPoints % 100n;
  if (fraction === 0n) return whole.toString();
  return `${whole}.${fraction.toString().padStart(2, '0').replace(/0$/, '')}`;
}
