import { describe, expect, it } from 'vitest';
import { centsFromDecimal, formatMoney, formatPercent, parseMoney, parsePercent, percentOf, roundHalfUp } from './money';

describe('money', () => {
  it('parses decimal strings to cents and back', () => {
    expect(parseMoney('1299.00')).toBe(129900n);
    expect(parseMoney('0.5')).toBe(50n);
    expect(parseMoney('12')).toBe(1200n);
    expect(formatMoney(129900n)).toBe('1299.00');
    expect(formatMoney(5n)).toBe('0.05');
    expect(formatMoney(-5n)).toBe('-0.05');
  });

  it.each(['-1', '1.005', '1e3', ' 1', '01.00', '', '1.', '.5', 'NaN'])('refuses %j as money', (text) => {
    expect(() => parseMoney(text)).toThrow(RangeError);
  });

  it('reads Prisma decimals exactly', () => {
    expect(centsFromDecimal({ toFixed: () => '1169.10' })).toBe(116910n);
    expect(centsFromDecimal({ toFixed: () => '-0.10' })).toBe(-10n);
  });

  it('rounds half up to the cent', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1n); // 0.5 → 1
    expect(roundHalfUp(4n, 10n)).toBe(0n); // 0.4 → 0
    expect(roundHalfUp(15n, 10n)).toBe(2n); // 1.5 → 2
    expect(roundHalfUp(25n, 10n)).toBe(3n); // 2.5 → 3 (not banker's 2)
  });

  it('takes percentages of amounts', () => {
    expect(percentOf(129900n, parsePercent('10'))).toBe(12990n); // 129.90
    expect(percentOf(999n, parsePercent('15'))).toBe(150n); // 1.4985 → 1.50
    expect(percentOf(333n, parsePercent('2'))).toBe(7n); // 0.0666 → 0.07
    expect(percentOf(125n, parsePercent('2'))).toBe(3n); // 0.025 → 0.03 (half-up)
    expect(percentOf(100n, parsePercent('12.5'))).toBe(13n); // 0.125 → 0.13
    expect(formatPercent(parsePercent('12.5'))).toBe('12.5');
    expect(formatPercent(parsePercent('10'))).toBe('10');
    expect(() => parsePercent('101')).toThrow(RangeError);
  });
});
