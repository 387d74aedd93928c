import { type Cents, formatMoney, parseMoney, parsePercent, percentOf } from '@/lib/commerce/money';
import type {
  AddressRecord,
  CouponRecord,
  CustomerRecord,
  MemberLevelRecord,
  OrderItemRecord,
  OrderRecord,
  OrderStatus,
  ProductRecord,
  ShipmentEventRecord,
  ShipmentRecord,
  ShipmentStatus,
  StoreFile,
  WarehouseRecord,
} from './format';
import { OPEN_ORDER_STATUSES } from './format';
import { Random } from './random';

/**
 * The demo store the app ships with: a bilingual (Chinese/English) outdoor and lifestyle shop in
 * CNY. Deterministic for a seed, and every timestamp is relative to `now` so recent orders look
 * recent. The generators are exported for the bulk builder (large.ts), which reuses them.
 */

export const DEMO_TIME_ZONE = 'Asia/Shanghai';
/** Fixed so that the default demo store is the same file every time. */
export const DEFAULT_DEMO_NOW = new Date('2026-11-20T00:00:00+08:00');
export const CLASSIC_SKU = 'SKU-LIMITED-SNEAKER-01';
export const CLASSIC_CUSTOMER_ID = 'C-1001';
export const CLASSIC_ORDER_ID = 'ORD-20241115-00001';
export const CLASSIC_TRACKING_NUMBER = 'SF1234567890';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Asia/Shanghai has had no daylight saving since 1991: local time is UTC+8. */
const LOCAL_OFFSET = 8 * HOUR;

export interface DemoOptions {
  seed?: number;
  products?: number;
  customers?: number;
  orders?: number;
  now?: Date;
}

const STREAM = { product: 1, customer: 2, orderSkeleton: 3, orderDetail: 4 } as const;

export const DEMO_WAREHOUSES: WarehouseRecord[] = [
  { code: 'EAST-1', name: '华东仓', region: 'Shanghai', deliveryDays: { min: 2, max: 3 } },
  { code: 'SOUTH-1', name: '华南仓', region: 'Guangzhou', deliveryDays: { min: 2, max: 4 } },
  { code: 'NORTH-1', name: '华北仓', region: 'Beijing', deliveryDays: { min: 3, max: 5 } },
];
const WAREHOUSE_CITY: Record<string, string> = { 'EAST-1': '上海', 'SOUTH-1': '广州', 'NORTH-1': '北京' };

export const DEMO_MEMBER_LEVELS: MemberLevelRecord[] = [
  { code: 'bronze', name: '青铜会员', discountPercent: '2' },
  { code: 'silver', name: '白银会员', discountPercent: '5' },
  { code: 'gold', name: '黄金会员', discountPercent: '10' },
  { code: 'platinum', name: '铂金会员', discountPercent: '15' },
];

interface Names {
  zh: string;
  en: string;
}

interface Category {
  code: string;
  prefix: string;
  zh: string;
  items: Names[];
  price: [number, number];
  attributes(random: Random): Record<string, string | number | boolean>;
}

const COLORS: Names[] = [
  { zh: '黑色', en: 'black' },
  { zh: '白色', en: 'white' },
  { zh: '藏青', en: 'navy' },
  { zh: '灰色', en: 'grey' },
  { zh: '红色', en: 'red' },
  { zh: '橄榄绿', en: 'olive' },
  { zh: '天蓝', en: 'sky blue' },
  { zh: '卡其', en: 'khaki' },
];

const SERIES: Names[] = [
  { zh: '轻量', en: 'Lite' },
  { zh: '专业', en: 'Pro' },
  { zh: '经典', en: 'Classic' },
  { zh: '城市', en: 'Urban' },
  { zh: '极地', en: 'Polar' },
  { zh: '风行', en: 'Breeze' },
  { zh: '山峰', en: 'Summit' },
  { zh: '星辰', en: 'Stellar' },
  { zh: '疾速', en: 'Swift' },
  { zh: '远征', en: 'Expedition' },
];

const color = (random: Random) => random.pick(COLORS).en;

