import type { Language, ShopToolName, StoreFacts, ToolError, ToolOutputOf } from './types';

/**
 * The offline engine's answers, written from tool results in Chinese or English. Pure and
 * deterministic: the same output and context always give the same text. Nothing is said that
 * the tool output does not contain; amounts are printed exactly as the store computed them.
 *
 * Layout lives in the render functions below; every word a shopper reads lives in the two
 * tables ZH and EN, one entry per message, so the wording can be reviewed side by side.
 */
export interface RenderContext {
  language: Language;
  facts: StoreFacts;
}

type Availability = ToolOutputOf<'checkInventory'>;
type Quote = ToolOutputOf<'quotePrice'>;
type CouponReason = NonNullable<NonNullable<Quote['coupon']>['reason']>;
type OrderView = ToolOutputOf<'getOrder'>;
type OrderStatus = OrderView['status'];
type OrderList = ToolOutputOf<'listMyOrders'>;
type Tracking = ToolOutputOf<'trackShipment'>;
type ShipmentTracking = Extract<Tracking, { lookup: 'order' }>['shipments'][number];
type SearchOutput = ToolOutputOf<'searchProducts'>;
type Handoff = ToolOutputOf<'handOffToHuman'>;
type SignInAction = 'list' | 'order' | 'cancel';

const SHIPMENT_STATUSES = ['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned'] as const;
type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
const ORDER_STATUSES = [
  'pending',
  'paid',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
] as const satisfies readonly OrderStatus[];

// ---------------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------------

/** How long delivery takes, from a warehouse's min–max days. */
interface Days {
  min: number;
  max: number;
}

interface Wording {
  /** Joins names in a running sentence. */
  list: (items: string[]) => string;
  /** "name (detail)" */
  withDetail: (name: string, detail: string) => string;
  itemLine: (name: string, quantity: number) => string;
  items: (items: { name: string; quantity: number }[]) => string;
  total: (amount: string) => string;

  // Stock
  stockHeader: (name: string, sku: string, total: number) => string;
  warehouseStock: (warehouse: string, available: number, days: Days) => string;
  warehouseEmpty: (warehouse: string) => string;
  warehousesWithout: (warehouses: string[]) => string;
  focusHeader: (name: string, sku: string) => string;
  stockElsewhere: (available: number) => string;
  stockInTotal: (available: number) => string;
  outOfStock: (name: string, sku: string) => string;
  discontinued: (name: string, sku: string) => string;

  // Prices
  quoteHeader: (name: string, sku: string) => string;
  quoteLine: (unitPrice: string, quantity: number, subtotal: string) => string;
  memberAccount: (level: string, percent: string, discount: string) => string;
  memberStated: (level: string, percent: string, discount: string) => string;
  statedEstimate: (level: string, signedIn: boolean) => string;
  couponApplied: (code: string, discount: string) => string;
  couponRejected: (code: string, reason: string) => string;
  /** `afterMember`: the minimum spend is compared with the price after a member discount the shopper has. */
  couponReason: (
    reason: CouponReason | undefined,
    minSpend: string | null,
    afterMember: boolean,
    scope: 'product' | 'order',
  ) => string;
  quoteDiscontinued: string;

  // Orders
  orderStatus: Record<OrderStatus, string>;
  orderHeader: (id: string, status: string) => string;
  placedOn: (date: string) => string;
  itemsLabel: string;
  couponUsed: (code: string) => string;
  shippingFee: (amount: string) => string;
  shipmentsLabel: string;
  shipmentSummary: (carrier: string, trackingNumber: string, status: string, eta: string | null) => string;
  shipToCity: (city: string) => string;
  orderListHeader: (count: number) => string;
  orderListLine: (id: string, date: string, status: string, total: string, items: string) => string;
  olderOrders: string;
  noOrders: string;

  // Tracking
  shipmentStatus: Record<ShipmentStatus, string>;
  shipmentHeader: (carrier: string, trackingNumber: string, status: string, eta: string | null) => string;
  latestEvent: (time: string, location: string | null, description: string) => string;
  earlierEvent: (time: string, location: string | null, description: string) => string;
  noEvents: string;
  exceptionExplained: string;
  returnedExplained: string;
  orderShipments: (orderId: string, count: number) => string;
  notShippedYet: (orderId: string) => string;

  // Placing and cancelling
  placed: (id: string, status: string) => string;
  replayed: (id: string, status: string) => string;
  cancelled: (id: string) => string;
  refundIfPaid: (total: string) => string;
  stockReleased: string;

  // Search
  searchHeader: string;
  searchLine: (name: string, sku: string, price: string, discontinued: boolean) => string;
  moreResults: (count: number) => string;
  listPriceNote: string;
  notFound: (query: string) => string;
  didYouMean: (names: string[]) => string;
  askNameOrSku: string;

  // Hand-off
  handoff: Record<Handoff['status'], string>;

  // Errors
  productNotFound: string;
  orderNotFound: (signedIn: boolean) => string;
  trackingNotFound: string;
  customerNotFound: string;
  contactRequired: string;
  signInGeneric: (store: string) => string;
  notEnoughStock: (available: number, requested: number) => string;
  outOfStockError: string;
  productUnavailable: string;
  notCancellable: (status: string | null) => string;
  couponNotApplicable: (reason: string | null) => string;
  invalidInput: (message: string) => string;
  tryAgain: string;

