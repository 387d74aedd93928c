import { foldText, foldWords } from '@/lib/commerce/normalize';
import type { ConversationView } from './conversation';
import {
  phrases,
  type RenderContext,
  renderAvailability,
  renderCancelled,
  renderHandoff,
  renderOrder,
  renderOrderList,
  renderPlaced,
  renderProductNotFound,
  renderQuote,
  renderSearchResults,
  renderToolError,
  renderTracking,
} from './render';
import type { Intent, Language, ShopToolName, ToolOutcome, ToolOutputOf } from './types';
import { type ParsedMessage, parseMessage } from './understand';

export interface ToolCallPlan {
  toolName: ShopToolName;
  input: Record<string, unknown>;
}

/** The engine's next step: call tools (optionally saying something first), or answer. */
export type Step = { kind: 'call'; calls: ToolCallPlan[]; preface?: string } | { kind: 'answer'; text: string };

const TASKS: readonly Intent[] = [
  'stock',
  'price',
  'place_order',
  'order_status',
  'list_orders',
  'track',
  'cancel_order',
  'handoff',
];
/** Intents answered without looking anything up; they also stop a message from being read as a product name. */
const NON_TASKS: readonly Intent[] = ['greeting', 'thanks', 'goodbye', 'identity', 'my_level', 'other_customer'];
function isSocial(message: ParsedMessage): boolean {
  return NON_TASKS.some((intent) => message.intents.has(intent));
}
const INHERITABLE: readonly Intent[] = ['stock', 'price', 'order_status', 'list_orders', 'track'];
const PRODUCT_TASKS: readonly Intent[] = ['stock', 'price', 'place_order'];
const CANCELLABLE = new Set(['pending', 'paid', 'processing']);

type SearchResults = ToolOutputOf<'searchProducts'>['results'];
type ProductDecision =
  /** `carriedOver`: the product of earlier turns, although this turn searched (see keepDiscussed). */
  | { kind: 'found'; sku: string; name: string; carriedOver?: true }
  | { kind: 'not_found'; query: string; closest: SearchResults }
  | { kind: 'ambiguous'; results: SearchResults }
  | { kind: 'unknown' };

/**
 * Decides the next step from the whole conversation, every time from scratch: the engine keeps no
 * state between calls, so a retried or resumed turn decides the same way.
 */
export function planStep(view: ConversationView, toolsAvailable: boolean): Step {
  const fallback: Language = view.facts.locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const previousText = view.userMessages.at(-2);
  const previous = previousText ? parseMessage(previousText, view.facts, fallback) : null;
  const message = parseMessage(view.userMessages.at(-1) ?? '', view.facts, previous?.language ?? fallback);
  const ctx: RenderContext = { language: message.language, facts: view.facts };
  const request = resolveRequest(message, previous, view);
  const planner = new TurnPlanner(view, message, request, ctx);
  const calls = toolsAvailable ? planner.nextCalls() : [];
  if (calls.length > 0) return { kind: 'call', calls, ...(planner.preface && { preface: planner.preface }) };
  return { kind: 'answer', text: planner.answer() };
}

/** What the shopper wants now, with what earlier turns supply ("how much is it?", "and in Reno?", an email after we asked). */
interface Request {
  intents: Set<Intent>;
  orderId: string | null;
  contact: string | null;
  /** The product earlier turns were about; it answers only when this message names none of its own. */
  contextSku: string | null;
  /** Identifiers in this message that may be a product's SKU (not an order, tracking or phone number). */
  productIds: string[];
  /** The message names or identifies a product itself (words or a SKU), so it does not mean the earlier one. */
  namesProduct: boolean;
  quantity: number;
  couponCode: string | null;
  memberLevel: string | null;
  warehouses: string[];
}

