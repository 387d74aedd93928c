/**
 * The baseline `npm run bench` compares the app with: a bare node:http server — no Next.js, no
 * model, no transcript — that answers POST /api/chat with the same lib/commerce calls the app's
 * tools make for the question, and streams the tool results and a fixed short answer in the same
 * UI-message stream format. It does not understand language: the load generator sends each
 * question's intent in the x-bench-intent header (bench/mix.ts) and this server maps it to calls:
 *
 *   stock        searchProducts → getAvailability          (searchProducts, checkInventory)
 *   price        searchProducts → [getCustomerProfile] → quotePrice
 *   order        getOrder (signed in: own order; guest: with the email or phone)
 *   my-orders    listOrders → trackShipment of the newest   (listMyOrders, trackShipment)
 *   track-order  trackShipment by order
 *   track        trackShipment by tracking number
 *
 * Signed-in shoppers' tokens are verified like the app does (lib/auth/shopper-token.ts).
 *
 *   node --import tsx bench/baseline-server.ts --port 3200 --database-url postgres://…/db
 *
 * On start it migrates the database and loads the demo store into it when empty (as the app does).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { verifyShopperToken } from '@/lib/auth/shopper-token';
import {
  getAvailability,
  getCustomerProfile,
  getOrder,
  isCommerceError,
  listOrders,
  quotePrice,
  searchProducts,
  trackShipment,
  type Viewer,
} from '@/lib/commerce';
import { openDatabase, type PrismaClient } from '@/lib/db/client';
import { ensureDemoStore } from '@/lib/store/bootstrap';
import { decodeIntent, INTENT_HEADER, type Intent } from './mix';

const MAX_BODY = 512 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'body over 512 KB'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The last message's text, checked the way the app's request reader checks it (roughly). */
function lastUserText(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'not JSON');
  }
  const value = parsed as { id?: unknown; messages?: unknown };
  if (typeof value.id !== 'string' || !/^[A-Za-z0-9_-]{16,100}$/.test(value.id)) throw new HttpError(400, 'bad id');
  if (!Array.isArray(value.messages) || value.messages.length === 0) throw new HttpError(400, 'no messages');
  const last = value.messages[value.messages.length - 1] as { role?: unknown; parts?: unknown };
  if (last.role !== 'user' || !Array.isArray(last.parts)) throw new HttpError(400, 'last message is not a user message');
  const text = (last.parts as Array<{ type?: unknown; text?: unknown }>)
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text as string)
    .join('\n')
    .trim();
  if (text === '' || text.length > 4000) throw new HttpError(400, 'empty or over-long message');
  return text;
}

async function customerOf(request: IncomingMessage, secret: string | undefined): Promise<string | null> {
  const header = request.headers.authorization;
  if (!header) return null;
  const token = /^Bearer +(\S+)$/i.exec(header.trim())?.[1];
  if (!token) throw new HttpError(401, 'not a Bearer token');
  try {
    return (await verifyShopperToken(token, secret)).customerId;
  } catch (error) {
    throw new HttpError(401, error instanceof Error ? error.message : 'bad token');
  }
}

type Call = { tool: string; input: unknown; run: () => Promise<unknown> };