  // Conversation
  greeting: (store: string, shopperName: string | null) => string;
  thanks: string;
  goodbye: (store: string) => string;
  identity: (store: string) => string;
  outOfScope: string;
  askWhichProduct: string;
  askOrderNumber: string;
  askCouponCode: string;
  askWhichOrderToCancel: string;
  noCancellableOrder: string;
  askContact: (orderId: string) => string;
  askSignIn: (action: SignInAction, store: string) => string;
  confirmPlacement: string;
  confirmCancellation: string;
  placementDeclined: string;
  cancellationDeclined: string;
  refuseOtherCustomers: string;
}

/** "Northwind's", "Northwind Outfitters'" */
function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

function days(d: Days, one: string, many: string): string {
  if (d.min === d.max) return `${d.min} ${d.min === 1 ? one : many}`;
  return `${d.min}–${d.max} ${many}`;
}

const ZH: Wording = {
  list: (items) => items.join('、'),
  withDetail: (name, detail) => `${name}（${detail}）`,
  itemLine: (name, quantity) => `- ${name} × ${quantity}`,
  items: (items) => items.map((i) => `${i.name} × ${i.quantity}`).join('、'),
  total: (amount) => `合计：${amount}`,

  stockHeader: (name, sku, total) => `${name}（${sku}）目前共有 ${total} 件可售：`,
  warehouseStock: (warehouse, available, d) => `- ${warehouse}：${available} 件，约 ${days(d, '天', '天')}送达`,
  warehouseEmpty: (warehouse) => `- ${warehouse}：暂时无货`,
  warehousesWithout: (warehouses) => `${warehouses.join('、')}暂时无货。`,
  focusHeader: (name, sku) => `${name}（${sku}）的库存：`,
  stockElsewhere: (available) => `其他仓库还有 ${available} 件可售。`,
  stockInTotal: (available) => `所有仓库共有 ${available} 件可售。`,
  outOfStock: (name, sku) => `抱歉，${name}（${sku}）目前所有仓库都缺货。`,
  discontinued: (name, sku) => `${name}（${sku}）已停产，不再销售，无法下单。`,

  quoteHeader: (name, sku) => `${name}（${sku}）的价格：`,
  quoteLine: (unitPrice, quantity, subtotal) => `- 单价 ${unitPrice} × ${quantity} 件 = ${subtotal}`,
  memberAccount: (level, percent, discount) => `- 您的${level}价：优惠 ${percent}%，-${discount}`,
  memberStated: (level, percent, discount) => `- ${level}优惠 ${percent}%：-${discount}`,
  statedEstimate: (level, signedIn) =>
    signedIn
      ? `以上是${level}的参考价格；您下单时会按您账户的会员等级计价。`
      : `以上是${level}的参考价格，登录后会按您账户的会员等级确认。`,
  couponApplied: (code, discount) => `- 优惠券 ${code}：-${discount}`,
  couponRejected: (code, reason) => `- 优惠券 ${code} 无法使用：${reason}`,
  couponReason: (reason, minSpend, afterMember, scope) => {
    switch (reason) {
      case 'unknown':
        return '没有这个优惠码';
      case 'expired':
        return '已过期';
      case 'not_yet_valid':
        return '还没到可以使用的时间';
      case 'used_up':
        return '使用次数已达上限';
      case 'below_minimum_spend':
        if (!minSpend) return '未达到最低消费金额';
        return `需满 ${minSpend} 才能使用${afterMember ? '（按会员折后金额计算）' : ''}`;
      case 'not_applicable':
        return scope === 'product' ? '不适用于这件商品' : '不适用于所选商品';
      default:
        return '不符合使用条件';
    }
  },
  quoteDiscontinued: '注意：该商品已停产，无法下单。',

  orderStatus: {
    pending: '待付款',
    paid: '已付款',
    processing: '处理中',
    shipped: '已发货',
    delivered: '已送达',
    cancelled: '已取消',
    refunded: '已退款',
  },
  orderHeader: (id, status) => `订单 ${id}：${status}`,
  placedOn: (date) => `下单日期：${date}`,
  itemsLabel: '商品：',
  couponUsed: (code) => `优惠券：${code}`,
  shippingFee: (amount) => `运费：${amount}`,
  shipmentsLabel: '物流：',
  shipmentSummary: (carrier, trackingNumber, status, eta) =>
    `- ${carrier}，运单号 ${trackingNumber}：${status}${eta ? `，预计 ${eta} 送达` : ''}`,
  shipToCity: (city) => `收货城市：${city}`,
  orderListHeader: (count) => (count === 1 ? '您最近的订单：' : `您最近的 ${count} 个订单：`),
  orderListLine: (id, date, status, total, items) => `- ${id}（${date}）：${status}，${total}，${items}`,
  olderOrders: '还有更早的订单，需要的话告诉我。',
  noOrders: '您还没有订单。',

  shipmentStatus: {
    label_created: '已生成运单，等待揽收',
    in_transit: '运输中',
    out_for_delivery: '派送中',
    delivered: '已签收',
    exception: '运输异常',
    returned: '已退回',
  },
  shipmentHeader: (carrier, trackingNumber, status, eta) =>
    `${carrier} 运单 ${trackingNumber}：${status}${eta ? `，预计 ${eta} 送达` : ''}。`,
  latestEvent: (time, location, description) => `最新动态：${time}${location ? ` ${location}` : ''}，${description}`,
  earlierEvent: (time, location, description) => `此前：${time}${location ? ` ${location}` : ''}，${description}`,
  noEvents: '暂时还没有物流动态。',
  exceptionExplained: '承运商报告这个包裹在运输中出现了异常，可能会延迟送达。需要的话，我可以为您转接人工客服跟进。',
  returnedExplained: '这个包裹已被退回寄件方，不会再派送给您。需要的话，我可以为您转接人工客服处理后续事宜。',
  orderShipments: (orderId, count) => (count === 1 ? `订单 ${orderId} 的物流信息：` : `订单 ${orderId} 共有 ${count} 个包裹：`),
  notShippedYet: (orderId) => `订单 ${orderId} 还没有发货，发货后就能查到物流信息。`,

  placed: (id, status) => `下单成功！订单号：${id}，状态：${status}。`,
  replayed: (id, status) => `这笔订单之前已经提交过了，没有重复下单。订单号：${id}，状态：${status}。`,
  cancelled: (id) => `订单 ${id} 已取消。`,
  refundIfPaid: (total) => `如果您已经付款，订单金额 ${total} 会退还给您。`,
  stockReleased: '为您预留的商品已释放。',

  searchHeader: '为您找到以下商品：',
  searchLine: (name, sku, price, discontinued) => `- ${name}（${sku}）：${price}${discontinued ? '（已停产）' : ''}`,
  moreResults: (count) => `另外还有 ${count} 个相关商品。`,
  listPriceNote: '以上为标价；需要会员价或使用优惠券的价格，我可以帮您报价。',
  notFound: (query) => `抱歉，没有找到“${query}”。`,
  didYouMean: (names) => `您是不是要找：${names.join('、')}？`,
  askNameOrSku: '请告诉我商品名称或 SKU。',

  handoff: {
    waiting_human: '好的，我已为您转接人工客服，同事会在这个对话里尽快回复您。',
    human: '人工客服已经在处理这个对话，请在这里稍候回复。',
    bot: '抱歉，暂时无法转接人工客服，请稍后再试。',
    closed: '抱歉，这个对话已经结束，无法转接人工客服。',
  },

  productNotFound: '没有找到这件商品。请告诉我商品名称或 SKU，我再帮您查。',
  orderNotFound: (signedIn) =>
    signedIn ? '没有找到这个订单，请核对一下订单号。' : '没有找到这个订单，请核对订单号，以及下单时使用的邮箱或手机号。',
  trackingNotFound: '没有找到这个运单号，请核对后再发给我。',
  customerNotFound: '没有找到您的账户信息，请重新登录后再试。',
  contactRequired: '为了确认订单是您的，请提供下单时使用的邮箱或手机号。',
  signInGeneric: (store) => `请先在${store}的网站上登录，然后再试一次。`,
  notEnoughStock: (available, requested) =>
    available > 0
      ? `库存不足：目前只有 ${available} 件可售，您要的是 ${requested} 件。要调整数量吗？`
      : '这件商品目前缺货，暂时无法下单。',
  outOfStockError: '库存不足，暂时无法按这个数量下单。',
  productUnavailable: '这件商品已停产，无法下单。',
  notCancellable: (status) =>
    `${status ? `这个订单当前${status}，` : '这个订单'}已经无法取消了（只有待付款、已付款或处理中的订单可以取消）。需要的话，我可以为您转接人工客服，例如办理退货。`,
  couponNotApplicable: (reason) => `这张优惠券无法用于这笔订单${reason ? `：${reason}` : ''}。要不要不使用优惠券直接下单？`,
  invalidInput: (message) => `抱歉，这个请求无法处理：${message}`,
  tryAgain: '抱歉，暂时查不到，请稍后再试。',

  greeting: (store, shopperName) =>
    `${shopperName ? `${shopperName}，您好！` : '您好！'}我是${store}的客服助手。\n我可以帮您查询库存、价格和优惠券、订单以及物流，请问有什么可以帮您？`,
  thanks: '不客气！还有其他需要随时告诉我。',
  goodbye: (store) => `感谢光临${store}，再见！`,
  identity: (store) =>
    `我是${store}的内置客服助手，一个基于规则的程序，不是 AI 大语言模型。我根据店铺的实时数据回答问题，需要的话也可以为您转接人工客服。`,
  outOfScope: '抱歉，这个问题我在这里帮不上忙。我可以查询库存、价格、订单和物流；需要的话，我可以为您转接人工客服。',
  askWhichProduct: '请问您想了解哪件商品？告诉我商品名称或 SKU 就可以。',
  askOrderNumber: '请告诉我您的订单号。',
  askCouponCode: '请告诉我优惠券的券码，以及您想买的商品，我帮您算一下能优惠多少。',
  askWhichOrderToCancel: '您想取消哪个订单？请告诉我订单号。以下订单目前还可以取消：',
  noCancellableOrder: '您目前没有可以取消的订单：已发货或已完成的订单无法取消。需要的话我可以为您转接人工客服。',
  askContact: (orderId) => `为了确认订单 ${orderId} 是您的，请提供下单时使用的邮箱或手机号。`,
  askSignIn: (action, store) => {
    switch (action) {
      case 'list':
        return `查看您的订单列表需要先在${store}的网站上登录。如果您有订单号，也可以告诉我订单号和下单时使用的邮箱或手机号。`;
      case 'order':
        return `下单需要先在${store}的网站上登录，登录后再告诉我要买什么。`;
      case 'cancel':
        return `取消订单需要先在${store}的网站上登录，登录后再告诉我要取消哪个订单。`;
    }
  },
  confirmPlacement: '请在下方窗口中确认订单，确认后才会下单。',
  confirmCancellation: '请在下方窗口中确认是否取消这个订单。',
  placementDeclined: '好的，没有下单。',
  cancellationDeclined: '好的，订单没有取消。',
  refuseOtherCustomers: '抱歉，我只能查看您自己的订单。',
};