function resolveRequest(message: ParsedMessage, previous: ParsedMessage | null, view: ConversationView): Request {
  const intents = new Set([...message.intents].filter((intent) => TASKS.includes(intent)));
  const { extracted } = message;
  const lastContactRequest = [...view.earlier].reverse().find((o) => !o.ok && o.error.code === 'contact_required');
  let ids = extracted.idCandidates;
  let contact = extracted.email ?? extracted.phone ?? null;
  // Right after we asked for the order's email or phone, a bare number is the phone, not another order number.
  const phoneAnswer = lastContactRequest && !contact ? ids.find(isPhoneLike) : undefined;
  if (phoneAnswer) {
    contact = phoneAnswer;
    ids = ids.filter((id) => id !== phoneAnswer);
  }
  contact ??= previous?.extracted.email ?? previous?.extracted.phone ?? lastContact(view.earlier);

  const social = isSocial(message);
  // "and in Reno?" continues a product conversation; a city in any other sentence is not a stock question.
  if (intents.size === 0 && extracted.warehouses.length > 0 && lastProductSku(view.earlier)) intents.add('stock');
  if (intents.size === 0 && !(social && !message.refersBack)) {
    if ((extracted.email || extracted.phone || phoneAnswer) && lastContactRequest) {
      intents.add(lastContactRequest.toolName === 'trackShipment' ? 'track' : 'order_status');
    } else if (
      message.extracted.productPhrase ||
      message.refersBack ||
      extracted.warehouses.length ||
      extracted.quantity !== null ||
      extracted.email ||
      extracted.phone ||
      extracted.couponCodes.length ||
      extracted.memberLevel ||
      ids.length
    ) {
      // Changing an order is never inherited: the shopper must ask for it in so many words.
      for (const intent of previous?.intents ?? []) if (INHERITABLE.includes(intent)) intents.add(intent);
      if (intents.size === 0) for (const intent of intentsOfCalls(view.earlier)) intents.add(intent);
      if (intents.size === 0 && ids.length) intents.add('order_status');
    }
  }

  const inheritedOrderId =
    (lastContactRequest && typeof lastContactRequest.input.orderId === 'string' ? lastContactRequest.input.orderId : null) ??
    (previous && ['order_status', 'track', 'cancel_order'].some((i) => previous.intents.has(i as Intent))
      ? previous.extracted.idCandidates[0]
      : null) ??
    null;
  const orderId =
    ids[0] ?? (intents.has('order_status') || intents.has('track') || intents.has('cancel_order') ? inheritedOrderId : null);

  // "what's happening with NW-100121? also how much are the poles": the number is a second, order question.
  const orderIntents = ['order_status', 'track', 'cancel_order', 'list_orders', 'place_order'] as const;
  if (ids.length > 0 && intents.size > 0 && extracted.productPhrase && !orderIntents.some((i) => intents.has(i))) {
    intents.add('order_status');
  }
  // "where is SF0000000000": a tracking number, whatever the question word.
  if (orderId && looksLikeTrackingNumber(orderId) && intents.has('order_status')) {
    intents.delete('order_status');
    intents.add('track');
  }

  // "买两个SP-1214-G一共多少钱": an identifier in a product question is a SKU, unless the message is about an order.
  const aboutOrders = intents.has('order_status') || intents.has('track') || intents.has('cancel_order');
  const phoneDigits = extracted.phone?.replace(/\D/g, '') ?? '';
  const productIds = aboutOrders
    ? []
    : ids.filter((id) => looksLikeProductId(id) && (phoneDigits === '' || id.replace(/\D/g, '') !== phoneDigits));
  const namesProduct = extracted.productPhrase !== '' || productIds.length > 0;

  return {
    intents,
    orderId,
    contact,
    contextSku: lastProductSku(view.earlier),
    productIds,
    namesProduct,
    // The quantity and level said for another product are not carried over to this one.
    quantity: extracted.quantity ?? (namesProduct ? null : lastQuotedQuantity(view.earlier)) ?? 1,
    couponCode: extracted.couponCodes[0] ?? null,
    memberLevel: extracted.memberLevel?.code ?? (namesProduct ? null : lastStatedLevel(view.earlier)),
    warehouses: extracted.warehouses,
  };
}

/**
 * A SKU-looking identifier: letters in it ("SP-1214-G", "bg1227") or a long number ("#100233").
 * Short bare numbers in a follow-up are prices, years or counts ("is it still 1299?").
 */
function looksLikeProductId(id: string): boolean {
  return /[A-Za-z]/.test(id) || id.replace(/\D/g, '').length >= 5;
}

