import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney } from '../format';

// The shopper's time zone, pinned so the expected text does not depend on the machine (UTC−8 in November).
process.env.TZ = 'America/Los_Angeles';

describe('formatMoney', () => {
  it('formats the store amount string in the store currency for each language', () => {
    expect(formatMoney('1299.00', 'CNY', 'zh')).toBe('¥1,299.00');
    expect(formatMoney('1299.00', 'CNY', 'en')).toBe('CN¥1,299.00');
    expect(formatMoney('49.90', 'USD', 'en')).toBe('$49.90');
  });

  it('keeps every digit of amounts a float would round', () => {
    expect(formatMoney('90071992547409.99', 'CNY', 'zh')).toBe('¥90,071,992,547,409.99');
  });

  it('falls back to the plain amount for a currency code Intl rejects', () => {
    expect(formatMoney('12.50', 'not-a-currency', 'en')).toBe('12.50 not-a-currency');
  });
});

describe('formatDate', () => {
  it('shows a calendar day as that day, even west of UTC', () => {
    expect(formatDate('2024-11-18', 'en')).toBe('Nov 18, 2024');
    expect(formatDate('2024-11-18', 'zh')).toBe('2024年11月18日');
  });

  it("shows an instant's day in the shopper's time zone", () => {
    expect(formatDate('2024-11-15T03:00:00.000Z', 'en')).toBe('Nov 14, 2024');
  });

  it('leaves text that is not a date as it is', () => {
    expect(formatDate('soon', 'en')).toBe('soon');
  });
});

describe('formatDateTime', () => {
  it("shows the day and the time in the shopper's time zone", () => {
    // ICU versions differ on the space before AM/PM (a narrow no-break space in some).
    expect(formatDateTime('2024-11-15T12:30:00.000Z', 'en').replace(/\s/g, ' ')).toBe('Nov 15, 2024, 4:30 AM');
    expect(formatDateTime('2024-11-15T12:30:00.000Z', 'zh')).toBe('2024年11月15日 04:30');
  });
});