const EN: Wording = {
  list: (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`),
  withDetail: (name, detail) => `${name} (${detail})`,
  itemLine: (name, quantity) => `- ${name} × ${quantity}`,
  items: (items) => items.map((i) => `${i.name} × ${i.quantity}`).join(', '),
  total: (amount) => `Total: ${amount}`,

  stockHeader: (name, sku, total) => `${name} (${sku}): ${total} available in total.`,
  warehouseStock: (warehouse, available, d) => `- ${warehouse}: ${available} available, delivery in ${days(d, 'day', 'days')}`,
  warehouseEmpty: (warehouse) => `- ${warehouse}: out of stock`,
  warehousesWithout: (warehouses) => `No stock at ${EN.list(warehouses)}.`,
  focusHeader: (name, sku) => `Stock of ${name} (${sku}):`,
  stockElsewhere: (available) => `Other warehouses have ${available} available.`,
  stockInTotal: (available) => `${available} available across all warehouses.`,
  outOfStock: (name, sku) => `Sorry, ${name} (${sku}) is currently out of stock in every warehouse.`,
  discontinued: (name, sku) => `${name} (${sku}) has been discontinued and is no longer sold.`,

  quoteHeader: (name, sku) => `Price for ${name} (${sku}):`,
  quoteLine: (unitPrice, quantity, subtotal) => `- ${unitPrice} × ${quantity} = ${subtotal}`,
  memberAccount: (level, percent, discount) => `- Your ${level} member price: ${percent}% off, -${discount}`,
  memberStated: (level, percent, discount) => `- ${level} member discount, ${percent}% off: -${discount}`,
  statedEstimate: (level, signedIn) =>
    signedIn
      ? `This is the price for ${level} members, for reference; an order is priced at your own account's level.`
      : `This is the price for ${level} members, an estimate; it is confirmed when you sign in.`,
  couponApplied: (code, discount) => `- Coupon ${code}: -${discount}`,
  couponRejected: (code, reason) => `- Coupon ${code} can't be used: ${reason}`,
  couponReason: (reason, minSpend, afterMember, scope) => {
    switch (reason) {
      case 'unknown':
        return 'there is no coupon with that code';
      case 'expired':
        return 'it has expired';
      case 'not_yet_valid':
        return 'it is not valid yet';
      case 'used_up':
        return 'it has been used up';
      case 'below_minimum_spend':
        if (!minSpend) return "the order doesn't reach its minimum spend";
        return `it needs a minimum spend of ${minSpend}${afterMember ? ' (after member discount)' : ''}`;
      case 'not_applicable':
        return scope === 'product' ? "it doesn't apply to this product" : "it doesn't apply to these products";
      default:
        return "it doesn't meet the coupon's conditions";
    }
  },
  quoteDiscontinued: "Note: this product is discontinued and can't be ordered.",

  orderStatus: {
    pending: 'awaiting payment',
    paid: 'paid',
    processing: 'being prepared',
    shipped: 'shipped',
    delivered: 'delivered',
    cancelled: 'cancelled',
    refunded: 'refunded',
  },
  orderHeader: (id, status) => `Order ${id}: ${status}`,
  placedOn: (date) => `Placed on ${date}`,
  itemsLabel: 'Items:',
  couponUsed: (code) => `Coupon: ${code}`,
  shippingFee: (amount) => `Shipping: ${amount}`,
  shipmentsLabel: 'Shipments:',
  shipmentSummary: (carrier, trackingNumber, status, eta) =>
    `- ${carrier}, tracking number ${trackingNumber}: ${status}${eta ? `, estimated delivery ${eta}` : ''}`,
  shipToCity: (city) => `Shipping to: ${city}`,
  orderListHeader: (count) => (count === 1 ? 'Your most recent order:' : `Your ${count} most recent orders:`),
  orderListLine: (id, date, status, total, items) => `- ${id} (${date}): ${status}, ${total}, ${items}`,
  olderOrders: 'There are older orders too; just ask if you would like to see them.',
  noOrders: 'You have no orders yet.',

  shipmentStatus: {
    label_created: 'label created, waiting for pickup',
    in_transit: 'in transit',
    out_for_delivery: 'out for delivery',
    delivered: 'delivered',
    exception: 'delivery problem',
    returned: 'returned to sender',
  },
  shipmentHeader: (carrier, trackingNumber, status, eta) =>
    `${carrier} shipment ${trackingNumber}: ${status}${eta ? `, estimated delivery ${eta}` : ''}.`,
  latestEvent: (time, location, description) => `Latest update: ${time}${location ? `, ${location}` : ''}: ${description}`,
  earlierEvent: (time, location, description) => `Before that: ${time}${location ? `, ${location}` : ''}: ${description}`,
  noEvents: 'No tracking updates yet.',
  exceptionExplained:
    'The carrier has reported a problem with this parcel, so delivery may be delayed. I can connect you with a person on our team to follow it up.',
  returnedExplained:
    'This parcel has been sent back to the sender and will not be delivered to you. I can connect you with a person on our team to sort out what happens next.',
  orderShipments: (orderId, count) =>
    count === 1 ? `Shipment for order ${orderId}:` : `Order ${orderId} has ${count} shipments:`,
  notShippedYet: (orderId) => `Order ${orderId} has not shipped yet; tracking will be available once it does.`,

  placed: (id, status) => `Your order has been placed. Order number: ${id} (status: ${status}).`,
  replayed: (id, status) => `This order was already placed, so it was not placed again. Order number: ${id} (status: ${status}).`,
  cancelled: (id) => `Order ${id} has been cancelled.`,
  refundIfPaid: (total) => `If you had already paid, the order total of ${total} will be refunded to you.`,
  stockReleased: 'The items held for you have been released.',

  searchHeader: "Here's what I found:",
  searchLine: (name, sku, price, discontinued) => `- ${name} (${sku}): ${price}${discontinued ? ' (discontinued)' : ''}`,
  moreResults: (count) => `…and ${count} more.`,
  listPriceNote: 'These are list prices; I can quote your member price or a price with a coupon.',
  notFound: (query) => `Sorry, I couldn't find "${query}".`,
  didYouMean: (names) =>
    `Did you mean ${names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}?`,
  askNameOrSku: 'Could you tell me the product name or SKU?',

  handoff: {
    waiting_human: "I've asked a member of our team to take over. They will reply here in this chat shortly.",
    human: 'A member of our team is already handling this chat and will reply here.',
    bot: "Sorry, I couldn't reach a person just now. Please try again shortly.",
    closed: 'Sorry, this chat has been closed, so I cannot pass it to a person.',
  },

  productNotFound: "I couldn't find that product. Could you tell me its name or SKU?",
  orderNotFound: (signedIn) =>
    signedIn
      ? "I couldn't find that order. Could you check the order number?"
      : "I couldn't find that order. Could you check the order number and the email or phone used on the order?",
  trackingNotFound: "I couldn't find that tracking number. Could you check it and send it again?",
  customerNotFound: "I couldn't find your customer account. Please sign in again and try once more.",
  contactRequired: 'To confirm the order is yours, please give me the email address or phone number used on it.',
  signInGeneric: (store) => `Please sign in on the ${store} website first, then try again.`,
  notEnoughStock: (available, requested) =>
    available > 0
      ? `There isn't enough stock: only ${available} available, and you asked for ${requested}. Would you like a smaller quantity?`
      : "That product is out of stock right now, so it can't be ordered.",
  outOfStockError: "There isn't enough stock for that quantity right now.",
  productUnavailable: "That product is no longer sold, so it can't be ordered.",
  notCancellable: (status) =>
    `${status ? `This order is ${status} and` : 'This order'} can no longer be cancelled (only orders awaiting payment, paid or being prepared can be). I can connect you with a person on our team, for example for a return.`,
  couponNotApplicable: (reason) =>
    `That coupon can't be used for this order${reason ? `: ${reason}` : ''}. Would you like to order without it?`,
  invalidInput: (message) => `Sorry, that didn't work: ${message}`,
  tryAgain: "Sorry, I couldn't look that up just now. Please try again in a moment.",

  greeting: (store, shopperName) =>
    `Hi${shopperName ? ` ${shopperName}` : ''}! I'm the ${store} assistant.\nI can help with stock, prices and coupons, your orders and delivery tracking. What can I do for you?`,
  thanks: "You're welcome! Let me know if there's anything else.",
  goodbye: (store) => `Thanks for visiting ${store}. Goodbye!`,
  identity: (store) =>
    `I'm ${possessive(store)} built-in assistant, a rule-based engine, not an AI language model. I answer from the shop's live data, and I can hand you over to a person whenever you like.`,
  outOfScope:
    "Sorry, I can't help with that here. I can check stock, prices, orders and deliveries, or connect you with a person on our team if you like.",
  askWhichProduct: 'Which product do you mean? Just tell me its name or SKU.',
  askOrderNumber: 'Could you give me your order number?',
  askCouponCode: "What's the coupon code, and which product is it for? I'll work out the price with it.",
  askWhichOrderToCancel: 'Which order would you like to cancel? Tell me the order number. These orders can still be cancelled:',
  noCancellableOrder:
    "None of your orders can be cancelled right now: orders that have shipped or are complete can't be. I can connect you with a person on our team if you need help.",
  askContact: (orderId) =>
    `To confirm order ${orderId} is yours, please give me the email address or phone number used on the order.`,
  askSignIn: (action, store) => {
    switch (action) {
      case 'list':
        return `To see your orders, please sign in on the ${store} website first. Or, if you have an order number, give me it together with the email or phone used on the order.`;
      case 'order':
        return `To place an order, please sign in on the ${store} website first, then tell me what you would like.`;
      case 'cancel':
        return `To cancel an order, please sign in on the ${store} website first, then tell me which order.`;
    }
  },
  confirmPlacement: 'Please confirm the order in the window below; nothing is ordered until you do.',
  confirmCancellation: 'Please confirm the cancellation in the window below.',
  placementDeclined: 'OK, nothing was ordered.',
  cancellationDeclined: 'OK, the order was not cancelled.',
  refuseOtherCustomers: 'Sorry, I can only show you your own orders.',
};

const WORDING: Record<Language, Wording> = { zh: ZH, en: EN };

function words(ctx: RenderContext): Wording {
  return WORDING[ctx.language];
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  CNY: '¥',
  JPY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  HKD: 'HK$',
};

/** An amount exactly as the store gave it (never re-rounded or regrouped), with its currency's symbol. */
export function formatAmount(amount: string, currency: string): string {
  const code = currency.trim().toUpperCase();
  const prefix = CURRENCY_SYMBOLS[code] ?? `${code} `;
  const value = amount.trim();
  return value.startsWith('-') ? `-${prefix}${value.slice(1)}` : `${prefix}${value}`;
}

function money(ctx: RenderContext, amount: string): string {
  return formatAmount(amount, ctx.facts.currency);
}

/** "YYYY-MM-DD" of an ISO timestamp (UTC, as the store stores it). */
function dateOf(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

/** "YYYY-MM-DD HH:MM UTC" of an ISO timestamp: the store facts carry no time zone, so say which one it is. */
function timeOf(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** The estimated delivery date, unless the parcel has already arrived or gone back. */
function estimate(shipment: { status: string; estimatedDelivery: string | null }): string | null {
  return shipment.status === 'delivered' || shipment.status === 'returned' ? null : shipment.estimatedDelivery;
}

function isZero(amount: string): boolean {
  return /^-?0*(\.0*)?$/.test(amount.trim());
}

function isOneOf<T extends string>(values: readonly T[], value: string | null | undefined): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function orderStatusText(w: Wording, status: string): string {
  return isOneOf(ORDER_STATUSES, status) ? w.orderStatus[status] : status.replaceAll('_', ' ');
}

function shipmentStatusText(w: Wording, status: string): string {
  return isOneOf(SHIPMENT_STATUSES, status) ? w.shipmentStatus[status] : status.replaceAll('_', ' ');
}

function lines(...parts: (string | null | undefined | false | (string | null | undefined | false)[])[]): string {
  return parts
    .flat()
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n');
}

function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

// ---------------------------------------------------------------------------------------------
// Stock
// ---------------------------------------------------------------------------------------------

export function renderAvailability(output: Availability, ctx: RenderContext, focus: string[]): string {
  const w = words(ctx);
  if (output.status === 'discontinued') return w.discontinued(output.name, output.sku);
  if (output.totalAvailable <= 0) return w.outOfStock(output.name, output.sku);

  const label = (wh: { name: string; region: string }) => (wh.region ? w.withDetail(wh.name, wh.region) : wh.name);
  const stockLine = (wh: Availability['warehouses'][number]) => w.warehouseStock(label(wh), wh.available, wh.deliveryDays);

  // The warehouses asked about, in the order asked. One the product has no stock row in still
  // exists (store facts) and holds none; codes that match no warehouse are ignored.
  const focused = [...new Set(focus.map((code) => code.trim().toUpperCase()))].flatMap((code) => {
    const stocked = output.warehouses.find((wh) => wh.code.toUpperCase() === code);
    if (stocked) return [{ label: label(stocked), available: stocked.available, line: stockLine(stocked) }];
    const known = ctx.facts.warehouses.find((wh) => wh.code.toUpperCase() === code);
    return known ? [{ label: label(known), available: 0, line: '' }] : [];
  });

  if (focused.length === 0) {
    const empty = output.warehouses.filter((wh) => wh.available <= 0);
    return lines(
      w.stockHeader(output.name, output.sku, output.totalAvailable),
      output.warehouses.filter((wh) => wh.available > 0).map(stockLine),
      empty.length > 0 && w.warehousesWithout(empty.map(label)),
    );
  }

  const inFocus = focused.reduce((sum, wh) => sum + wh.available, 0);
  return lines(
    w.focusHeader(output.name, output.sku),
    focused.map((wh) => (wh.available > 0 ? wh.line : w.warehouseEmpty(wh.label))),
    inFocus === 0
      ? w.stockElsewhere(output.totalAvailable)
      : inFocus < output.totalAvailable && w.stockInTotal(output.totalAvailable),
  );
}

// ---------------------------------------------------------------------------------------------
// Prices
// ---------------------------------------------------------------------------------------------

export function renderQuote(output: Quote, ctx: RenderContext): string {
  const w = words(ctx);
  const level = output.memberLevel;
  const coupon = output.coupon;
  let memberLine: string | null = null;
  if (level) {
    const discount = money(ctx, output.memberDiscount);
    memberLine =
      output.memberLevelSource === 'account'
        ? w.memberAccount(level.name, level.discountPercent, discount)
        : w.memberStated(level.name, level.discountPercent, discount);
  }
  let couponLine: string | null = null;
  if (coupon) {
    couponLine = coupon.applied
      ? w.couponApplied(coupon.code, money(ctx, coupon.discount))
      : w.couponRejected(
          coupon.code,
          w.couponReason(
            coupon.reason,
            coupon.minSpend ? money(ctx, coupon.minSpend) : null,
            level !== null && !isZero(output.memberDiscount),
            'product',
          ),
        );
  }
  return lines(
    w.quoteHeader(output.name, output.sku),
    w.quoteLine(money(ctx, output.unitPrice), output.quantity, money(ctx, output.subtotal)),
    memberLine,
    couponLine,
    w.total(money(ctx, output.total)),
    level && output.memberLevelSource === 'stated' && w.statedEstimate(level.name, ctx.facts.shopper.signedIn),
    output.status === 'discontinued' && w.quoteDiscontinued,
  );
}

// ---------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------

/** The lines every order view shares: items, coupon, shipping, total. */
function orderBody(order: OrderView, ctx: RenderContext): string[] {
  const w = words(ctx);
  return [
    w.itemsLabel,
    ...order.items.map((item) => w.itemLine(item.name, item.quantity)),
    ...(order.couponCode ? [w.couponUsed(order.couponCode)] : []),
    ...(isZero(order.shippingFee) ? [] : [w.shippingFee(money(ctx, order.shippingFee))]),
    w.total(money(ctx, order.total)),
  ];
}

export function renderOrder(output: OrderView, ctx: RenderContext): string {
  const w = words(ctx);
  const city = output.shippingAddress?.city?.trim();
  return lines(
    w.orderHeader(output.id, orderStatusText(w, output.status)),
    w.placedOn(dateOf(output.placedAt)),
    orderBody(output, ctx),
    output.shipments.length > 0 && w.shipmentsLabel,
    output.shipments.map((s) => w.shipmentSummary(s.carrier, s.trackingNumber, shipmentStatusText(w, s.status), estimate(s))),
    city && w.shipToCity(city),
  );
}

export function renderOrderList(output: OrderList, ctx: RenderContext): string {
  const w = words(ctx);
  if (output.orders.length === 0) return w.noOrders;
  const newestFirst = [...output.orders].sort((a, b) =>
    a.placedAt === b.placedAt ? b.id.localeCompare(a.id) : b.placedAt.localeCompare(a.placedAt),
  );
  return lines(
    w.orderListHeader(newestFirst.length),
    newestFirst.map((o) =>
      w.orderListLine(o.id, dateOf(o.placedAt), orderStatusText(w, o.status), money(ctx, o.total), w.items(o.items)),
    ),
    output.nextCursor !== null && w.olderOrders,
  );
}

// ---------------------------------------------------------------------------------------------
// Tracking
// ---------------------------------------------------------------------------------------------

function latestEvent(shipment: ShipmentTracking): ShipmentTracking['events'][number] | null {
  // Events come oldest first; pick the latest by time anyway, ties to the later one in the list.
  let latest: ShipmentTracking['events'][number] | null = null;
  for (const event of shipment.events) if (!latest || event.at >= latest.at) latest = event;
  return latest;
}

function shipmentLines(shipment: ShipmentTracking, ctx: RenderContext, indent: string): string[] {
  const w = words(ctx);
  const event = latestEvent(shipment);
  const head = w.shipmentHeader(
    shipment.carrier,
    shipment.trackingNumber,
    shipmentStatusText(w, shipment.status),
    estimate(shipment),
  );
  // When something went wrong, the event before the last one usually says why (refused, bad address).
  const troubled = shipment.status === 'exception' || shipment.status === 'returned';
  const before = troubled && event ? shipment.events.filter((e) => e !== event).at(-1) : undefined;
  const detail = [
    event ? w.latestEvent(timeOf(event.at), event.location?.trim() || null, event.description) : w.noEvents,
    ...(before ? [w.earlierEvent(timeOf(before.at), before.location?.trim() || null, before.description)] : []),
    ...(shipment.status === 'exception' ? [w.exceptionExplained] : []),
    ...(shipment.status === 'returned' ? [w.returnedExplained] : []),
  ];
  return indent ? [`- ${head}`, ...detail.map((line) => `${indent}${line}`)] : [head, ...detail];
}

export function renderTracking(output: Tracking, ctx: RenderContext): string {
  const w = words(ctx);
  if (output.lookup === 'trackingNumber') return lines(shipmentLines(output, ctx, ''));
  if (output.shipments.length === 0) return w.notShippedYet(output.orderId);
  if (output.shipments.length === 1) {
    const [only] = output.shipments;
    if (only) return lines(w.orderShipments(output.orderId, 1), shipmentLines(only, ctx, ''));
  }
  return lines(
    w.orderShipments(output.orderId, output.shipments.length),
    output.shipments.flatMap((s) => shipmentLines(s, ctx, '  ')),
  );
}

// ---------------------------------------------------------------------------------------------
// Placing and cancelling
// ---------------------------------------------------------------------------------------------

export function renderPlaced(output: ToolOutputOf<'placeOrder'>, ctx: RenderContext): string {
  const w = words(ctx);
  const { order } = output;
  const status = orderStatusText(w, order.status);
  return lines(output.replayed ? w.replayed(order.id, status) : w.placed(order.id, status), orderBody(order, ctx));
}

export function renderCancelled(output: ToolOutputOf<'cancelOrder'>, ctx: RenderContext): string {
  const w = words(ctx);
  const { order } = output;
  return lines(
    w.cancelled(order.id),
    order.items.map((item) => w.itemLine(item.name, item.quantity)),
    !isZero(order.total) && w.refundIfPaid(money(ctx, order.total)),
    output.released.length > 0 && w.stockReleased,
  );
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

const MAX_LISTED_RESULTS = 8;
const MAX_SUGGESTIONS = 3;

export function renderSearchResults(output: SearchOutput, ctx: RenderContext): string {
  const w = words(ctx);
  if (output.results.length === 0) return renderProductNotFound(output.query, [], ctx);
  const shown = output.results.slice(0, MAX_LISTED_RESULTS);
  const hidden = output.results.length - shown.length;
  return lines(
    w.searchHeader,
    shown.map((r) => w.searchLine(r.name, r.sku, money(ctx, r.price), r.status === 'discontinued')),
    hidden > 0 && w.moreResults(hidden),
    w.listPriceNote,
  );
}

export function renderProductNotFound(query: string, closest: SearchOutput['results'], ctx: RenderContext): string {
  const w = words(ctx);
  const names = [...new Set(closest.map((r) => r.name))].slice(0, MAX_SUGGESTIONS);
  return lines(w.notFound(shorten(query, 60)), names.length > 0 && w.didYouMean(names), w.askNameOrSku);
}

// ---------------------------------------------------------------------------------------------
// Hand-off
// ---------------------------------------------------------------------------------------------

export function renderHandoff(output: Handoff, ctx: RenderContext): string {
  return words(ctx).handoff[output.status];
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

const SIGN_IN_ACTIONS: Partial<Record<ShopToolName, SignInAction>> = {
  listMyOrders: 'list',
  placeOrder: 'order',
  cancelOrder: 'cancel',
};

/**
 * The reason code of a coupon error from placeOrder: the tool passes on only the message, so the
 * reason is read back from the pricing rules' wording (see lib/commerce/pricing.ts). Null if unsure.
 */
function couponErrorReason(message: string): { reason: CouponReason; minSpend: string | null } | null {
  const minSpend = /minimum spend of (\d+(?:\.\d+)?)/i.exec(message);
  if (minSpend?.[1]) return { reason: 'below_minimum_spend', minSpend: minSpend[1] };
  const patterns: [RegExp, CouponReason][] = [
    [/there is no coupon/i, 'unknown'],
    [/not valid yet/i, 'not_yet_valid'],
    [/\bexpired\b/i, 'expired'],
    [/used up/i, 'used_up'],
    [/only applies to/i, 'not_applicable'],
  ];
  const found = patterns.find(([pattern]) => pattern.test(message));
  return found ? { reason: found[1], minSpend: null } : null;
}

function notFoundText(toolName: ShopToolName, error: ToolError, ctx: RenderContext): string {
  const w = words(ctx);
  switch (toolName) {
    case 'getOrder':
    case 'cancelOrder':
      return w.orderNotFound(ctx.facts.shopper.signedIn);
    case 'trackShipment':
      return /tracking number/i.test(error.message) ? w.trackingNotFound : w.orderNotFound(ctx.facts.shopper.signedIn);
    case 'listMyOrders':
      return w.customerNotFound;
    case 'placeOrder':
      return /customer/i.test(error.message) ? w.customerNotFound : w.productNotFound;
    case 'searchProducts':
    case 'checkInventory':
    case 'quotePrice':
      return w.productNotFound;
    default:
      return w.tryAgain;
  }
}

export function renderToolError(toolName: ShopToolName, error: ToolError, ctx: RenderContext): string {
  const w = words(ctx);
  switch (error.code) {
    case 'not_found':
      return notFoundText(toolName, error, ctx);
    case 'contact_required':
      return w.contactRequired;
    case 'sign_in_required': {
      const action = SIGN_IN_ACTIONS[toolName];
      return action ? w.askSignIn(action, ctx.facts.storeName) : w.signInGeneric(ctx.facts.storeName);
    }
    case 'out_of_stock': {
      const counts = /only (\d+) of .+ available, (\d+) requested/i.exec(error.message);
      return counts?.[1] && counts[2] ? w.notEnoughStock(Number(counts[1]), Number(counts[2])) : w.outOfStockError;
    }
    case 'product_unavailable':
      return w.productUnavailable;
    case 'not_cancellable': {
      const status = /\bis ([a-z_]+) and can no longer be cancelled/i.exec(error.message)?.[1];
      return w.notCancellable(isOneOf(ORDER_STATUSES, status) ? w.orderStatus[status] : null);
    }
    case 'coupon_not_applicable': {
      const found = couponErrorReason(error.message);
      return w.couponNotApplicable(
        found
          ? w.couponReason(
              found.reason,
              found.minSpend ? money(ctx, found.minSpend) : null,
              // placeOrder prices at the account's level.
              ctx.facts.shopper.signedIn && ctx.facts.shopper.memberLevel !== null,
              'order',
            )
          : null,
      );
    }
    case 'invalid_input':
      return error.message.trim() ? w.invalidInput(error.message.trim()) : w.tryAgain;
    default:
      return w.tryAgain;
  }
}

// ---------------------------------------------------------------------------------------------
// Conversation phrases
// ---------------------------------------------------------------------------------------------

export const phrases = {
  greeting: (ctx: RenderContext): string =>
    words(ctx).greeting(ctx.facts.storeName, ctx.facts.shopper.signedIn ? ctx.facts.shopper.name || null : null),
  thanks: (ctx: RenderContext): string => words(ctx).thanks,
  goodbye: (ctx: RenderContext): string => words(ctx).goodbye(ctx.facts.storeName),
  identity: (ctx: RenderContext): string => words(ctx).identity(ctx.facts.storeName),
  outOfScope: (ctx: RenderContext): string => words(ctx).outOfScope,
  askWhichProduct: (ctx: RenderContext): string => words(ctx).askWhichProduct,
  askOrderNumber: (ctx: RenderContext): string => words(ctx).askOrderNumber,
  askCouponCode: (ctx: RenderContext): string => words(ctx).askCouponCode,
  askWhichOrderToCancel: (ctx: RenderContext): string => words(ctx).askWhichOrderToCancel,
  noCancellableOrder: (ctx: RenderContext): string => words(ctx).noCancellableOrder,
  askContact: (ctx: RenderContext, orderId: string): string =>
    orderId.trim() ? words(ctx).askContact(orderId.trim()) : words(ctx).contactRequired,
  askSignIn: (ctx: RenderContext, action: SignInAction): string => words(ctx).askSignIn(action, ctx.facts.storeName),
  confirmPlacement: (ctx: RenderContext): string => words(ctx).confirmPlacement,
  confirmCancellation: (ctx: RenderContext): string => words(ctx).confirmCancellation,
  placementDeclined: (ctx: RenderContext): string => words(ctx).placementDeclined,
  cancellationDeclined: (ctx: RenderContext): string => words(ctx).cancellationDeclined,
  notSignedInForOrder: (ctx: RenderContext): string => words(ctx).askSignIn('order', ctx.facts.storeName),
  refuseOtherCustomers: (ctx: RenderContext): string => words(ctx).refuseOtherCustomers,
};