export const DEMO_CATEGORIES: Category[] = [
  {
    code: 'shoes',
    prefix: 'SH',
    zh: '鞋履',
    items: [
      { zh: '跑步鞋', en: 'Running Shoes' },
      { zh: '徒步鞋', en: 'Hiking Boots' },
      { zh: '帆布鞋', en: 'Canvas Sneakers' },
      { zh: '篮球鞋', en: 'Basketball Shoes' },
      { zh: '越野跑鞋', en: 'Trail Running Shoes' },
      { zh: '凉拖鞋', en: 'Slides' },
    ],
    price: [99, 1599],
    attributes: (random) => ({
      color: color(random),
      size: String(random.int(36, 45)),
      material: random.pick(['mesh', 'leather', 'canvas', 'suede']),
    }),
  },
  {
    code: 'apparel',
    prefix: 'AP',
    zh: '服装',
    items: [
      { zh: '冲锋衣', en: 'Hard-shell Jacket' },
      { zh: '羽绒服', en: 'Down Jacket' },
      { zh: '速干T恤', en: 'Quick-dry T-shirt' },
      { zh: '抓绒衣', en: 'Fleece Jacket' },
      { zh: '瑜伽裤', en: 'Yoga Leggings' },
      { zh: '防晒衣', en: 'Sun Hoodie' },
    ],
    price: [79, 1999],
    attributes: (random) => ({
      color: color(random),
      size: random.pick(['S', 'M', 'L', 'XL', 'XXL']),
      material: random.pick(['polyester', 'nylon', 'cotton', 'merino wool', 'goose down']),
      gender: random.pick(['men', 'women', 'unisex']),
    }),
  },
  {
    code: 'bags',
    prefix: 'BG',
    zh: '箱包',
    items: [
      { zh: '双肩包', en: 'Backpack' },
      { zh: '登山包', en: 'Trekking Pack' },
      { zh: '腰包', en: 'Waist Pack' },
      { zh: '旅行箱', en: 'Suitcase' },
      { zh: '斜挎包', en: 'Crossbody Bag' },
    ],
    price: [59, 1299],
    attributes: (random) => ({
      color: color(random),
      capacity: `${random.pick([5, 15, 20, 30, 45, 65])}L`,
      waterproof: random.chance(0.5),
    }),
  },
  {
    code: 'outdoor',
    prefix: 'OD',
    zh: '户外装备',
    items: [
      { zh: '帐篷', en: 'Tent' },
      { zh: '睡袋', en: 'Sleeping Bag' },
      { zh: '登山杖', en: 'Trekking Poles' },
      { zh: '头灯', en: 'Headlamp' },
      { zh: '折叠椅', en: 'Camping Chair' },
      { zh: '户外炉具', en: 'Camping Stove' },
    ],
    price: [39, 2599],
    attributes: (random) => ({
      weight: `${(random.int(2, 45) / 10).toFixed(1)}kg`,
      season: random.pick(['3-season', '4-season', 'summer']),
      persons: random.int(1, 4),
    }),
  },
  {
    code: 'electronics',
    prefix: 'EL',
    zh: '数码电子',
    items: [
      { zh: '蓝牙耳机', en: 'Bluetooth Earbuds' },
      { zh: '运动手表', en: 'Sports Watch' },
      { zh: '充电宝', en: 'Power Bank' },
      { zh: '智能手环', en: 'Fitness Band' },
      { zh: '运动相机', en: 'Action Camera' },
    ],
    price: [99, 3999],
    attributes: (random) => ({
      color: color(random),
      batteryHours: random.pick([8, 12, 24, 72, 240]),
      warrantyMonths: random.pick([12, 24]),
    }),
  },
  {
    code: 'home',
    prefix: 'HM',
    zh: '家居',
    items: [
      { zh: '保温杯', en: 'Insulated Bottle' },
      { zh: '香薰机', en: 'Aroma Diffuser' },
      { zh: '床品四件套', en: 'Bedding Set' },
      { zh: '不粘锅', en: 'Non-stick Pan' },
      { zh: '收纳箱', en: 'Storage Box' },
    ],
    price: [29, 899],
    attributes: (random) => ({ color: color(random), capacity: `${random.pick([350, 500, 750, 1000])}ml` }),
  },
  {
    code: 'beauty',
    prefix: 'BT',
    zh: '美妆护肤',
    items: [
      { zh: '防晒霜', en: 'Sunscreen SPF50' },
      { zh: '保湿面霜', en: 'Moisturizing Cream' },
      { zh: '洁面乳', en: 'Facial Cleanser' },
      { zh: '润唇膏', en: 'Lip Balm' },
      { zh: '护手霜', en: 'Hand Cream' },
    ],
    price: [19, 599],
    attributes: (random) => ({
      volume: `${random.pick([15, 30, 50, 100, 200])}ml`,
      skinType: random.pick(['all', 'dry', 'oily', 'sensitive']),
    }),
  },
  {
    code: 'sports',
    prefix: 'SP',
    zh: '运动健身',
    items: [
      { zh: '瑜伽垫', en: 'Yoga Mat' },
      { zh: '哑铃', en: 'Dumbbells' },
      { zh: '跳绳', en: 'Jump Rope' },
      { zh: '羽毛球拍', en: 'Badminton Racket' },
      { zh: '篮球', en: 'Basketball' },
      { zh: '泳镜', en: 'Swim Goggles' },
    ],
    price: [19, 1299],
    attributes: (random) => ({ color: color(random), weight: `${random.int(1, 200) / 10}kg` }),
  },
  {
    code: 'accessories',
    prefix: 'AC',
    zh: '配件',
    items: [
      { zh: '太阳镜', en: 'Sunglasses' },
      { zh: '棒球帽', en: 'Baseball Cap' },
      { zh: '运动袜', en: 'Sports Socks' },
      { zh: '保暖手套', en: 'Thermal Gloves' },
    ],
    price: [19, 699],
    attributes: (random) => ({ color: color(random), size: random.pick(['S', 'M', 'L', 'one size']) }),
  },
];