/** The email or phone a guest already proved an order with, for the follow-up questions about it. */
function lastContact(outcomes: readonly ToolOutcome[]): string | null {
  for (const outcome of [...outcomes].reverse()) {
    if (outcome.ok && typeof outcome.input.contact === 'string') return outcome.input.contact;
  }
  return null;
}

/** "and with BIGSPEND50?" after a quote for a stated level: still that level. */
function lastStatedLevel(outcomes: readonly ToolOutcome[]): string | null {
  for (const outcome of [...outcomes].reverse()) {
    if (outcome.toolName === 'quotePrice')
      return typeof outcome.input.memberLevel === 'string' ? outcome.input.memberLevel : null;
  }
  return null;
}

/** "with WELCOME20?" after a quote for four: the shopper still means four. */
function lastQuotedQuantity(outcomes: readonly ToolOutcome[]): number | null {
  for (const outcome of [...outcomes].reverse()) {
    if (outcome.toolName === 'quotePrice' && outcome.ok) return outcome.output.quantity;
    if (outcome.toolName === 'checkInventory' || outcome.toolName === 'searchProducts') return null;
  }
  return null;
}

function intentsOfCalls(outcomes: readonly ToolOutcome[]): Intent[] {
  const last = outcomes.at(-1);
  if (!last) return [];
  // Searches say nothing about what was asked, unless the last call was one.
  const turnCalls = last.toolName === 'searchProducts' ? outcomes : outcomes.filter((o) => o.toolName !== 'searchProducts');
  const byTool: Partial<Record<ShopToolName, Intent>> = {
    checkInventory: 'stock',
    quotePrice: 'price',
    getOrder: 'order_status',
    trackShipment: 'track',
  };
  return [...new Set(turnCalls.slice(-2).flatMap((o) => (byTool[o.toolName] ? [byTool[o.toolName] as Intent] : [])))];
}

/** The product the conversation was last about: the SKU of the latest product call or single search hit. */
function lastProductSku(outcomes: readonly ToolOutcome[]): string | null {
  for (const outcome of [...outcomes].reverse()) {
    if (!outcome.ok) continue;
    if (outcome.toolName === 'checkInventory' || outcome.toolName === 'quotePrice') return outcome.output.sku;
    if (outcome.toolName === 'searchProducts') {
      const decision = decideProduct(outcome.output.query, outcome.output.results);
      if (decision.kind === 'found') return decision.sku;
    }
  }
  return null;
}

/**
 * One clear winner, or a list to choose from, or nothing close enough. The search's own score
 * rewards the query as one piece; shoppers' words come in any order ("ridgeline tent" for
 * "Ridgeline 2-Person Tent"), so how many of their words a product's name (and aliases) holds counts too.
 */
function decideProduct(query: string, results: SearchResults): ProductDecision {
  const ranked = results
    .map((result) => {
      const inName = coverage(query, [result.name]);
      const inAny = coverage(query, [result.name, result.sku, ...result.aliases]);
      // And the other way round: a query with extra words ("Breeze Headlamp for a camping trip") still names it whole.
      const named = Math.max(...[result.name, ...result.aliases].map((label) => coverage(label, [query])));
      return { result, inAny, named, relevance: result.score + inName + 0.5 * inAny + named };
    })
    .sort((a, b) => b.relevance - a.relevance);
  const [top, second] = ranked;
  if (!top || (top.result.score < 0.45 && top.inAny < 0.99 && top.named < 0.99))
    return { kind: 'not_found', query, closest: results.slice(0, 3) };
  const clear = top.result.score >= 0.85 || !second || top.relevance - second.relevance >= 0.2;
  if (clear) return { kind: 'found', sku: top.result.sku, name: top.result.name };
  return {
    kind: 'ambiguous',
    results: ranked
      .filter((r) => r.relevance >= top.relevance - 0.2)
      .map((r) => r.result)
      .slice(0, 5),
  };
}

/** How completely the query names the product: the best share of one label's words found in the query. */
function namedBy(query: string, labels: string[]): number {
  return Math.max(0, ...labels.map((label) => coverage(label, [query])));
}

/** Share of the query's words found in the texts (Chinese runs count as one word each). */
function coverage(query: string, texts: string[]): number {
  const words = foldWords(query).split(' ').filter(Boolean);
  if (words.length === 0) return 0;
  const haystack = texts.map(foldText).join(' ');
  return words.filter((word) => haystack.includes(foldText(word))).length / words.length;
}

