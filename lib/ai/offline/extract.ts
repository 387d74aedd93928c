import type { StoreFacts } from './types';

/**
 * The pieces of a shopper's message the engine acts on. Nothing here knows a store's ID formats:
 * it finds *candidates* (tokens with digits, codes, contacts), and the tools decide what they are.
 */
export interface Extracted {
  quantity: number | null;
  /** Coupon-looking codes (letters then digits, or anything right after "coupon"/"券"). */
  couponCodes: string[];
  /** Tokens that could be an order number or a tracking number, as written (spaces inside joined). */
  idCandidates: string[];
  email: string | null;
  phone: string | null;
  memberLevel: { code: string; name: string } | null;
  /** Codes of the warehouses the shopper named (by code, name or region). */
  warehouses: string[];
  /** What is left once the above and the question words are taken out: the product the shopper means. */
  productPhrase: string;
}

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const ENGLISH_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  two: 2,
  pair: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  dozen: 12,
};
const CHINESE_MEASURE = '个件双只套条台瓶包盒顶把副箱支张份';
const ENGLISH_UNITS = 'pcs?|pieces?|units?|pairs?|items?|of (?:them|those|these|it)|boxes|bottles|sets?';

/** "两双", "x2", "2 pairs", "two of those", "3件" → the number; null when none is stated. */
export function extractQuantity(text: string): number | null {
  const normalized = text.normalize('NFKC');
  const times = /(?:^|\s)[x×*]\s?(\d{1,2})\b|\b(\d{1,2})\s?[x×](?:\s|$)/i.exec(normalized);
  if (times) return Number(times[1] ?? times[2]);
  const zh = new RegExp(`([0-9]{1,2}|[零一二两俩三四五六七八九十]{1,3})\\s?[${CHINESE_MEASURE}]`).exec(normalized);
  if (zh?.[1]) {
    const value = /\d/.test(zh[1]) ? Number(zh[1]) : chineseNumber(zh[1]);
    if (value !== null && value > 0) return value;
  }
  const digitsWithUnit = new RegExp(`\\b(\\d{1,2})\\s?(?:${ENGLISH_UNITS})\\b`, 'i').exec(normalized);
  if (digitsWithUnit?.[1]) return Number(digitsWithUnit[1]);
  if (/\ba dozen\b/i.test(normalized)) return 12;
  const words = new RegExp(
    `\\b(a|an|one|single|two|three|four|five|six|seven|eight|nine|ten|a couple|a pair)\\s+(?:of\\s+)?(?:${ENGLISH_UNITS}|\\w+)`,
    'i',
  ).exec(normalized);
  // "3 Wool Hiking Socks 3-Packs, what do I pay?": a number opening the message counts what follows.
  const leading = /^\s*(\d{1,2})\s+(?=[A-Za-z\u3400-\u9fff])/.exec(normalized);
  if (leading?.[1]) return Number(leading[1]);
  const take =
    /\b(?:take|buy|order|want|get|need|add|for)\s+(\d{1,2})\b(?![-.]\d)/i.exec(normalized) ??
    /\b(\d{1,2})\s+(?:of (?:them|those|these|it)|would|will|cost|costs|for)\b/i.exec(normalized);
  if (take?.[1]) return Number(take[1]);
  if (words?.[1]) {
    const word = words[1].toLowerCase().replace(/^a\s+/, '');
    // "a"/"an" before an ordinary noun is an article, not a quantity worth acting on.
    if (word !== 'a' && word !== 'an') return ENGLISH_NUMBERS[word] ?? null;
  }
  return null;
}

