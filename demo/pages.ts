/** The storefront's HTML: a layout with the merchant's chat snippet, the home page and a product page. */
import type { Catalog, DemoCustomer, DemoProduct, Lang } from './catalog';
import { html, type SafeHtml, scriptString } from './html';
import { TEXT, type Text } from './text';

/** What the page tells the widget before anything else, in this order. */
export type WidgetCall = { method: 'reset' } | { method: 'identify'; token: string };

export interface PageContext {
  lang: Lang;
  catalog: Catalog;
  /** The chat app's base URL, e.g. http://localhost:3000. */
  appUrl: string;
  /** This response's CSP nonce for the inline script. */
  nonce: string;
  /** The current path, where the sign-in forms send the shopper back to. */
  path: string;
  customer: DemoCustomer | null;
  signInEnabled: boolean;
  widgetCalls: WidgetCall[];
}

export function homePage(ctx: PageContext): string {
  const { catalog, lang } = ctx;
  const t = TEXT[lang];
  return layout(
    ctx,
    catalog.shopName,
    html`<section class="hero">
        <h1>${catalog.shopName}</h1>
        <p>${t.tagline}</p>
        <p class="hint">${t.chatHint}</p>
      </section>
      <h2>${t.products}</h2>
      <ul class="grid">
        ${catalog.products.map(
          (product) => html`<li>
            <a class="card" href="${productPath(product)}">
              <span class="art" aria-hidden="true">${product.emoji}</span>
              <span class="category">${product.category[lang]}</span>
              <span class="name">${product.name[lang]}</span>
              <span class="sku">${product.sku}</span>
              <span class="price">${formatPrice(catalog, product)}</span>
            </a>
          </li>`,
        )}
      </ul>`,
  );
}

export function productPage(ctx: PageContext, product: DemoProduct): string {
  const { catalog, lang } = ctx;
  const t = TEXT[lang];
  return layout(
    ctx,
    `${product.name[lang]} · ${catalog.shopName}`,
    html`<p><a href="/">${t.backToShop}</a></p>
      <article class="product">
        <div class="art" aria-hidden="true">${product.emoji}</div>
        <div>
          <p class="category">${product.category[lang]}</p>
          <h1>${product.name[lang]}</h1>
          <p class="sku">${product.sku}</p>
          <p class="price">${formatPrice(catalog, product)}</p>
          <p>${product.description[lang]}</p>
          <p class="hint">${t.chatHint}</p>
        </div>
      </article>`,
  );
}

export function notFoundPage(ctx: PageContext, path: string): string {
  const t = TEXT[ctx.lang];
  return layout(
    ctx,
    `${t.notFound(path)} · ${ctx.catalog.shopName}`,
    html`<h1>${t.notFound(path)}</h1>
      <p><a href="/">${t.backToShop}</a></p>`,
  );
}

function productPath(product: DemoProduct): string {
  return `/products/${encodeURIComponent(product.sku)}`;
}

// The shop sells in CNY: "¥1,299.00" reads right on both the Chinese and the English page.
function formatPrice(catalog: Catalog, product: DemoProduct): string {
  return new Intl.NumberFormat('zh-CN', { style: 'currency', currency: catalog.currency }).format(Number(product.price));
}

function layout(ctx: PageContext, title: string, main: SafeHtml): string {
  const t = TEXT[ctx.lang];
  return html`<!doctype html>
<html lang="${t.htmlLang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="data:," />
    <style>${STYLE}</style>
  </head>
  <body>
    <header class="bar">
      <a class="brand" href="/">🏔️ ${ctx.catalog.shopName}</a>
      <nav class="languages" aria-label="${t.language}">
        <a href="?lang=zh" ${ctx.lang === 'zh' && html`aria-current="true"`}>中文</a>
        <a href="?lang=en" ${ctx.lang === 'en' && html`aria-current="true"`}>EN</a>
      </nav>
      ${account(ctx, t)}
      <button type="button" class="chat" id="chat-with-us">💬 ${t.chatWithUs}</button>
    </header>
    <main>${main}</main>
    <footer><p>${t.about}</p></footer>
    ${chatSnippet(ctx, t)}
  </body>
</html>
`.value;
}