class TurnPlanner {
  /** Said before calls that wait for the shopper's confirmation. */
  preface: string | undefined;
  private readonly done: ToolOutcome[];

  constructor(
    private readonly view: ConversationView,
    private readonly message: ParsedMessage,
    private readonly request: Request,
    private readonly ctx: RenderContext,
  ) {
    this.done = view.turn;
  }

  private called<NAME extends ShopToolName>(
    toolName: NAME,
    matches: (input: Record<string, unknown>) => boolean = () => true,
  ): Extract<ToolOutcome, { toolName: NAME }> | undefined {
    return this.done.find((o): o is Extract<ToolOutcome, { toolName: NAME }> => o.toolName === toolName && matches(o.input));
  }

  private get signedIn(): boolean {
    return this.view.facts.shopper.signedIn;
  }

  /**
   * The product this turn is about, as far as the tools have told us so far. A product the message
   * names or identifies itself (a SKU, "那款专业泳镜", "the Pro Swim Goggles") is looked up, even
   * next to "it"/"那个"; only a message with no product of its own ("how much is it?", "两个那个")
   * means the earlier turns' product.
   */
  private product(): ProductDecision {
    const search = this.called('searchProducts');
    if (search) {
      if (!search.ok) return { kind: 'unknown' };
      const decision = decideProduct(search.output.query, search.output.results);
      return this.keepDiscussed(decision, search.output.results) ?? decision;
    }
    const picked = this.pickFromEarlierList();
    if (picked) return picked;
    if (this.request.contextSku && !this.request.namesProduct) {
      return { kind: 'found', sku: this.request.contextSku, name: '' };
    }
    return { kind: 'unknown' };
  }

  /**
   * The earlier product still answers a search for this message's words when the words fit it:
   * "那款太阳镜" or "that trekking pack" right after the sky-blue sunglasses or the red pack
   * (several products match the words, and it names the discussed one at least as well as any), or
   * "great, I'll take two of those" (words that name no product at all, beside a back-reference).
   * A SKU never does: it is exact.
   */
  private keepDiscussed(decision: ProductDecision, results: SearchResults): ProductDecision | null {
    const { contextSku, productIds } = this.request;
    const phrase = this.message.extracted.productPhrase;
    if (!contextSku || productIds.length > 0 || !phrase) return null;
    const carried: ProductDecision = { kind: 'found', sku: contextSku, name: '', carriedOver: true };
    if (decision.kind === 'not_found') return this.message.refersBack && !this.message.refersByName ? carried : null;
    if (decision.kind !== 'found' && decision.kind !== 'ambiguous') return null;
    if (decision.kind === 'found' && decision.sku === contextSku) return null;
    const discussed = results.find((r) => r.sku === contextSku) ?? this.earlierLabels(contextSku);
    if (!discussed) return null;
    const discussedLabels = [discussed.name, ...discussed.aliases];
    if (coverage(phrase, discussedLabels) < 0.99) return null;
    if (decision.kind === 'ambiguous') return carried;
    const other = results.find((r) => r.sku === decision.sku);
    const otherLabels = other ? [other.name, ...other.aliases] : [decision.name];
    return namedBy(phrase, discussedLabels) >= namedBy(phrase, otherLabels) ? carried : null;
  }

  /** The name and aliases of a product from earlier turns' results (a search lists aliases; other tools only the name). */
  private earlierLabels(sku: string): { name: string; aliases: string[] } | null {
    let name: string | null = null;
    for (const outcome of [...this.view.earlier].reverse()) {
      if (!outcome.ok) continue;
      if (outcome.toolName === 'searchProducts') {
        const hit = outcome.output.results.find((r) => r.sku === sku);
        if (hit) return { name: hit.name, aliases: hit.aliases };
      }
      if ((outcome.toolName === 'checkInventory' || outcome.toolName === 'quotePrice') && outcome.output.sku === sku)
        name ??= outcome.output.name;
    }
    return name === null ? null : { name, aliases: [] };
  }

