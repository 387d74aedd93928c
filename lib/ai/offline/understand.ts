import {
  type Extracted,
  extractCouponCodes,
  extractEmail,
  extractIdCandidates,
  extractMemberLevel,
  extractPhone,
  extractQuantity,
  extractWarehouses,
} from './extract';
import { detectLanguage } from './language';
import type { Intent, Language, StoreFacts } from './types';

export interface ParsedMessage {
  text: string;
  language: Language;
  intents: Set<Intent>;
  extracted: Extracted;
  /** "it", "that one", "那个": the shopper means something from earlier in the conversation. */
  refersBack: boolean;
  /**
   * "那款专业泳镜", "that Pro Swim Goggles", "the red pack": a reference word right before product
   * words, so those words name the product meant (whether or not it is the one discussed before).
   */
  refersByName: boolean;
}

interface IntentRule {
  intent: Intent;
  en: RegExp[];
  zh: string[];
}

// Order matters only for reading: every rule is checked, then conflicts are settled in parseMessage.
const RULES: IntentRule[] = [
  {
    intent: 'other_customer',
    en: [
      /\b(?:phone|number|email|address|details|orders?|info(?:rmation)?)\b.*\b(?:of|for|from)\s+(?:customer|another customer|other customers|someone else|somebody else|user)\b/i,
      /\b(?:another|other|someone else'?s|somebody else'?s|all) customers?'?s?\b.*\b(?:phone|email|address|orders?|details)\b/i,
      /\b(?:customer|customers'?|users?'?) (?:emails?|phones?|phone numbers?|addresses|list|data|table|records)\b/i,
      /\ball (?:the )?(?:customers|users|orders)\b/i,
      /\b(?:order|customer) table\b/i,
      /\bdebug mode\b/i,
    ],
    zh: [
      '别人的',
      '其他客户',
      '别的客户',
      '其他顾客',
      '他人的',
      '所有客户',
      '所有订单',
      '客户名单',
      '客户的电话',
      '客户的手机',
      '客户的地址',
      '客户信息',
    ],
  },
  {
    intent: 'my_level',
    en: [
      /\b(?:what|which) (?:member(?:ship)? )?(?:level|tier|status) am i\b/i,
      /\bmy (?:member(?:ship)? )?(?:level|tier)\b/i,
      /\bam i a (?:member|vip)\b/i,
    ],
    zh: ['什么会员', '会员等级', '哪个等级', '我的等级', '几级会员', '我是会员吗'],
  },
  {
    intent: 'handoff',
    en: [
      /\b(human|real person|a person|live agent|an agent|representative|someone real|staff member|talk to (?:someone|somebody)|customer service rep)\b/i,
      /\b(?:refund|return|exchange|complain(?:t)?|invoice|receipt|replacement|replace it|broken|damaged|defective|warranty|manager|supervisor|agent)\b/i,
      /\bchange (?:my |the )?(?:delivery |shipping )?address\b/i,
    ],
    zh: [
      '转人工',
      '人工客服',
      '人工服务',
      '真人',
      '找人工',
      '人工',
      '找客服',
      '你们客服',
      '投诉',
      '退款',
      '退货',
      '换货',
      '售后',
      '发票',
      '改地址',
      '修改地址',
      '收货地址',
      '改一下地址',
      '经理',
      '主管',
      '坏了',
      '质量问题',
      '换新',
      '保修',
      '摔坏',
    ],
  },
  {
    intent: 'identity',
    en: [
      /\bare you (?:a |an )?(?:bot|robot|human|real|ai|machine|person|chatgpt|gpt|llm)\b/i,
      /\bwho are you\b/i,
      /\bwhat are you\b/i,
    ],
    zh: ['机器人', '你是谁', '你是人', '是真人吗', '是不是ai', '是ai吗', '人工智能吗'],
  },
  {
    intent: 'cancel_order',
    en: [/\bcancel\b/i, /\bdon'?t want (?:it|the order) any ?more\b/i],
    zh: ['取消', '不要了', '退单', '撤销订单'],
  },
  {
    intent: 'track',
    en: [
      /\btrack(?:ing)?\b/i,
      /\b(?:parcel|package|shipment|courier|carrier)\b/i,
      /\b(?:is late|running late|any news|stuck|delayed)\b/i,
    ],
    zh: [
      '物流',
      '快递',
      '包裹',
      '运单',
      '追踪',
      '派送',
      '配送到哪',
      '到哪',
      '还没到',
      '什么时候能到',
      '什么时候到',
      '几号能到',
      '几号到',
      '送到哪',
    ],
  },
  {
    intent: 'list_orders',
    en: [
      /\b(?:my|all|past|previous|recent) orders\b/i,
      /\border history\b/i,
      /\blist (?:of )?(?:my )?orders\b/i,
      /\bwhat (?:have i|did i) (?:ordered|order|bought|buy)\b/i,
      /\bwhat i(?:'ve| have)? (?:ordered|bought)\b/i,
    ],
    zh: [
      '我的订单有哪些',
      '所有订单',
      '订单列表',
      '历史订单',
      '我买过',
      '全部订单',
      '哪些订单',
      '订单记录',
      '买了哪些',
      '都买了',
      '买了什么',
      '买过什么',
    ],
  },
  {
    intent: 'order_status',
    en: [
      /\border\b/i,
      /\bwhere(?:'s| is| are) my\b/i,
      /\b(?:arriv(?:e|ed|ing)|delivered|shipped|ship(?:ped)? yet|dispatched)\b/i,
      /\bhasn'?t (?:come|arrived|shown up)\b/i,
      /\b(?:i )?ordered\b/i,
      /\bstatus of\b/i,
    ],
    zh: ['订单', '单子', '上一单', '发货', '到了吗', '送到', '签收', '没收到', '怎么还没'],
  },
  {
    intent: 'place_order',
    en: [
      /\bi(?:'ll| will| would like to| want to|'d like to|'d like| wanna) (?:take|buy|order|get|purchase|grab)\b/i,
      /\b(?:place|make) (?:an |the )?order\b/i,
      /\bplease (?:order|buy)\b/i,
      /\bcan i (?:order|buy|purchase)\b/i,
      /\border (?:\d+|one|two|three|four|five|a|an) \w/i,
      /\b(?:buy|purchase|checkout|check out)\b/i,
      /\badd (?:it|them|those|\d+|two|one)?\s*to (?:my )?(?:cart|order)\b/i,
      /\bi'?ll take\b/i,
    ],
    zh: [
      '我要买',
      '下单',
      '下个单',
      '下一单',
      '帮我订',
      '帮我买',
      '我要下',
      '来两',
      '来一',
      '来三',
      '给我来',
      '要两',
      '要三',
      '我要了',
      '购买',
    ],
  },
  {
    intent: 'price',
    en: [
      /\bhow much\b/i,
      /\bprice[sd]?\b/i,
      /\bcost(?:s|ing)?\b/i,
      /\bcoupon|promo|voucher|discount\b/i,
      /\bcheap(?:er)?\b/i,
      /\bmember price\b/i,
      /\bwhat would i pay\b/i,
      /\btotal\b/i,
    ],
    zh: [
      '多少钱',
      '价格',
      '价钱',
      '几块',
      '多少',
      '优惠',
      '折扣',
      '打折',
      '券',
      '会员价',
      '便宜',
      '贵',
      '怎么卖',
      '价位',
      '售价',
      '划算',
      '总共',
      '一共',
    ],
  },
  {
    intent: 'stock',
    en: [
      /\bin stock\b/i,
      /\bstock\b/i,
      /\bavailab(?:le|ility)\b/i,
      /\b(?:have|got) any\b/i,
      /\bdo (?:you|u|ya) (?:have|carry|sell|stock)\b/i,
      /\b(?:sold out|out of stock|back in stock|restock)\b/i,
      /\bstill (?:sold|selling|for sale|sell|available|around)\b/i,
      /\bhow many\b/i,
      /\bleft\b/i,
      /\binventory\b/i,
      /\bwhich warehouses?\b/i,
      /\bship (?:it |them )?from\b/i,
    ],
    zh: [
      '有货',
      '有没有货',
      '库存',
      '还有吗',
      '现货',
      '缺货',
      '卖完',
      '到货',
      '有没有',
      '还有没有',
      '有吗',
      '断货',
      '补货',
      '还剩',
      '有卖',
      '卖不卖',
      '还卖',
      '哪个仓',
      '各个仓',
      '还有多少',
    ],
  },
  {
    intent: 'greeting',
    en: [/^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|yo|greetings)\b/i, /\banyone there\b/i],
    zh: ['你好', '您好', '嗨', '在吗', '哈喽', '早上好', '晚上好', '有人吗', '喂'],
  },
  { intent: 'thanks', en: [/\b(?:thanks|thank you|thx|ty|cheers|appreciate it)\b/i], zh: ['谢谢', '多谢', '感谢', '谢啦'] },
  { intent: 'goodbye', en: [/\b(?:bye|goodbye|see you|that'?s all)\b/i], zh: ['再见', '拜拜', '没事了', '就这样'] },
];

const REFERS_BACK_EN = /\b(?:it|that|this|those|these|them|that one|this one|the same)\b/i;
const REFERS_BACK_ZH = ['那个', '这个', '它', '那款', '这款', '那双', '这双', '那件', '这件', '同款', '刚才'];
/** Reference words that can stand before a product's name ("that X", "那款X"); "it" and "它" cannot. */
const DETERMINER_EN = /\b(?:the|that|this|those|these)\s+([^\s\p{P}\p{S}]+)/giu;
const DETERMINERS_ZH = ['那个', '这个', '那款', '这款', '那双', '这双', '那件', '这件', '同款'];

/** Question and filler words removed before searching, so "do you have the trail shoes in stock?" searches "trail shoes". */
const EN_FILLER = new Set(
  (
    "i im i'm me my mine you your we our us is are was were be been the a an of for to in on at do does did have has had any some it its " +
    "that this those these them there what which how much many still please pls plz can could would will i'll ill i'd id like want " +
    'wanna get got and or with about also too really just now today right then so but if hi hello hey thanks thank one ones ' +
    'price prices cost costs stock available availability left inventory sold out back buy take order purchase place make ' +
    "member members level tier coupon code promo voucher discount apply applied use using work works valid status where whats what's " +
    "wheres where's when is it tell show know check see find looking look for need there's theres anything else more " +
    'pair pairs piece pieces unit units item items of two three four five six seven eight nine ten single couple dozen ' +
    'warehouse warehouses region ship shipping deliver delivery quickly fast soon by as am m ' +
    'list orders cancel track tracking parcel package shipment human person agent bot robot talk speak someone somebody ' +
    'real who history status yes no ok okay gonna here from pay whats cheaper expensive me u ya sell sold selling carry same ' +
    'site anymore cant find they their up need late news stuck any email e-mail mail ordered bought few days ago week weeks month yesterday last ' +
    // Acknowledgements before a follow-up ("great, two of those"): not product words.
    'great cool nice perfect awesome alright sure'
  ).split(' '),
);
const ZH_FILLER = [
  '邮箱',
  '手机号',
  '对我来说',
  '能便宜多少',
  '这张券',
  '的话',
  '各个仓库',
  '各个',
  '分别',
  '送人',
  '好的',
  '帮我下单',
  '下个单',
  '还卖吗',
  '有卖',
  '么',
  '想',
  '那',
  '这',
  '嗯',
  '好',
  '请问',
  '你好',
  '您好',
  '麻烦',
  '帮我',
  '帮忙',
  '查一下',
  '查下',
  '看一下',
  '看看',
  '查询',
  '一下',
  '现在',
  '还有没有货',
  '有没有货',
  '还有货吗',
  '有货吗',
  '有货',
  '还有吗',
  '有没有',
  '还有',
  '有吗',
  '库存',
  '多少钱',
  '多少',
  '价格',
  '价钱',
  '怎么卖',
  '会员价',
  '会员',
  '优惠券',
  '优惠码',
  '折扣码',
  '优惠',
  '折扣',
  '能用吗',
  '可以用吗',
  '能不能用',
  '用',
  '我是',
  '我要买',
  '我想买',
  '我要',
  '我想',
  '想要',
  '给我',
  '来',
  '买',
  '下单',
  '那款',
  '这款',
  '那个',
  '这个',
  '那双',
  '这双',
  '那件',
  '这件',
  '的',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '嘛',
  '了',
  '我',
  '你们',
  '您',
  '能',
  '可以',
  '是不是',
  '是',
  '在',
  '仓库',
  '仓',
  '发货',
  '多久',
  '几天',
  '到',
  '总共',
  '一共',
  '现货',
  '还',
  '再',
  '就',
  '和',
  '跟',
  '并且',
  '转人工',
  '人工',
  '客服',
  '机器人',
  '订单',
  '物流',
  '快递',
  '取消',
  '到哪了',
  '到哪',
  '另外',
  '以及',
  '请',
  '谢谢',
];

function matches(rule: IntentRule, text: string, folded: string): boolean {
  return rule.en.some((pattern) => pattern.test(text)) || rule.zh.some((word) => folded.includes(word));
}

export function parseMessage(text: string, facts: StoreFacts, fallbackLanguage: Language): ParsedMessage {
  const normalized = text.normalize('NFKC').trim();
  const folded = normalized.toLowerCase();
  const intents = new Set<Intent>();
  for (const rule of RULES) if (matches(rule, normalized, folded)) intents.add(rule.intent);
  // "did you refund my order?" asks about an order; "I want a refund" asks for a person.
  if (/\b(?:did|have|has|was|is)\b[^.?!]*\brefund(?:ed)?\b/i.test(normalized) || /退款了吗|退款到账|退了吗/.test(normalized)) {
    intents.delete('handoff');
    intents.add('order_status');
  }
  // "张伟的手机号是多少": someone's (not my) contact details.
  if (/(?<!我)的(?:手机号|手机|电话|地址|邮箱)/.test(normalized)) intents.add('other_customer');

  // A number right after "phone"/"手机" is a phone number, whatever its shape.
  const statedPhone = PHONE_AFTER_KEYWORD.exec(normalized)?.[1]?.trim() ?? null;
  const phoneDigits = statedPhone?.replace(/\D/g, '') ?? '';
  // An email's local part ("user1002") is neither an id nor a coupon.
  const withoutEmail = normalized.replace(EMAIL_ANYWHERE, ' ');
  const idCandidates = extractIdCandidates(withoutEmail).filter((id) => !phoneDigits?.includes(id.replace(/\D/g, '')));
  const couponCodes = extractCouponCodes(withoutEmail, idCandidates);
  const email = extractEmail(normalized);
  const memberLevel = extractMemberLevel(normalized, facts.memberLevels);
  const warehouses = extractWarehouses(normalized, facts.warehouses);
  const quantity = extractQuantity(normalized);
  const ids = idCandidates.filter((id) => !couponCodes.includes(id.toUpperCase()));
  // Ids (and blocks of them) are taken out first, so "ORD-20241115-00001" never reads as a phone number.
  const withoutIds = [...idCandidates].reduce((rest, id) => rest.split(id).join(' '), normalized.replace(EMAIL_ANYWHERE, ' '));
  const phone = statedPhone ?? (email ? null : extractPhone(withoutIds, ids));

  settleConflicts(intents, couponCodes.length > 0 || memberLevel !== null);

  const productPhrase = productPhraseOf(normalized, {
    remove: [
      ...idCandidates,
      ...couponCodes,
      ...(email ? [email] : []),
      ...(phone ? [phone] : []),
      ...(memberLevel ? [memberLevel.name, memberLevel.code] : []),
      ...facts.warehouses.flatMap((w) => (warehouses.includes(w.code) ? [w.name, w.region, w.code] : [])),
    ],
  });
  const refersBack = REFERS_BACK_EN.test(normalized) || REFERS_BACK_ZH.some((word) => normalized.includes(word));

  return {
    text: normalized,
    language: detectLanguage(normalized, fallbackLanguage),
    intents,
    extracted: { quantity, couponCodes, idCandidates: ids, email, phone, memberLevel, warehouses, productPhrase },
    refersBack,
    refersByName: refersByName(normalized, productPhrase),
  };
}

/** Whether a reference word is followed directly by one of the product words ("那款冬季睡袋", "that trekking pack"). */
function refersByName(text: string, productPhrase: string): boolean {
  // One Chinese character left over ("那个不是…" → "不") is a stray word, not a name.
  const words = productPhrase
    .toLowerCase()
    .split(' ')
    .filter((word) => word.length >= 2);
  if (words.length === 0) return false;
  const folded = text.toLowerCase();
  for (const match of folded.matchAll(DETERMINER_EN)) if (words.includes(match[1] ?? '')) return true;
  for (const determiner of DETERMINERS_ZH) {
    for (let at = folded.indexOf(determiner); at >= 0; at = folded.indexOf(determiner, at + 1)) {
      const after = folded.slice(at + determiner.length).trimStart();
      if (words.some((word) => after.startsWith(word))) return true;
    }
  }
  return false;
}

/** Keyword rules overlap; these decide what the message is really about, in this order. */
function settleConflicts(intents: Set<Intent>, namesCouponOrLevel: boolean): void {
  const keepOnly = (intent: Intent) => {
    for (const other of [...intents]) if (other !== intent) intents.delete(other);
  };
  // A coupon or a level is a price question, unless the shopper is ordering with it.
  if (namesCouponOrLevel && !intents.has('place_order')) intents.add('price');
  // "are you a real person?" asks what we are, not for a person.
  if (intents.has('identity')) intents.delete('handoff');
  // Asking for others' data is refused whatever else the message says.
  if (intents.has('other_customer')) {
    keepOnly('other_customer');
    return;
  }
  // A request for a person wins: complaints, refunds and address changes are for staff.
  if (intents.has('handoff')) {
    keepOnly('handoff');
    return;
  }
  // "what did I buy" is about past orders, not a purchase.
  if (intents.has('list_orders')) intents.delete('place_order');
  // "order" is also the verb of placing one, and "track my order" is about the parcel.
  if (intents.has('place_order') || intents.has('cancel_order') || intents.has('list_orders')) intents.delete('order_status');
  if (intents.has('track')) intents.delete('order_status');
  if (intents.has('my_level')) for (const intent of ['price', 'order_status'] as const) intents.delete(intent);
}

const EMAIL_ANYWHERE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE_AFTER_KEYWORD =
  /(?:phone|mobile|tel|cell|手机号码|手机号|手机|电话号码|电话)\s*(?:number|no\.?|is|号码|号|是|为)?\s*[:：]?\s*(\+?[\d(][\d\s()-]{5,20}\d)/i;

function productPhraseOf(text: string, options: { remove: string[] }): string {
  let rest = text.replace(/['’](?:s|re|ll|d|m|ve|t)\b/gi, ' ').replace(/(?:\b[A-Z]{1,4} ?)?\b\d{2,}(?: \d{2,})+\b/g, ' ');
  for (const piece of options.remove.filter(Boolean).sort((a, b) => b.length - a.length)) {
    rest = rest.replace(new RegExp(piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' ');
  }
  // "两双", "3件": a quantity with its measure word; the measure word alone may be part of a name (双人帐篷).
  rest = rest
    .replace(/(?:\d+|[一二两俩三四五六七八九十]+)\s?[个件双只套条台瓶包盒顶把副箱支张份]/g, ' ')
    .replace(/(?<![A-Za-z\d])\d+(?![A-Za-z\d])/g, ' ');
  for (const word of [...ZH_FILLER].sort((a, b) => b.length - a.length)) rest = rest.split(word).join(' ');
  rest = rest.replace(/[一二两三四五六七八九十]+(?=\s|$)/g, ' ');
  const words = rest
    .split(/[\s\p{P}\p{S}]+/u)
    .map((word) => word.trim())
    .filter((word) => word && !EN_FILLER.has(word.toLowerCase()));
  return words.join(' ').trim();
}