/** Runs the calls one after the other, each may depend on the previous one's output. */
async function runIntent(
  db: PrismaClient,
  intent: Intent,
  customerId: string | null,
  emit: (tool: string, input: unknown, output: unknown) => void,
): Promise<void> {
  const call = async ({ tool, input, run }: Call): Promise<unknown> => {
    let output: unknown;
    try {
      output = await run();
    } catch (error) {
      if (!isCommerceError(error)) throw error;
      output = { error: error.code, message: error.message };
    }
    emit(tool, input, output);
    return output;
  };
  const viewer = (contact?: string): Viewer =>
    customerId ? { kind: 'customer', customerId } : { kind: 'guest', contact: contact ?? '' };

  switch (intent.kind) {
    case 'stock':
    case 'price': {
      const results = (await call({
        tool: 'searchProducts',
        input: { query: intent.query, limit: 5 },
        run: () => searchProducts(db, intent.query, { limit: 5 }),
      })) as Array<{ sku: string }> | { error: string };
      const sku = Array.isArray(results) ? results[0]?.sku : undefined;
      if (!sku) return;
      if (intent.kind === 'stock') {
        await call({ tool: 'checkInventory', input: { sku }, run: () => getAvailability(db, sku) });
        return;
      }
      const { quantity, couponCode } = intent;
      await call({
        tool: 'quotePrice',
        input: { sku, quantity, memberLevel: intent.memberLevel, couponCode },
        run: async () => {
          let memberLevel = intent.memberLevel ?? null;
          if (!memberLevel && customerId) memberLevel = (await getCustomerProfile(db, customerId)).memberLevel?.code ?? null;
          return quotePrice(db, { sku, quantity, memberLevel, couponCode });
        },
      });
      return;
    }
    case 'order':
      await call({
        tool: 'getOrder',
        input: { orderId: intent.orderId, contact: intent.contact },
        run: () => getOrder(db, intent.orderId, viewer(intent.contact)),
      });
      return;
    case 'my-orders': {
      if (!customerId) return;
      const list = (await call({
        tool: 'listMyOrders',
        input: { limit: 20 },
        run: () => listOrders(db, customerId, { limit: 20 }),
      })) as { orders?: Array<{ id: string }> };
      const newest = list.orders?.[0]?.id;
      if (!newest) return;
      await call({
        tool: 'trackShipment',
        input: { orderId: newest },
        run: () => trackShipment(db, { orderId: newest, viewer: viewer() }),
      });
      return;
    }
    case 'track-order':
      await call({
        tool: 'trackShipment',
        input: { orderId: intent.orderId },
        run: () => trackShipment(db, { orderId: intent.orderId, viewer: viewer() }),
      });
      return;
    case 'track':
      await call({
        tool: 'trackShipment',
        input: { trackingNumber: intent.trackingNumber },
        run: () => trackShipment(db, { trackingNumber: intent.trackingNumber }),
      });
      return;
  }
}

const ANSWER = ['Here is what ', 'the shop says ', 'about that.'];
let sequence = 0;

async function handleChat(db: PrismaClient, request: IncomingMessage, response: ServerResponse, secret?: string) {
  const customerId = await customerOf(request, secret);
  lastUserText(await readBody(request));
  const header = request.headers[INTENT_HEADER];
  const intent = decodeIntent(Array.isArray(header) ? header[0] : header);
  if (!intent) throw new HttpError(400, `missing or malformed ${INTENT_HEADER} header (the baseline does not read text)`);

  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-vercel-ai-ui-message-stream': 'v1',
    'x-accel-buffering': 'no',
  });
  const send = (part: unknown) => response.write(`data: ${JSON.stringify(part)}\n\n`);
  const id = ++sequence;
  send({ type: 'start', messageId: `baseline_${id}` });
  let call = 0;
  await runIntent(db, intent, customerId, (toolName, input, output) => {
    const toolCallId = `baseline_${id}_${++call}`;
    send({ type: 'start-step' });
    send({ type: 'tool-input-available', toolCallId, toolName, input });
    send({ type: 'tool-output-available', toolCallId, output });
    send({ type: 'finish-step' });
  });
  send({ type: 'start-step' });
  send({ type: 'text-start', id: 'text_0' });
  for (const delta of ANSWER) send({ type: 'text-delta', id: 'text_0', delta });
  send({ type: 'text-end', id: 'text_0' });
  send({ type: 'finish-step' });
  send({ type: 'finish', finishReason: 'stop' });
  response.end('data: [DONE]\n\n');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3200' },
      host: { type: 'string', default: '127.0.0.1' },
      'database-url': { type: 'string', default: process.env.DATABASE_URL ?? '' },
    },
  });
  const url = values['database-url'];
  if (!url) throw new Error('--database-url (or DATABASE_URL) is required: the baseline runs on PostgreSQL.');
  const database = await openDatabase({ kind: 'postgres', url });
  if (await ensureDemoStore(database.prisma)) console.info('[baseline] loaded the demo store');
  const secret = process.env.SHOPPER_TOKEN_SECRET || undefined;

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/api/health') {
      sendJson(response, 200, { status: 'ok', model: 'baseline', database: 'postgres', shared: 'instance' });
      return;
    }
    if (request.method !== 'POST' || path !== '/api/chat') {
      sendJson(response, 404, { error: { code: 'not_found', message: 'no such route' } });
      return;
    }
    handleChat(database.prisma, request, response, secret).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 500) console.error('[baseline]', error);
      if (response.headersSent) {
        response.end(`data: ${JSON.stringify({ type: 'error', errorText: message })}\n\n`);
      } else {
        sendJson(response, status, { error: { code: status === 500 ? 'internal' : 'bad_request', message } });
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(values.port), values.host, () => {
    console.info(`[baseline] listening on http://${values.host}:${values.port}`);
  });

  const shutdown = () => {
    server.close();
    server.closeAllConnections();
    database.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error('[baseline] failed to start:', error);
  process.exit(1);
});