  private describeLevel(): string {
    const { shopper } = this.view.facts;
    if (!shopper.signedIn) return phrases.askSignIn(this.ctx, 'list');
    const level = shopper.memberLevel;
    const discount = level ? this.view.facts.memberLevels.find((l) => l.code === level.code)?.discountPercent : undefined;
    if (this.ctx.language === 'zh') {
      return level
        ? `您是${level.name}（${level.code}），购物可享 ${discount ?? '?'}% 会员折扣。`
        : '您的账户目前还没有会员等级。';
    }
    return level
      ? `You're a ${level.name} member (${level.code}), which gives you ${discount ?? '?'}% off.`
      : "Your account doesn't have a member level yet.";
  }

  /** "The red one" right after we listed several: pick among those before searching the whole catalogue. */
  private pickFromEarlierList(): ProductDecision | null {
    const phrase = this.message.extracted.productPhrase;
    const lastSearch = [...this.view.earlier].reverse().find((o) => o.toolName === 'searchProducts');
    if (!phrase || !lastSearch?.ok || lastSearch.toolName !== 'searchProducts') return null;
    const listed = decideProduct(lastSearch.output.query, lastSearch.output.results);
    if (listed.kind !== 'ambiguous') return null;
    const matching = listed.results.filter((r) => coverage(phrase, [r.name, r.sku, ...r.aliases]) >= 0.99);
    const [only] = matching;
    return matching.length === 1 && only ? { kind: 'found', sku: only.sku, name: only.name } : null;
  }

  nextCalls(): ToolCallPlan[] {
    if (this.view.denied.length > 0) return [];
    const { intents } = this.request;
    const calls: ToolCallPlan[] = [];
    if (intents.has('handoff') && !this.called('handOffToHuman')) {
      return [{ toolName: 'handOffToHuman', input: { reason: `Shopper asked: ${this.message.text.slice(0, 180)}` } }];
    }
    if (PRODUCT_TASKS.some((intent) => intents.has(intent))) calls.push(...this.productCalls());
    else if (this.browsing() && !this.called('searchProducts')) {
      calls.push({ toolName: 'searchProducts', input: { query: this.message.extracted.productPhrase, limit: 5 } });
    }
    if (intents.has('list_orders') && this.signedIn && !this.called('listMyOrders'))
      calls.push({ toolName: 'listMyOrders', input: { limit: 10 } });
    if (intents.has('order_status')) calls.push(...this.orderCalls('getOrder'));
    if (intents.has('track')) calls.push(...this.orderCalls('trackShipment'));
    if (intents.has('cancel_order')) calls.push(...this.cancelCalls());
    // One listMyOrders serves every order intent of the step.
    return calls.filter(
      (call, index) => calls.findIndex((c) => c.toolName === call.toolName && sameInput(c.input, call.input)) === index,
    );
  }

  private isProductTurn(): boolean {
    return PRODUCT_TASKS.some((intent) => this.request.intents.has(intent));
  }

  /** Only a name, no question: show what the catalogue has under it (or treat it as off-topic if nothing). */
  private browsing(): boolean {
    const social = isSocial(this.message);
    return (
      this.request.intents.size === 0 &&
      !social &&
      this.message.extracted.productPhrase.length > 0 &&
      looksLikeAName(this.message.text)
    );
  }

  private productCalls(): ToolCallPlan[] {
    const { intents } = this.request;
    const decision = this.product();
    if (decision.kind === 'unknown') {
      // A SKU looks like any other identifier, so with no product words the identifier is searched.
      const phrase =
        this.message.extracted.productPhrase || this.request.productIds[0] || this.message.extracted.idCandidates[0] || '';
      if (phrase && !this.called('searchProducts')) return [{ toolName: 'searchProducts', input: { query: phrase, limit: 5 } }];
      return [];
    }
    if (decision.kind !== 'found') return [];
    const { sku } = decision;
    const calls: ToolCallPlan[] = [];
    if (intents.has('stock') && !this.called('checkInventory', (i) => i.sku === sku))
      calls.push({ toolName: 'checkInventory', input: { sku } });
    const wantsQuote = intents.has('price') || intents.has('place_order');
    const quoteInput = {
      sku,
      quantity: this.request.quantity,
      ...(this.request.memberLevel && { memberLevel: this.request.memberLevel }),
      ...(this.request.couponCode && { couponCode: this.request.couponCode }),
    };
    const quote = this.called('quotePrice', (i) => i.sku === sku);
    if (wantsQuote && !quote) calls.push({ toolName: 'quotePrice', input: quoteInput });
    if (intents.has('place_order') && quote?.ok && this.signedIn && !this.called('placeOrder')) {
      const coupon = quote.output.coupon;
      calls.push({
        toolName: 'placeOrder',
        input: { items: [{ sku, quantity: this.request.quantity }], ...(coupon?.applied && { couponCode: coupon.code }) },
      });
      this.preface = `${renderQuote(quote.output, this.ctx)}\n\n${phrases.confirmPlacement(this.ctx)}`;
    }
    return calls;
  }