function chineseNumber(text: string): number | null {
  if (text === '十') return 10;
  if (text.length === 1) return CHINESE_DIGITS[text] ?? null;
  if (text.startsWith('十')) return 10 + (CHINESE_DIGITS[text.slice(1)] ?? 0);
  if (text.endsWith('十')) return (CHINESE_DIGITS[text[0] ?? ''] ?? 0) * 10;
  const [tens, , ones] = text;
  if (text[1] === '十' && tens && ones) return (CHINESE_DIGITS[tens] ?? 0) * 10 + (CHINESE_DIGITS[ones] ?? 0);
  return null;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
/** Phone-looking: optional +, then digits with spaces, dashes or brackets; 7–15 digits in all. */
const PHONE = /(?:\+\d{1,3}[\s-]?)?(?:\(\d{1,4}\)[\s-]?)?\d[\d\s-]{5,16}\d/g;
/** After these words anything code-like is a coupon ("coupon FALLFEST"). */
const COUPON_KEYWORD = /coupon|promo|voucher|code|优惠券|优惠码|折扣码|券码|券/gi;
/** After these, only something that looks like a coupon ("with SAVE50", "use FALLFEST"), never an order number. */
const WEAK_COUPON_KEYWORD = /\b(?:with|use|using|apply|discount)\b|用/gi;
const COUPON_KEYWORD_ONLY = /^(?:coupon|promo|voucher|discount|code|with|use|using|apply)$/i;
const COUPON_AFTER = /^(?:\s*(?:code|码))?\s*[:：]?\s*([A-Za-z][A-Za-z0-9_-]{2,19})/i;
/** SAVE50, WELCOME20, VIP300: letters then a few digits. */
const COUPON_SHAPE = /^[A-Za-z]{3,12}\d{1,4}$/;

export function extractEmail(text: string): string | null {
  return EMAIL.exec(text)?.[0] ?? null;
}

export function extractPhone(text: string, withoutIds: readonly string[]): string | null {
  for (const match of text.normalize('NFKC').matchAll(PHONE)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    // The tail of a longer identifier ("ORD-20241115-00001") is not a phone number.
    const before = text.normalize('NFKC').slice(Math.max(0, (match.index ?? 0) - 2), match.index ?? 0);
    if (/[A-Za-z0-9_#]-?$/.test(before)) continue;
    // A long digit run written as one token next to an order/tracking word is an id, not a phone.
    if (withoutIds.some((id) => id.replace(/\D/g, '') === digits && !/[\s()+-]/.test(match[0]) && digits.length > 11)) continue;
    return match[0].trim();
  }
  return null;
}

/**
 * Tokens with at least one digit that look like identifiers: "ORD-20241115-00001", "#5001",
 * "SF1234567890", "1Z999AA10123456784", "cus_8f3k2"; digit groups separated by single spaces
 * ("9400 1000 0000 0000") are joined, since shoppers copy tracking numbers that way.
 */
export function extractIdCandidates(text: string): string[] {
  const normalized = text.normalize('NFKC');
  const found: string[] = [];
  const tokens = normalized.match(/[#A-Za-z0-9][A-Za-z0-9_#-]*[A-Za-z0-9]|[A-Za-z0-9]/g) ?? [];
  for (const token of tokens) {
    const digits = token.replace(/\D/g, '').length;
    if (digits >= 3 && token.length >= 4) found.push(token);
  }
  // Digit blocks, optionally after a short carrier prefix ("SF 1234 567 890", "9400 1000 0000 0000").
  for (const run of normalized.matchAll(/(?:\b[A-Z]{1,4} ?)?\b\d{2,}(?: \d{2,})+\b/g)) {
    const joined = run[0].replace(/ /g, '');
    if (joined.replace(/\D/g, '').length >= 10) found.push(joined);
  }
  return [...new Set(found)].sort((a, b) => b.length - a.length);
}

export function extractCouponCodes(text: string, idCandidates: readonly string[]): string[] {
  const codes = new Set<string>();
  // Keywords may follow each other ("with coupon code X"), so every keyword gets its own look ahead.
  const normalized = text.normalize('NFKC');
  const after = (keyword: RegExpMatchArray) =>
    COUPON_AFTER.exec(normalized.slice((keyword.index ?? 0) + keyword[0].length))?.[1] ?? '';
  for (const keyword of normalized.matchAll(COUPON_KEYWORD)) {
    const code = after(keyword);
    if (code && !COUPON_KEYWORD_ONLY.test(code) && (/\d/.test(code) || /^[A-Z0-9]+$/.test(code))) codes.add(code.toUpperCase());
  }
  for (const keyword of normalized.matchAll(WEAK_COUPON_KEYWORD)) {
    const code = after(keyword);
    if (COUPON_SHAPE.test(code) || /^[A-Z]{4,15}$/.test(code)) codes.add(code.toUpperCase());
  }
  for (const token of idCandidates) if (COUPON_SHAPE.test(token)) codes.add(token.toUpperCase());
  for (const token of text.normalize('NFKC').match(/\b[A-Za-z]{3,12}\d{1,4}\b/g) ?? [])
    if (COUPON_SHAPE.test(token)) codes.add(token.toUpperCase());
  return [...codes];
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A level named by its code ("gold", "VIP") or display name ("黄金会员", "Trailblazer VIP"); the longest mention wins. */
export function extractMemberLevel(text: string, levels: StoreFacts['memberLevels']): { code: string; name: string } | null {
  const folded = fold(text);
  const found: { level: { code: string; name: string }; length: number; generic: boolean }[] = [];
  for (const level of levels) {
    for (const label of [level.name, level.code, stripMemberWord(level.name)]) {
      const key = fold(label).trim();
      if (key.length < 2 || !mentions(folded, key)) continue;
      found.push({ level: { code: level.code, name: level.name }, length: key.length, generic: GENERIC_LEVEL_WORDS.test(key) });
    }
  }
  // "I'm a Gold member": a level literally called "Member" must not win over Gold.
  const specific = found.some((f) => !f.generic) ? found.filter((f) => !f.generic) : found;
  return specific.sort((a, b) => b.length - a.length)[0]?.level ?? null;
}

const GENERIC_LEVEL_WORDS = /^(?:members?|membership|会员|普通会员|tier|level)$/;

function stripMemberWord(name: string): string {
  return name.replace(/会员|member(ship)?|tier|level/gi, '').trim();
}

/** Whole-word for Latin labels ("gold" not inside "golden"), substring for Chinese. */
function mentions(folded: string, key: string): boolean {
  if (/[\u3400-\u9fff]/.test(key)) return folded.includes(key);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^a-z0-9])${escaped}(?:$|[^a-z0-9])`).test(folded);
}

export function extractWarehouses(text: string, warehouses: StoreFacts['warehouses']): string[] {
  const folded = fold(text);
  return warehouses
    .filter((w) => [w.code, w.name, w.region].some((label) => fold(label).length >= 2 && mentions(folded, fold(label))))
    .map((w) => w.code);
}
