import type { Language } from './types';

/**
 * Which language to answer a shopper's message in.
 *
 * Shoppers mix languages all the time: a Chinese question about an English product name
 * ("Trail Running Shoe 有货吗"), an English question about a Chinese one ("Is the 限量球鞋 in stock?"),
 * codes and order numbers in either ("SAVE50 能用吗?"). The answer should follow the sentence frame,
 * not the product name, so:
 *
 * 1. Codes and identifiers (SAVE50, SKU-LIMITED-SNEAKER-01, ORD-…, SF1234567890, e-mail addresses,
 *    all-caps tokens) carry no language and are ignored; so are digits and punctuation.
 * 2. Only Han characters → zh; only Latin words → en; neither → `fallback` (the conversation's language).
 * 3. Both: the frame decides. Chinese grammatical words (吗, 我, 有, 怎么 …) against English ones
 *    (is, the, do, you …); whichever side has more wins. A product name rarely contains either.
 * 4. Still undecided: zh when there are at least 2 Han characters and they outnumber the Latin words.
 */
export function detectLanguage(text: string, fallback: Language): Language {
  const cleaned = text.normalize('NFKC').replace(EMAIL, ' ').replace(URL, ' ');
  const hanRuns = [...cleaned.matchAll(HAN_RUN)].map((m) => m[0]);
  const han = [...hanRuns.join('')];
  const words = [...cleaned.matchAll(LATIN_TOKEN)]
    .map((m) => m[0].replace(TRAILING_JOINERS, ''))
    .filter((token) => !isCode(token));

  if (han.length === 0 && words.length === 0) return fallback;
  if (han.length === 0) return 'en';
  if (words.length === 0) return 'zh';

  const zhFrame = countChineseFrame(hanRuns.join(' '));
  const enFrame = words.filter((word) => ENGLISH_FRAME.has(word.toLowerCase())).length;
  if (zhFrame !== enFrame) return zhFrame > enFrame ? 'zh' : 'en';
  return han.length >= 2 && han.length > words.length ? 'zh' : 'en';
}

const HAN_RUN = /\p{Script=Han}+/gu;
/** A run of Latin letters and digits, with the joiners identifiers and contractions use. */
const LATIN_TOKEN = /[\p{Script=Latin}0-9#][\p{Script=Latin}0-9#_'’.-]*/gu;
const TRAILING_JOINERS = /[_'’.-]+$/u;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
const URL = /\bhttps?:\/\/\S+/gi;

/** Order numbers, SKUs, coupon codes, tracking numbers: digits, '#', '_', or all capitals (not "I"). */
function isCode(token: string): boolean {
  if (!/\p{Script=Latin}/u.test(token)) return true;
  if (/[0-9#_]/.test(token)) return true;
  const letters = token.replace(/[^\p{Script=Latin}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Words that make an English sentence (question words, pronouns, auxiliaries, prepositions, shop verbs). */
const ENGLISH_FRAME = new Set(
  (
    'a an the is are was were be been am do does did can could will would should may might must have has had ' +
    "i i’m i'm me my mine you your yours we our us it its this that these those there here " +
    'what which who whom whose when where why how much many any some no not yes please thanks thank ' +
    'in on at of for to from with by about into than and or but if so still also just ' +
    'want need buy order get use check know tell show send ship shipped arrive left stock available price cost'
  ).split(' '),
);

/** Chinese function words and particles, single characters and a few two-character words. */
const CHINESE_FRAME_WORDS = [
  '什么',
  '怎么',
  '多少',
  '可以',
  '能不能',
  '有没有',
  '是不是',
  '请问',
  '一下',
  '还有',
  '哪里',
  '为什么',
];
const CHINESE_FRAME_CHARS = new Set([...'吗呢吧啊呀哦嘛了的我你您他她们有没能是想要请帮查在哪到用买这那个么还和给再就都也不']);

function countChineseFrame(han: string): number {
  let rest = han;
  let count = 0;
  for (const word of CHINESE_FRAME_WORDS) {
    const parts = rest.split(word);
    count += parts.length - 1;
    rest = parts.join(' ');
  }
  for (const char of rest) if (CHINESE_FRAME_CHARS.has(char)) count++;
  return count;
}