  /** getOrder or trackShipment: by the number the shopper gave, or for a signed-in shopper their latest fitting order. */
  private orderCalls(toolName: 'getOrder' | 'trackShipment'): ToolCallPlan[] {
    if (this.called(toolName)) return toolName === 'trackShipment' ? this.retryTracking() : [];
    const contact = this.signedIn ? null : this.request.contact;
    const withContact = contact ? { contact } : {};
    const orderId = this.request.orderId;
    if (orderId) {
      if (toolName === 'trackShipment' && looksLikeTrackingNumber(orderId))
        return [{ toolName, input: { trackingNumber: orderId } }];
      return [{ toolName, input: { orderId, ...withContact } }];
    }
    if (!this.signedIn) return [];
    const list = this.called('listMyOrders');
    // "where are my sneakers?": the shopper names the product, maybe by an alias; the search gives its SKU.
    const phrase = this.message.extracted.productPhrase;
    const wantsSearch = phrase !== '' && !this.called('searchProducts');
    if (!list) return [{ toolName: 'listMyOrders', input: { limit: 20 } }, ...(wantsSearch ? [searchFor(phrase)] : [])];
    if (!list.ok) return [];
    const chosen = this.chooseOrder(list.output.orders, toolName);
    if (!chosen) return [];
    return [{ toolName, input: { orderId: chosen } }];
  }

  /**
   * Cancelling: look at the order first, so the shopper is only asked to confirm a cancellation
   * that can happen; without an order number, list the orders that can still be cancelled.
   */
  private cancelCalls(): ToolCallPlan[] {
    if (!this.signedIn || this.called('cancelOrder')) return [];
    const orderId = this.request.orderId ?? this.cancellableOrderFromList();
    if (!orderId) {
      const phrase = this.message.extracted.productPhrase;
      if (this.request.orderId === null && !this.called('listMyOrders')) {
        return [
          { toolName: 'listMyOrders', input: { limit: 20 } },
          ...(phrase && !this.called('searchProducts') ? [searchFor(phrase)] : []),
        ];
      }
      return [];
    }
    const order = this.called('getOrder', (input) => input.orderId === orderId);
    if (!order) return [{ toolName: 'getOrder', input: { orderId } }];
    if (!order.ok || !CANCELLABLE.has(order.output.status)) return [];
    this.preface = `${renderOrder(order.output, this.ctx)}\n\n${phrases.confirmCancellation(this.ctx)}`;
    return [{ toolName: 'cancelOrder', input: { orderId } }];
  }

  /** The cancellable order the shopper described (by product, or "my latest order"); null when unclear. */
  private cancellableOrderFromList(): string | null {
    const list = this.called('listMyOrders');
    if (!list?.ok) return null;
    return this.chooseOrder(list.output.orders, 'cancelOrder');
  }

  /** A tracking number that is unknown may be an order number (and the other way round). */
  private retryTracking(): ToolCallPlan[] {
    const tries = this.done.filter((o) => o.toolName === 'trackShipment');
    const last = tries.at(-1);
    if (!last || last.ok || last.error.code !== 'not_found' || tries.length > 1) return [];
    const id =
      typeof last.input.trackingNumber === 'string'
        ? last.input.trackingNumber
        : typeof last.input.orderId === 'string'
          ? last.input.orderId
          : null;
    if (!id) return [];
    const contact = this.signedIn ? null : this.request.contact;
    // A guest without contact details would only be asked for them about an "order" that is a typo'd tracking number.
    if (typeof last.input.trackingNumber === 'string' && !this.signedIn && !contact) return [];
    return typeof last.input.trackingNumber === 'string'
      ? [{ toolName: 'trackShipment', input: { orderId: id, ...(contact && { contact }) } }]
      : [{ toolName: 'trackShipment', input: { trackingNumber: id } }];
  }