function account(ctx: PageContext, t: Text): SafeHtml {
  const disabled = !ctx.signInEnabled && html`disabled`;
  return html`<div class="account">
    ${ctx.customer && html`<span class="hello">${t.signedInAs(ctx.customer.name)}</span>`}
    <form method="post" action="/sign-in">
      <input type="hidden" name="back" value="${ctx.path}" />
      <label for="customer">${t.signInAs}</label>
      <select id="customer" name="customer" ${disabled}>
        ${ctx.catalog.customers.map(
          (customer) =>
            html`<option value="${customer.id}" ${customer.id === ctx.customer?.id && html`selected`}>
              ${customer.id} ${customer.name} · ${customer.level ? t.memberLevel(customer.level[ctx.lang]) : t.noLevel}
            </option>`,
        )}
        <option value="guest" ${!ctx.customer && html`selected`}>${t.guest}</option>
      </select>
      <button type="submit" ${disabled}>${t.switchAccount}</button>
    </form>
    ${
      ctx.customer &&
      html`<form method="post" action="/sign-out">
        <input type="hidden" name="back" value="${ctx.path}" />
        <button type="submit">${t.signOut}</button>
      </form>`
    }
    ${!ctx.signInEnabled && html`<p class="note">${t.signInDisabled}</p>`}
  </div>`;
}

/**
 * Exactly what a merchant pastes into their site: the queue stub (calls made before the loader
 * arrives wait in ShopChat.q), who the shopper is, and the loader from the app's origin.
 */
function chatSnippet(ctx: PageContext, t: Text): SafeHtml {
  const calls = ctx.widgetCalls.map((call) =>
    call.method === 'reset' ? html`ShopChat('reset');\n` : html`ShopChat('identify', ${scriptString(call.token)});\n`,
  );
  const loader = `${ctx.appUrl}/widget.js`;
  return html`<script nonce="${ctx.nonce}">
      window.ShopChat = window.ShopChat || function(){(window.ShopChat.q = window.ShopChat.q || []).push(arguments)};
      ${calls}
      document.getElementById('chat-with-us').addEventListener('click', function () { ShopChat('open'); });
    </script>
    <script src="${loader}" data-locale="${t.widgetLocale}" async></script>`;
}

const STYLE = html`
  :root {
    --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --paper: #f7f8fa; --accent: #0f766e; --accent-ink: #fff;
    font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif;
    color: var(--ink); background: var(--paper); line-height: 1.5;
  }
  * { box-sizing: border-box; }
  body { margin: 0; }
  a { color: var(--accent); }
  .bar {
    display: flex; flex-wrap: wrap; align-items: center; gap: 12px 20px; padding: 12px 24px;
    background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 1;
  }
  .brand { font-weight: 700; font-size: 1.15rem; color: var(--ink); text-decoration: none; margin-right: auto; }
  .languages { display: flex; gap: 8px; }
  .languages a { text-decoration: none; padding: 2px 8px; border-radius: 999px; }
  .languages a[aria-current] { background: var(--accent); color: var(--accent-ink); }
  .account { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; font-size: 0.9rem; }
  .account form { display: flex; align-items: center; gap: 6px; margin: 0; }
  .account select, .account button, .chat { font: inherit; padding: 6px 10px; border-radius: 8px; border: 1px solid var(--line); background: #fff; }
  .account button { cursor: pointer; }
  .hello { font-weight: 600; }
  .note { flex-basis: 100%; margin: 0; color: #9a3412; font-size: 0.85rem; }
  .chat { background: var(--accent); color: var(--accent-ink); border-color: var(--accent); cursor: pointer; font-weight: 600; }
  main { max-width: 1100px; margin: 0 auto; padding: 24px; }
  .hero h1 { margin: 8px 0 4px; font-size: 1.8rem; }
  .hero p { margin: 0; color: var(--muted); }
  .hint { color: var(--muted); font-size: 0.9rem; }
  .grid { list-style: none; padding: 0; display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); }
  .card {
    display: flex; flex-direction: column; gap: 4px; height: 100%; padding: 16px; border-radius: 12px;
    background: #fff; border: 1px solid var(--line); color: var(--ink); text-decoration: none; transition: box-shadow 0.15s;
  }
  .card:hover, .card:focus-visible { box-shadow: 0 4px 16px rgb(15 23 42 / 0.1); }
  .art { display: grid; place-items: center; aspect-ratio: 4 / 3; font-size: 3rem; border-radius: 8px; background: linear-gradient(135deg, #ccfbf1, #e0f2fe); }
  .category { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; margin: 0; }
  .name { font-weight: 600; }
  .sku { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.8rem; }
  .price { font-weight: 700; font-size: 1.1rem; color: #b91c1c; margin-top: auto; }
  .product { display: grid; gap: 24px; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 24px; }
  .product .art { font-size: 6rem; }
  .product h1 { margin: 4px 0; }
  footer { max-width: 1100px; margin: 0 auto; padding: 8px 24px 48px; color: var(--muted); font-size: 0.85rem; }
  @media (max-width: 640px) {
    .bar { padding: 10px 16px; position: static; }
    .account, .account form { width: 100%; }
    .account select { flex: 1; min-width: 0; }
    main { padding: 16px; }
    .grid { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 10px; }
    .card { padding: 10px; }
    .product { grid-template-columns: 1fr; padding: 16px; }
  }
`;
