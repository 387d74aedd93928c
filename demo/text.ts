import type { Lang } from './catalog';

/** The storefront's own words in each language, and the widget locale that goes with them. */
export interface Text {
  htmlLang: string;
  widgetLocale: string;
  tagline: string;
  chatWithUs: string;
  chatHint: string;
  language: string;
  signInAs: string;
  guest: string;
  switchAccount: string;
  signOut: string;
  memberLevel: (level: string) => string;
  noLevel: string;
  signedInAs: (name: string) => string;
  signInDisabled: string;
  products: string;
  backToShop: string;
  notFound: (path: string) => string;
  about: string;
}

export const TEXT: Record<Lang, Text> = {
  zh: {
    htmlLang: 'zh-CN',
    widgetLocale: 'zh-CN',
    tagline: '户外与生活方式好物 · 演示店铺',
    chatWithUs: '联系客服',
    chatHint: '库存、价格、会员折扣、订单和物流，问客服就好。',
    language: '语言',
    signInAs: '登录为',
    guest: '游客（未登录）',
    switchAccount: '切换',
    signOut: '退出登录',
    memberLevel: (level) => level,
    noLevel: '普通会员',
    signedInAs: (name) => `你好，${name}`,
    signInDisabled: '演示登录已关闭：请设置 SHOPPER_TOKEN_SECRET（与应用相同的值）后重启。',
    products: '热门商品',
    backToShop: '← 返回首页',
    notFound: (path) => `找不到页面 ${path}`,
    about:
      '这是商家自己的网站（与客服应用不同源）。聊天窗口通过一行 <script> 嵌入；登录后，本站服务器为顾客签发 15 分钟有效的令牌并调用 ShopChat("identify")。',
  },
  en: {
    htmlLang: 'en',
    widgetLocale: 'en',
    tagline: 'Outdoor and lifestyle gear · demo shop',
    chatWithUs: 'Chat with us',
    chatHint: 'Stock, prices, member discounts, orders and deliveries: just ask.',
    language: 'Language',
    signInAs: 'Sign in as',
    guest: 'Guest (signed out)',
    switchAccount: 'Switch',
    signOut: 'Sign out',
    memberLevel: (level) => `${level} member`,
    noLevel: 'no member level',
    signedInAs: (name) => `Hello, ${name}`,
    signInDisabled: 'Demo sign-in is off: set SHOPPER_TOKEN_SECRET (the same value as the app) and restart.',
    products: 'Popular products',
    backToShop: '← Back to the shop',
    notFound: (path) => `Nothing here at ${path}`,
    about:
      'This is the merchant\'s own website, on a different origin from the chat app. The chat is embedded with one <script> tag; when you sign in, this site\'s server signs a 15-minute shopper token and calls ShopChat("identify").',
  },
};