  private chooseOrder(orders: ToolOutputOf<'listMyOrders'>['orders'], toolName: ShopToolName): string | null {
    const candidates = toolName === 'cancelOrder' ? orders.filter((o) => CANCELLABLE.has(o.status)) : orders;
    const described = this.ordersWithDescribedProduct(candidates);
    if (described.length > 0) return described[0]?.id ?? null;
    if (toolName === 'cancelOrder') return LATEST.test(this.message.text) ? (candidates[0]?.id ?? null) : null;
    // Newest first: "my order" is the latest one that is still going somewhere.
    return orders.find((o) => o.status !== 'cancelled' && o.status !== 'refunded')?.id ?? orders[0]?.id ?? null;
  }

  /** Orders holding the product the shopper described: by the SKUs the search found, or by the item names. */
  private ordersWithDescribedProduct(orders: ToolOutputOf<'listMyOrders'>['orders']): ToolOutputOf<'listMyOrders'>['orders'] {
    const phrase = this.message.extracted.productPhrase;
    if (!phrase) return [];
    const search = this.called('searchProducts');
    const skus = new Set(search?.ok ? search.output.results.filter((r) => r.score >= 0.3).map((r) => r.sku) : []);
    return orders.filter((o) =>
      o.items.some((item) => skus.has(item.sku) || coverage(phrase, [item.name]) >= 0.5 || coverage(item.name, [phrase]) >= 0.99),
    );
  }

  /** The final text: what this turn's tool results say, in the shopper's language. */
  answer(): string {
    const { ctx } = this;
    const { intents } = this.request;
    if (this.view.denied.length > 0) {
      return this.view.denied.some((d) => d.toolName === 'cancelOrder')
        ? phrases.cancellationDeclined(ctx)
        : phrases.placementDeclined(ctx);
    }
    const parts: string[] = [];
    const fresh = this.done.slice(this.view.alreadyAnswered);
    for (const outcome of fresh) {
      const text = this.describe(outcome);
      if (text) parts.push(text);
    }
    if (intents.has('place_order') && !this.signedIn && parts.length > 0) parts.push(phrases.notSignedInForOrder(ctx));
    if (parts.length > 0) return parts.join('\n\n');
    if (fresh.length === 0 && this.done.length > 0) return '';
    return this.withoutResults(intents);
  }

  private describe(outcome: ToolOutcome): string | null {
    const { ctx } = this;
    if (!outcome.ok) {
      // A tracking number tried as an order number (or the reverse) reports only the last try.
      if (outcome.toolName === 'trackShipment' && this.done.filter((o) => o.toolName === 'trackShipment').at(-1) !== outcome)
        return null;
      if (outcome.error.code === 'contact_required') return phrases.askContact(ctx, String(outcome.input.orderId ?? ''));
      return renderToolError(outcome.toolName, outcome.error, ctx);
    }
    switch (outcome.toolName) {
      case 'searchProducts': {
        // The words turned out to mean the product discussed before: its lookups answer, not this search.
        if (this.isProductTurn() && outcome === this.called('searchProducts')) {
          const chosen = this.product();
          if (chosen.kind === 'found' && chosen.carriedOver) return null;
        }
        const decision = decideProduct(outcome.output.query, outcome.output.results);
        if (decision.kind === 'not_found') {
          return this.browsing() ? phrases.outOfScope(ctx) : renderProductNotFound(decision.query, decision.closest, ctx);
        }
        if (decision.kind === 'ambiguous')
          return `${renderSearchResults({ ...outcome.output, results: decision.results }, ctx)}\n${phrases.askWhichProduct(ctx)}`;
        // Found: the follow-up lookups speak for it, unless the shopper only named a product.
        return this.done.some((o) => o.toolName !== 'searchProducts') ? null : renderSearchResults(outcome.output, ctx);
      }
      case 'checkInventory':
        return renderAvailability(outcome.output, ctx, this.request.warehouses);
      case 'quotePrice':
        return renderQuote(outcome.output, ctx);
      case 'getOrder': {
        const order = renderOrder(outcome.output, ctx);
        if (!this.request.intents.has('cancel_order') || CANCELLABLE.has(outcome.output.status)) return order;
        return `${order}\n\n${renderToolError('cancelOrder', { code: 'not_cancellable', message: '' }, ctx)}`;
      }
      case 'listMyOrders': {
        if (this.request.intents.has('cancel_order') && !this.called('cancelOrder') && !this.called('getOrder')) {
          const cancellable = outcome.output.orders.filter((o) => CANCELLABLE.has(o.status));
          if (cancellable.length === 0) return phrases.noCancellableOrder(ctx);
          return `${phrases.askWhichOrderToCancel(ctx)}\n${renderOrderList({ orders: cancellable, nextCursor: null }, ctx)}`;
        }
        return this.request.intents.has('list_orders') || this.done.length === 1 ? renderOrderList(outcome.output, ctx) : null;
      }
      case 'trackShipment':
        return renderTracking(outcome.output, ctx);
      case 'placeOrder':
        return renderPlaced(outcome.output, ctx);
      case 'cancelOrder':
        return renderCancelled(outcome.output, ctx);
      case 'handOffToHuman':
        return renderHandoff(outcome.output, ctx);
    }
  }

