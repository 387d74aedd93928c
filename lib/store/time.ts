/**
 * Timestamps are written in the store's own offset ("2026-11-15T10:02:00+08:00") so a merchant
 * reading an export sees local times. Intl knows the offsets, including daylight saving.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** ISO 8601 in the zone's offset; milliseconds only when there are some. Falls back to UTC "Z". */
export function formatTimestamp(date: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  const offsetMatch = /^GMT(?:([+-]\d{2}):(\d{2}))?$/.exec(parts.timeZoneName ?? '');
  const ms = date.getUTCMilliseconds();
  const fraction = ms ? `.${String(ms).padStart(3, '0')}` : '';
  const utc = `${date.toISOString().slice(0, 19)}${fraction}Z`;
  // Historic offsets with seconds (LMT) or odd years have no clean form: UTC is always right.
  if (!offsetMatch || !/^\d{4}$/.test(parts.year ?? '')) return utc;
  const offset = offsetMatch[1] ? `${offsetMatch[1]}:${offsetMatch[2]}` : 'Z';
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${fraction}${offset}`;
  return Date.parse(local) === date.getTime() ? local : utc;
}

/** "YYYY-MM-DD" of a DATE column (Prisma hands those back as UTC midnight). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function parseDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}