export const CLASSIC_PRODUCT: ProductRecord = {
  sku: CLASSIC_SKU,
  name: '限量版复古球鞋',
  aliases: ['限量球鞋', 'Limited Retro Sneaker'],
  description: '1985 年经典篮球鞋复刻，限量发售，白红配色，真皮鞋面。Limited re-issue of a 1985 basketball classic.',
  category: 'shoes',
  price: '1299.00',
  status: 'active',
  attributes: { color: 'white', size: '42', material: 'leather', limitedEdition: true },
  stock: { 'EAST-1': 23 },
};

/** Product i of any generated store (the demo's and the bulk builder's share this numbering). */
export function generateProduct(seed: number, index: number): ProductRecord {
  const random = Random.for(seed, STREAM.product, index);
  const category = DEMO_CATEGORIES[index % DEMO_CATEGORIES.length] as Category;
  const item = random.pick(category.items);
  const series = random.pick(SERIES);
  const attributes = category.attributes(random);
  const number = 1000 + index;
  // Merchants' SKU formats vary; the demo mixes three so nothing comes to rely on one.
  const sku = [
    `SKU-${category.prefix}-${number}`,
    `${category.prefix}-${number}-${'ABCDEFGH'[index % 8]}`,
    `${category.prefix}${number}`,
  ][index % 3] as string;
  const colorName = COLORS.find((c) => c.en === attributes.color);
  const zhName = `${series.zh}${item.zh}${colorName ? ` ${colorName.zh}` : ''}`;
  const enName = `${series.en} ${item.en}${colorName ? ` (${colorName.en})` : ''}`;
  // Half the catalogue is named in Chinese with English aliases, half the other way round.
  const chineseFirst = random.chance(0.5);
  const [low, high] = category.price;
  const yuan = Math.floor(random.int(low, high) / 10) * 10 + 9;
  const cents = BigInt(yuan) * 100n + (random.chance(0.2) ? 0n : -10n);
  const discontinued = index % 17 === 3;
  const outEverywhere = index % 13 === 5;
  const stock: Record<string, number> = {};
  for (const warehouse of DEMO_WAREHOUSES) {
    if (!random.chance(0.85) && warehouse.code !== 'EAST-1') continue;
    stock[warehouse.code] = outEverywhere || discontinued ? 0 : random.chance(0.1) ? random.int(1, 5) : random.int(0, 240);
  }
  return {
    sku,
    name: chineseFirst ? zhName : enName,
    aliases: chineseFirst ? [enName, `${series.en} ${item.en}`, item.zh] : [zhName, `${series.zh}${item.zh}`, item.en],
    description: `${series.zh}系列${item.zh}，${category.zh}热销款。${series.en} series ${item.en.toLowerCase()}, a best seller in ${category.code}.`,
    category: category.code,
    price: formatMoney(cents),
    status: discontinued ? 'discontinued' : 'active',
    attributes,
    stock,
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'];
const GIVEN = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '晓东',
  '雨桐',
  '子轩',
  '欣怡',
];
const FIRST_EN = ['Emily', 'David', 'Sophie', 'Michael', 'Grace', 'Kevin', 'Lucy', 'Jason', 'Amy', 'Tom', 'Olivia', 'Leo'];
const LAST_EN = ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Smith', 'Brown', 'Wong', 'Lee', 'Taylor'];

interface City {
  city: string;
  region: string;
  postalCode: string;
  warehouse: string;
  districts: string[];
}

const CITIES: City[] = [
  { city: '上海', region: '上海', postalCode: '200120', warehouse: 'EAST-1', districts: ['浦东新区', '徐汇区', '静安区'] },
  { city: '杭州', region: '浙江', postalCode: '310000', warehouse: 'EAST-1', districts: ['西湖区', '滨江区'] },
  { city: '南京', region: '江苏', postalCode: '210000', warehouse: 'EAST-1', districts: ['鼓楼区', '建邺区'] },
  { city: '广州', region: '广东', postalCode: '510000', warehouse: 'SOUTH-1', districts: ['天河区', '越秀区'] },
  { city: '深圳', region: '广东', postalCode: '518000', warehouse: 'SOUTH-1', districts: ['南山区', '福田区'] },
  { city: '成都', region: '四川', postalCode: '610000', warehouse: 'SOUTH-1', districts: ['武侯区', '锦江区'] },
  { city: '北京', region: '北京', postalCode: '100000', warehouse: 'NORTH-1', districts: ['朝阳区', '海淀区'] },
  { city: '西安', region: '陕西', postalCode: '710000', warehouse: 'NORTH-1', districts: ['雁塔区', '碑林区'] },
  { city: '武汉', region: '湖北', postalCode: '430000', warehouse: 'NORTH-1', districts: ['武昌区', '洪山区'] },
];
const ROADS = ['人民路', '中山路', '解放路', '建设路', '科技路', '滨江大道', '文化路', '长江路'];

export const CLASSIC_CUSTOMER: CustomerRecord = {
  id: CLASSIC_CUSTOMER_ID,
  name: '张伟',
  email: 'zhangwei@example.com',
  phone: '13800138000',
  memberLevel: 'gold',
};

const CLASSIC_ADDRESS: AddressRecord = {
  name: '张伟',
  phone: '13800138000',
  line1: '浦东新区张江路 88 号 2 栋 1201 室',
  city: '上海',
  region: '上海',
  postalCode: '200120',
  country: 'CN',
};

export interface GeneratedCustomer {
  customer: CustomerRecord;
  address: AddressRecord;
}

/** Customer i; index 0 is the classic 张伟 (C-1001). */
export function generateCustomer(seed: number, index: number): GeneratedCustomer {
  if (index === 0) return { customer: CLASSIC_CUSTOMER, address: CLASSIC_ADDRESS };
  const random = Random.for(seed, STREAM.customer, index);
  const id = `C-${1001 + index}`;
  const chinese = random.chance(0.7);
  const name = chinese ? `${random.pick(SURNAMES)}${random.pick(GIVEN)}` : `${random.pick(FIRST_EN)} ${random.pick(LAST_EN)}`;
  const emailLocal = chinese ? `user${1001 + index}` : name.toLowerCase().replace(' ', '.') + String(index);
  const phone = `1${random.pick(['38', '39', '50', '58', '86', '88', '35'])}${random.digits(8)}`;
  const city = random.pick(CITIES);
  const customer: CustomerRecord = {
    id,
    name,
    email: random.chance(0.9) ? `${emailLocal}@example.com` : null,
    phone: random.chance(0.9) ? phone : null,
    memberLevel: random.weighted<string | null>([
      [null, 25],
      ['bronze', 30],
      ['silver', 20],
      ['gold', 15],
      ['platinum', 10],
    ]),
  };
  const address: AddressRecord = {
    name,
    phone,
    line1: `${random.pick(city.districts)}${random.pick(ROADS)} ${random.int(1, 999)} 号`,
    ...(random.chance(0.4) ? { line2: `${random.int(1, 30)} 栋 ${random.int(101, 2505)} 室` } : {}),
    city: city.city,
    region: city.region,
    postalCode: city.postalCode,
    country: 'CN',
  };
  return { customer, address };
}

/** Coupons of every kind the assistant must explain: valid, expired, not yet valid, used up, high minimum, restricted. */
export function demoCoupons(now: Date): CouponRecord[] {
  const year = localYear(now);
  const iso = (date: Date) => shanghaiTime(date);
  return [
    {
      code: 'SAVE50',
      type: 'fixed',
      value: '50.00',
      minSpend: '500.00',
      validFrom: `${year}-01-01T00:00:00+08:00`,
      validUntil: `${year + 1}-12-31T23:59:59+08:00`,
      usageLimit: 1000,
      timesUsed: 0,
      appliesTo: null,
    },
    {
      code: 'WELCOME20',
      type: 'fixed',
      value: '20.00',
      minSpend: '199.00',
      validFrom: null,
      validUntil: null,
      usageLimit: null,
      timesUsed: 0,
      appliesTo: null,
    },
    {
      code: 'SUMMER20',
      type: 'percent',
      value: '20',
      minSpend: '300.00',
      validFrom: iso(new Date(now.getTime() - 200 * DAY)),
      validUntil: iso(new Date(now.getTime() - 80 * DAY)),
      usageLimit: null,
      timesUsed: 0,
      appliesTo: null,
    },
    {
      code: 'NEWYEAR30',
      type: 'fixed',
      value: '30.00',
      minSpend: '300.00',
      validFrom: iso(new Date(now.getTime() + 42 * DAY)),
      validUntil: iso(new Date(now.getTime() + 72 * DAY)),
      usageLimit: 5000,
      timesUsed: 0,
      appliesTo: null,
    },
    {
      code: 'FLASH100',
      type: 'fixed',
      value: '100.00',
      minSpend: '800.00',
      validFrom: iso(new Date(now.getTime() - 30 * DAY)),
      validUntil: iso(new Date(now.getTime() + 30 * DAY)),
      usageLimit: 200,
      timesUsed: 200,
      appliesTo: null,
    },
    {
      code: 'VIP300',
      type: 'fixed',
      value: '300.00',
      minSpend: '5000.00',
      validFrom: null,
      validUntil: iso(new Date(now.getTime() + 365 * DAY)),
      usageLimit: null,
      timesUsed: 0,
      appliesTo: null,
    },
    {
      code: 'SHOES10',
      type: 'percent',
      value: '10',
      minSpend: null,
      validFrom: iso(new Date(now.getTime() - 120 * DAY)),
      validUntil: iso(new Date(now.getTime() + 120 * DAY)),
      usageLimit: null,
      timesUsed: 0,
      appliesTo: { skus: [], categories: ['shoes'] },
    },
    {
      code: 'SNEAKER88',
      type: 'fixed',
      value: '88.00',
      minSpend: null,
      validFrom: iso(new Date(now.getTime() - 60 * DAY)),
      validUntil: iso(new Date(now.getTime() + 60 * DAY)),
      usageLimit: 100,
      timesUsed: 0,
      appliesTo: { skus: [CLASSIC_SKU], categories: [] },
    },
  ];
}

/**
 * formatTimestamp(date, 'Asia/Shanghai') (time.ts) without Intl: the bulk builder formats millions of
 * timestamps, and the zone's offset is a constant +08:00.
 */
function shanghaiTime(date: Date | number): string {
  const ms = typeof date === 'number' ? date : date.getTime();
  const local = new Date(ms + LOCAL_OFFSET).toISOString();
  const fraction = ms % 1000 === 0 ? '' : local.slice(19, 23);
  return `${local.slice(0, 19)}${fraction}+08:00`;
}

function localYear(date: Date): number {
  return new Date(date.getTime() + LOCAL_OFFSET).getUTCFullYear();
}

function localDateText(date: Date): string {
  return new Date(date.getTime() + LOCAL_OFFSET).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Orders

const CARRIERS: Array<{ name: string; weight: number; tracking: (random: Random) => string }> = [
  { name: 'SF Express', weight: 40, tracking: (random) => `SF${random.int(1, 9)}${random.digits(11)}` },
  { name: 'YTO Express', weight: 15, tracking: (random) => `YT${random.int(1, 9)}${random.digits(12)}` },
  { name: 'JD Logistics', weight: 15, tracking: (random) => `JDX${random.int(1, 9)}${random.digits(11)}` },
  { name: 'ZTO Express', weight: 15, tracking: (random) => `7${random.digits(13)}` },
  { name: 'EMS', weight: 8, tracking: (random) => `E${random.digits(9)}CN` },
  {
    name: 'UPS',
    weight: 7,
    tracking: (random) =>
      `1Z${Array.from({ length: 6 }, () => random.pick([...'0123456789ABCDEFGHJKLMNPRSTVWXY'])).join('')}03${random.digits(8)}`,
  },
];

const HUBS: Record<string, string> = { 'EAST-1': '上海', 'SOUTH-1': '广州', 'NORTH-1': '北京' };

const EXCEPTIONS = [
  '派送异常：收件人电话无法接通，包裹暂存派送站 / Delivery exception: recipient unreachable by phone, parcel held at the local station',
  '派送异常：收件地址不详，等待联系收件人确认 / Delivery exception: incomplete address, waiting for the recipient to confirm',
  '运输延误：受恶劣天气影响，航班取消 / Delayed: flight cancelled due to severe weather',
  '包裹外包装破损，已转入异常件处理 / Exception: outer packaging damaged, parcel moved to claims handling',
];

const STATUS_WEIGHTS: ReadonlyArray<readonly [OrderStatus, number]> = [
  ['pending', 6],
  ['paid', 6],
  ['processing', 8],
  ['shipped', 14],
  ['delivered', 48],
  ['cancelled', 10],
  ['refunded', 8],
];

/** Days between placing and now, per status: open orders are recent, delivered ones older. */
const AGE_DAYS: Record<OrderStatus, [number, number]> = {
  pending: [0, 1],
  paid: [0, 2],
  processing: [0, 3],
  shipped: [2, 6],
  delivered: [5, 365],
  cancelled: [1, 365],
  refunded: [10, 365],
};

const SHIPPED_CYCLE: ShipmentStatus[] = [
  'in_transit',
  'out_for_delivery',
  'in_transit',
  'exception',
  'in_transit',
  'out_for_delivery',
];

export interface OrderSkeleton {
  index: number;
  status: OrderStatus;
  placedAt: number;
}

/** Status and placement time of order i; ids are given after sorting by time, so they are chronological. */
export function generateOrderSkeleton(seed: number, index: number, now: Date): OrderSkeleton {
  const random = Random.for(seed, STREAM.orderSkeleton, index);
  // The first orders cover every status, so even a tiny store has them all.
  const status = index < 14 ? (STATUS_WEIGHTS[index % 7]?.[0] as OrderStatus) : random.weighted(STATUS_WEIGHTS);
  const [minAge, maxAge] = AGE_DAYS[status];
  const age = random.int(minAge, maxAge);
  const todayStart = Math.floor((now.getTime() + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
  let placedAt = todayStart - age * DAY + random.int(8 * 60, 23 * 60 + 30) * 60_000;
  if (placedAt > now.getTime() - 5 * 60_000) placedAt = now.getTime() - random.int(5, 6 * 60) * 60_000;
  return { index, status, placedAt: placedAt - (placedAt % 60_000) + random.int(0, 59) * 1000 };
}

/** Chronological ids ORD-YYYYMMDD-NNNNN, numbered per local day from `firstNumber`. */
export function assignOrderIds(skeletons: OrderSkeleton[], firstNumber = 1, taken: ReadonlySet<string> = new Set()): string[] {
  const perDay = new Map<string, number>();
  return skeletons.map((skeleton) => {
    const day = localDateText(new Date(skeleton.placedAt)).replaceAll('-', '');
    let number = perDay.get(day) ?? firstNumber;
    let id = `ORD-${day}-${String(number).padStart(5, '0')}`;
    while (taken.has(id)) {
      number++;
      id = `ORD-${day}-${String(number).padStart(5, '0')}`;
    }
    perDay.set(day, number + 1);
    return id;
  });
}

export interface OrderContext {
  seed: number;
  now: Date;
  products: readonly ProductRecord[];
  /** Products an open or recent order may hold: active, in stock, and not the classic sneaker. */
  sellable: readonly ProductRecord[];
  customers: readonly GeneratedCustomer[];
  levelBasisPoints: ReadonlyMap<string, bigint>;
  coupons: readonly CouponRecord[];
  /** Uses so far per coupon code, so limits are respected. */
  couponUses: Map<string, number>;
  trackingNumbers: Set<string>;
  /** Orders generated so far per status, to rotate shipment outcomes so each one appears. */
  statusCounts: Map<OrderStatus, number>;
}

export function createOrderContext(
  seed: number,
  now: Date,
  products: readonly ProductRecord[],
  customers: readonly GeneratedCustomer[],
  coupons: readonly CouponRecord[],
  levels: readonly MemberLevelRecord[] = DEMO_MEMBER_LEVELS,
): OrderContext {
  return {
    seed,
    now,
    products,
    sellable: products.filter(
      (product) =>
        product.status === 'active' && product.sku !== CLASSIC_SKU && Object.values(product.stock).some((units) => units > 0),
    ),
    customers,
    levelBasisPoints: new Map(levels.map((level) => [level.code, parsePercent(level.discountPercent)])),
    coupons,
    couponUses: new Map(coupons.map((coupon) => [coupon.code, coupon.timesUsed ?? 0])),
    trackingNumbers: new Set([CLASSIC_TRACKING_NUMBER]),
    statusCounts: new Map(),
  };
}

/** Everything about an order once its status, time and id are known: lines, prices, coupon, shipments. */
export function generateOrder(context: OrderContext, skeleton: OrderSkeleton, id: string): OrderRecord {
  const random = Random.for(context.seed, STREAM.orderDetail, skeleton.index);
  const { status } = skeleton;
  const placedAt = new Date(skeleton.placedAt);
  const guest = random.chance(0.06) || context.customers.length === 0;
  const buyer = guest ? undefined : random.pick(context.customers);
  const address = buyer ? buyer.address : guestAddress(random);
  const recent = OPEN_ORDER_STATUSES.includes(status) || status === 'shipped';
  const pool = recent && context.sellable.length > 0 ? context.sellable : context.products;

  const lineCount = random.weighted([
    [1, 60],
    [2, 30],
    [3, 10],
  ] as const);
  const chosen: ProductRecord[] = [];
  for (let attempt = 0; chosen.length < lineCount && attempt < 10; attempt++) {
    const product = random.pick(pool);
    if (!chosen.includes(product)) chosen.push(product);
  }
  const levelBp = buyer?.customer.memberLevel ? (context.levelBasisPoints.get(buyer.customer.memberLevel) ?? 0n) : 0n;
  const items: OrderItemRecord[] = [];
  let afterMember = 0n;
  const afterMemberBySku = new Map<string, Cents>();
  for (const product of chosen) {
    const quantity = random.weighted([
      [1, 75],
      [2, 20],
      [3, 5],
    ] as const);
    const lineTotal = parseMoney(product.price) * BigInt(quantity);
    const discount = percentOf(lineTotal, levelBp);
    items.push({ sku: product.sku, quantity, unitPrice: product.price, discount: formatMoney(discount) });
    afterMember += lineTotal - discount;
    afterMemberBySku.set(product.sku, lineTotal - discount);
  }

  let couponCode: string | null = null;
  let couponDiscount = 0n;
  if (random.chance(0.3)) {
    const categoryOf = new Map(chosen.map((product) => [product.sku, product.category]));
    const usable = context.coupons.flatMap((coupon) => {
      const base = applicableAmount(coupon, afterMemberBySku, categoryOf);
      const uses = context.couponUses.get(coupon.code) ?? 0;
      const ok =
        base > 0n &&
        (!coupon.validFrom || Date.parse(coupon.validFrom) <= placedAt.getTime()) &&
        (!coupon.validUntil || Date.parse(coupon.validUntil) >= placedAt.getTime()) &&
        (coupon.usageLimit == null || uses < coupon.usageLimit) &&
        (!coupon.minSpend || afterMember >= parseMoney(coupon.minSpend));
      return ok ? [{ coupon, base }] : [];
    });
    if (usable.length > 0) {
      const { coupon, base } = random.pick(usable);
      // A fixed coupon never takes more than what it applies to (bigints: no Math.min).
      if (coupon.type === 'percent') couponDiscount = percentOf(base, parsePercent(coupon.value));
      else couponDiscount = parseMoney(coupon.value);
      if (couponDiscount > base) couponDiscount = base;
      couponCode = coupon.code;
      context.couponUses.set(coupon.code, (context.couponUses.get(coupon.code) ?? 0) + 1);
    }
  }
  const shippingFee = afterMember >= 9900n ? 0n : 1000n;
  const total = afterMember - couponDiscount + shippingFee;

  return {
    id,
    customerId: buyer?.customer.id ?? null,
    status,
    placedAt: shanghaiTime(placedAt),
    items,
    couponCode,
    shippingFee: formatMoney(shippingFee),
    total: formatMoney(total),
    shippingAddress: address,
    shipments: generateShipments(context, random, status, placedAt, address, chosen),
  };
}

function applicableAmount(coupon: CouponRecord, afterMemberBySku: Map<string, Cents>, categoryOf: Map<string, string>): Cents {
  const skus = coupon.appliesTo?.skus ?? [];
  const categories = coupon.appliesTo?.categories ?? [];
  let amount = 0n;
  for (const [sku, value] of afterMemberBySku) {
    const applies =
      (skus.length === 0 && categories.length === 0) || skus.includes(sku) || categories.includes(categoryOf.get(sku) ?? '');
    if (applies) amount += value;
  }
  return amount;
}

function guestAddress(random: Random): AddressRecord {
  const city = random.pick(CITIES);
  return {
    name: `${random.pick(SURNAMES)}${random.pick(GIVEN)}`,
    phone: `1${random.pick(['37', '52', '87', '77'])}${random.digits(8)}`,
    line1: `${random.pick(city.districts)}${random.pick(ROADS)} ${random.int(1, 999)} 号`,
    city: city.city,
    region: city.region,
    postalCode: city.postalCode,
    country: 'CN',
  };
}

function shipmentStatusesFor(status: OrderStatus, random: Random, index: number): ShipmentStatus[] {
  switch (status) {
    case 'pending':
    case 'paid':
    case 'cancelled':
      return [];
    case 'processing':
      return index % 2 === 0 ? ['label_created'] : [];
    case 'shipped':
      return [SHIPPED_CYCLE[index % SHIPPED_CYCLE.length] as ShipmentStatus];
    case 'delivered':
      return random.chance(0.12) ? ['delivered', 'delivered'] : ['delivered'];
    case 'refunded':
      return index % 2 === 0 ? ['returned'] : [];
  }
}

function uniqueTracking(context: OrderContext, random: Random, carrier: (typeof CARRIERS)[number]): string {
  for (;;) {
    const number = carrier.tracking(random);
    if (!context.trackingNumbers.has(number)) {
      context.trackingNumbers.add(number);
      return number;
    }
  }
}

function generateShipments(
  context: OrderContext,
  random: Random,
  status: OrderStatus,
  placedAt: Date,
  address: AddressRecord,
  products: ProductRecord[],
): ShipmentRecord[] {
  const seen = context.statusCounts.get(status) ?? 0;
  context.statusCounts.set(status, seen + 1);
  const statuses = shipmentStatusesFor(status, random, seen);
  return statuses.map((shipmentStatus, line) => {
    const carrier = random.weighted(CARRIERS.map((c) => [c, c.weight] as const));
    const product = products[line % products.length];
    const warehouse =
      DEMO_WAREHOUSES.find((w) => product && (product.stock[w.code] ?? 0) > 0)?.code ??
      CITIES.find((c) => c.city === address.city)?.warehouse ??
      'EAST-1';
    const shippedAt = placedAt.getTime() + random.int(3, 20) * HOUR;
    const events = shipmentTimeline(random, shipmentStatus, shippedAt, warehouse, address.city);
    const compressed = fitBefore(events, placedAt.getTime(), context.now.getTime());
    const days = DEMO_WAREHOUSES.find((w) => w.code === warehouse)?.deliveryDays.max ?? 3;
    return {
      carrier: carrier.name,
      trackingNumber: uniqueTracking(context, random, carrier),
      status: shipmentStatus,
      estimatedDelivery: localDateText(new Date(shippedAt + days * DAY)),
      events: compressed.map(([at, location, description]) => ({
        at: shanghaiTime(new Date(at)),
        location,
        description,
      })),
    };
  });
}

type TimelineEvent = [number, string | null, string];

/** Events that lead up to the shipment's status, each later than the one before. */
function shipmentTimeline(
  random: Random,
  status: ShipmentStatus,
  start: number,
  warehouse: string,
  city: string,
): TimelineEvent[] {
  const origin = WAREHOUSE_CITY[warehouse] ?? '上海';
  const hub = HUBS[warehouse] ?? origin;
  let at = start;
  const step = (minHours: number, maxHours: number) => {
    at += random.int(minHours * 60, maxHours * 60) * 60_000;
    return at;
  };
  const events: TimelineEvent[] = [[at, origin, '电子运单已创建，等待揽收 / Label created, awaiting pickup']];
  if (status === 'label_created') return events;
  events.push([step(1, 4), origin, '快件已揽收 / Picked up by courier']);
  events.push([step(2, 8), hub, `到达${hub}转运中心 / Arrived at ${hub} sorting hub`]);
  events.push([step(2, 10), hub, `离开${hub}转运中心，发往${city} / Departed ${hub} sorting hub for ${city}`]);
  if (status === 'in_transit') return events;
  if (status === 'exception') {
    events.push([step(6, 20), city, random.pick(EXCEPTIONS)]);
    return events;
  }
  events.push([step(6, 20), city, `快件到达${city}派送站 / Arrived at ${city} delivery station`]);
  events.push([step(1, 3), city, `派送中，快递员 ${random.pick(SURNAMES)}师傅 正在为您派送 / Out for delivery`]);
  if (status === 'out_for_delivery') return events;
  if (status === 'delivered') {
    events.push([
      step(1, 5),
      city,
      random.pick([
        '已签收，签收人：本人 / Delivered, signed by recipient',
        '已签收，放置于快递柜 / Delivered to parcel locker',
        '已签收，前台代收 / Delivered, received at reception',
      ]),
    ]);
    return events;
  }
  // returned: the shopper refused the parcel and it went back to the warehouse
  events.push([step(1, 3), city, '收件人拒收 / Delivery refused by recipient']);
  events.push([step(24, 60), origin, `已退回寄件人（${origin}仓） / Returned to sender`]);
  return events;
}

/** A timeline that would run past `now` is squeezed between the order and now, keeping its order. */
function fitBefore(events: TimelineEvent[], start: number, now: number): TimelineEvent[] {
  const last = events[events.length - 1]?.[0] ?? start;
  const limit = now - 10 * 60_000;
  if (last <= limit) return events;
  const factor = Math.max(0, limit - start) / Math.max(1, last - start);
  return events.map(([at, location, description], index) => [
    Math.floor(start + (at - start) * factor) + index * 1000,
    location,
    description,
  ]);
}

function classicOrder(now: Date): OrderRecord {
  const placed = Math.floor((now.getTime() + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET - 3 * DAY + (10 * 60 + 2) * 60_000;
  const at = (hours: number) => shanghaiTime(new Date(placed + hours * HOUR));
  const events: ShipmentEventRecord[] = [
    { at: at(6), location: '上海', description: '电子运单已创建，等待揽收 / Label created, awaiting pickup' },
    { at: at(7.97), location: '上海', description: '已揽收 / Picked up by courier' },
    { at: at(14), location: '上海', description: '到达上海转运中心 / Arrived at Shanghai sorting hub' },
    { at: at(20.5), location: '上海', description: '离开上海转运中心，发往上海浦东 / Departed Shanghai sorting hub' },
  ].filter((event) => Date.parse(event.at) < now.getTime());
  return {
    id: CLASSIC_ORDER_ID,
    customerId: CLASSIC_CUSTOMER_ID,
    status: 'shipped',
    placedAt: shanghaiTime(new Date(placed)),
    items: [{ sku: CLASSIC_SKU, quantity: 1, unitPrice: '1299.00', discount: '129.90' }],
    couponCode: null,
    shippingFee: '0.00',
    total: '1169.10',
    shippingAddress: CLASSIC_ADDRESS,
    shipments: [
      {
        carrier: 'SF Express',
        trackingNumber: CLASSIC_TRACKING_NUMBER,
        status: 'in_transit',
        estimatedDelivery: localDateText(new Date(now.getTime() + DAY)),
        events,
      },
    ],
  };
}

/** The demo store: deterministic for a seed, valid for importStore. */
export function generateDemoStore(options: DemoOptions = {}): StoreFile {
  const seed = options.seed ?? 20261120;
  const now = options.now ?? DEFAULT_DEMO_NOW;
  const productCount = Math.max(1, options.products ?? 240);
  const customerCount = Math.max(1, options.customers ?? 60);
  const orderCount = Math.max(1, options.orders ?? 600);

  const products = [CLASSIC_PRODUCT, ...Array.from({ length: productCount - 1 }, (_, i) => generateProduct(seed, i))];
  const customers = Array.from({ length: customerCount }, (_, i) => generateCustomer(seed, i));
  const coupons = demoCoupons(now);
  const context = createOrderContext(
    seed,
    now,
    products,
    customers,
    coupons.map((c) => ({ ...c, timesUsed: 0 })),
  );

  const skeletons = Array.from({ length: orderCount - 1 }, (_, i) => generateOrderSkeleton(seed, i, now)).sort(
    (a, b) => a.placedAt - b.placedAt || a.index - b.index,
  );
  const ids = assignOrderIds(skeletons, 1, new Set([CLASSIC_ORDER_ID]));
  const orders = [classicOrder(now), ...skeletons.map((skeleton, i) => generateOrder(context, skeleton, ids[i] as string))];
  orders.sort((a, b) => Date.parse(a.placedAt) - Date.parse(b.placedAt) || (a.id < b.id ? -1 : 1));

  // timesUsed counts the uses in this file; FLASH100 is used up by design whatever the file holds.
  for (const coupon of coupons) {
    const uses = context.couponUses.get(coupon.code) ?? 0;
    coupon.timesUsed = coupon.code === 'FLASH100' ? (coupon.usageLimit ?? uses) : uses;
  }

  return {
    store: { name: 'Acme 户外 Outdoor', currency: 'CNY', locale: 'zh-CN', timezone: DEMO_TIME_ZONE },
    warehouses: DEMO_WAREHOUSES.map((w) => ({ ...w, deliveryDays: { ...w.deliveryDays } })),
    memberLevels: DEMO_MEMBER_LEVELS.map((level) => ({ ...level })),
    products,
    coupons,
    customers: customers.map((c) => c.customer),
    orders,
  };
}