  /** Nothing was looked up: say what is missing, or answer the small talk. */
  private withoutResults(intents: Set<Intent>): string {
    const { ctx, message } = this;
    if (intents.has('place_order') && !this.signedIn) return phrases.notSignedInForOrder(ctx);
    if (intents.has('cancel_order') && !this.signedIn) return phrases.askSignIn(ctx, 'cancel');
    if (intents.has('list_orders') && !this.signedIn) return phrases.askSignIn(ctx, 'list');
    if (intents.has('price') && COUPON_WORD.test(message.text) && this.request.couponCode === null)
      return phrases.askCouponCode(ctx);
    if (PRODUCT_TASKS.some((intent) => intents.has(intent))) return phrases.askWhichProduct(ctx);
    if (intents.has('order_status') || intents.has('track') || intents.has('cancel_order')) {
      if (this.signedIn) return renderOrderList({ orders: [], nextCursor: null }, ctx);
      return phrases.askOrderNumber(ctx);
    }
    if (message.intents.has('other_customer')) return phrases.refuseOtherCustomers(ctx);
    if (message.intents.has('my_level')) return this.describeLevel();
    if (message.intents.has('identity')) return phrases.identity(ctx);
    if (message.intents.has('thanks')) return phrases.thanks(ctx);
    if (message.intents.has('goodbye')) return phrases.goodbye(ctx);
    if (message.intents.has('greeting') || message.text.length === 0) return phrases.greeting(ctx);
    return phrases.outOfScope(ctx);
  }
}

const COUPON_WORD = /coupon|promo|voucher|优惠券|优惠码|券/i;
const QUESTION_WORDS =
  /\b(?:what|how|why|when|who|whose|could you|can you|help|write|tell me|explain)\b|怎么|为什么|帮我写|作业|告诉我|能不能帮/i;

/** A bare product name ("限量球鞋", "ridgeline tent"), not a question about something else. */
function looksLikeAName(text: string): boolean {
  if (QUESTION_WORDS.test(text)) return false;
  const han = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = text.split(/\s+/).filter(Boolean).length;
  return han > 0 ? han <= 14 : words <= 6;
}

const LATEST = /\b(?:latest|last|recent|newest|most recent)\b|最近|上一|最新|刚才|刚刚/i;

function searchFor(query: string): ToolCallPlan {
  return { toolName: 'searchProducts', input: { query, limit: 5 } };
}

function isPhoneLike(token: string): boolean {
  const digits = token.replace(/\D/g, '');
  return /^\+?[\d\s()-]+$/.test(token) && digits.length >= 7 && digits.length <= 15;
}

function looksLikeTrackingNumber(id: string): boolean {
  return /^[A-Za-z0-9]{10,}$/.test(id) && /\d{6,}/.test(id);
}

function sameInput(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
