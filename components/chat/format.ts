import type { WidgetLocale } from './i18n';

/** The BCP 47 tag Intl formats each widget language with. */
const INTL_LOCALE: Record<WidgetLocale, string> = { en: 'en-US', zh: 'zh-CN' };

/** "YYYY-MM-DD": a calendar day, not an instant. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A decimal amount string from the store ("1299.00") in the store currency: "¥1,299.00" (zh, CNY),
 * "CN¥1,299.00" (en, CNY). Intl formats the string as an exact decimal, so no float ever touches it.
 * An unknown currency code falls back to the plain amount and the code.
 */
export function formatMoney(amount: string, currency: string, locale: WidgetLocale): string {
  try {
    return new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency }).format(
      amount as Intl.StringNumericLiteral,
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

/**
 * "Nov 15, 2024" / "2024年11月15日". A "YYYY-MM-DD" day is shown as that day in every time zone
 * (it is read and printed in UTC); a full timestamp is shown in the shopper's time zone.
 */
export function formatDate(iso: string, locale: WidgetLocale): string {
  const calendarDay = CALENDAR_DAY.test(iso);
  return format(iso, locale, { dateStyle: 'medium', ...(calendarDay ? { timeZone: 'UTC' } : {}) });
}

/** "Nov 15, 2024, 8:30 AM" / "2024年11月15日 08:30", in the shopper's time zone. */
export function formatDateTime(iso: string, locale: WidgetLocale): string {
  return format(iso, locale, { dateStyle: 'medium', timeStyle: 'short' });
}

function format(iso: string, locale: WidgetLocale, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  // Never "Invalid Date" in front of a shopper: the stored text is better than nothing.
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], options).format(date);
}
