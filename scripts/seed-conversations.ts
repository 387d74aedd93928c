/**
 * Fills a database with conversations for the console's benchmark:
 *
 *   createdb -h 127.0.0.1 -U postgres shop_console_bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_console_bench \
 *     npm run seed:conversations -- --conversations 100000 --messages 1000000
 *
 * Works on the database the app would use (DATABASE_URL, else the embedded one in DATA_DIR),
 * migrated first; the demo store is imported when the database has none (its customers own the
 * signed-in conversations). Refuses a database that already has conversations.
 *
 * Everything is generated inside PostgreSQL (INSERT … SELECT over generate_series, in batches of
 * conversations), so a million messages take a minute or two rather than a million round trips:
 * Chinese and English shopper questions and answers with product names, order numbers and
 * cities, statuses, ratings, tools used (with their ToolCallLog rows), errors, fallbacks, labels.
 */
import { parseArgs } from 'node:util';
import { SHOP_TOOL_NAMES } from '@/lib/ai/tools';
import { openDatabase } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { describeTarget, targetFromEnv } from '@/lib/db/target';
import { generateDemoStore } from '@/lib/store/demo';
import { hasStore, importStore } from '@/lib/store/import';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string', default: '10000' },
    days: { type: 'string', default: '180' },
  },
});

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    console.error(`--${name} must be a whole number of at least 1, not "${value}"`);
    process.exit(1);
  }
  return number;
}

const conversationCount = positiveInteger('conversations', values.conversations);
const messageTarget = positiveInteger('messages', values.messages);
const batchSize = positiveInteger('batch-size', values['batch-size']);
const days = positiveInteger('days', values.days);
// At least one question and one answer each.
const meanMessages = Math.max(2, messageTarget / conversationCount);

const PRODUCTS_ZH = [
  '限量版复古球鞋',
  '越野跑鞋',
  '运动袜三双装',
  '经典雨衣',
  '冲锋衣',
  '登山背包',
  '速干T恤',
  '户外帐篷',
  '保温水壶',
  '防晒帽',
];
const PRODUCTS_EN = [
  'Limited Retro Sneaker',
  'Trail Running Shoe',
  'Sport Socks 3-Pack',
  'Classic Rain Jacket',
  'Hardshell Jacket',
  'Hiking Backpack',
  'Quick-Dry Tee',
  'Camping Tent',
  'Insulated Bottle',
  'Sun Hat',
];
const CITIES_ZH = ['上海', '北京', '广州', '深圳', '成都', '杭州', '武汉', '西安'];
const CITIES_EN = ['Shanghai', 'Beijing', 'Guangzhou', 'Shenzhen', 'Chengdu', 'Hangzhou', 'Wuhan', "Xi'an"];

const USER_ZH = [
  '请问{product}还有货吗？',
  '{product}多少钱？黄金会员有折扣吗',
  '我的订单{order}到哪里了',
  '帮我查一下{order}的物流',
  '我想取消订单{order}',
  '我要退款，{product}尺码不合适',
  '转人工客服',
  '发货到{city}要几天？',
  '优惠券SAVE50可以用吗',
  '我要买两件{product}',
  '你好',
  '谢谢，没问题了',
];
const ASSISTANT_ZH = [
  '{product}目前华东仓有货，预计2-3天送达{city}。',
  '{product}售价1299.00元，黄金会员95折后为1234.05元。',
  '订单{order}已由顺丰发出，正在运往{city}。',
  '订单{order}尚未发货，已为您取消，库存已释放。',
  '好的，我已为您转接人工客服，同事会尽快回复您。',
  '优惠券SAVE50满500元可减50元，已为您计算在内。',
  '已为您下单{product}，请确认订单信息。',
  '您好！请问有什么可以帮您？',
  '不客气，祝您购物愉快！',
];
const USER_EN = [
  'Is the {product} in stock?',
  'How much is the {product} for a gold member?',
  'Where is my order {order}?',
  'Can you track {order} for me please',
  'Please cancel order {order}',
  'I want a refund, the {product} does not fit',
  'Can I talk to a human please',
  'How long does delivery to {city} take?',
  'Does coupon SAVE50 work on this?',
  "I'll take 2 of the {product}",
  'hello',
  'thanks, that is all',
];
const ASSISTANT_EN = [
  'The {product} is in stock in our East warehouse; delivery to {city} takes 2–3 days.',
  'The {product} costs 1299.00; as a gold member you pay 1169.10.',
  'Order {order} has shipped with SF Express and is on its way to {city}.',
  'Order {order} had not shipped yet, so I cancelled it for you.',
  "I've asked a member of our team to take over. They will reply here shortly.",
  'SAVE50 takes 50 off orders from 500; I included it in the price.',
  'I have prepared your order for the {product}: please confirm it.',
  'Hi! How can I help you today?',
  "You're welcome, enjoy your day!",
];
/** What a conversation was about, as the tools its answers used. */
const TOOL_SETS: string[][] = [
  ['searchProducts', 'checkInventory'],
  ['quotePrice'],
  ['getOrder', 'trackShipment'],
  ['trackShipment'],
  ['getOrder', 'cancelOrder'],
  ['handOffToHuman'],
  ['listMyOrders'],
  ['checkInventory', 'placeOrder'],
  [],
  [],
];
const unknownTools = TOOL_SETS.flat().filter((tool) => !(SHOP_TOOL_NAMES as readonly string[]).includes(tool));
if (unknownTools.length > 0) throw new Error(`Not tools of the chat: ${unknownTools.join(', ')}`);
const TOOL_SETS_JSON = JSON.stringify(TOOL_SETS);

type Tx = Prisma.TransactionClient;

/** One batch of conversations, numbered first…last, into a scratch table the messages are made from. */
async function planConversations(tx: Tx, first: number, last: number, customerIds: string[]): Promise<void> {
  await tx.$executeRaw`TRUNCATE bench_conversation`;
  await tx.$executeRaw`
    INSERT INTO bench_conversation
    SELECT i,
           'bench' || lpad(i::text, 9, '0') || 'conversation',
           CASE WHEN random() < 0.55 THEN 'zh' ELSE 'en' END,
           greatest(2, round(${meanMessages}::float8 * (0.4 + 1.2 * random())))::int,
           now() - random() * make_interval(days => ${days}::int),
           CASE WHEN random() < 0.6 THEN (${customerIds}::text[])[1 + floor(random() * ${customerIds.length}::int)::int] END,
           random(), random(), random(),
           ARRAY(SELECT jsonb_array_elements_text(${TOOL_SETS_JSON}::jsonb -> floor(random() * ${TOOL_SETS.length}::int + 0 * i)::int))
    FROM generate_series(${first}::int, ${last}::int) AS i`;
}

async function insertConversations(tx: Tx): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Conversation" (id, "customerId", "visitorHash", status, "createdAt", "lastMessageAt", "closedAt", rating,
                                "ratedAt", "messageCount", "toolsUsed", "hadError", "usedFallback", "handoffRequestedAt", labels)
    SELECT id, customer, CASE WHEN customer IS NULL THEN md5(id) END, status::"ConversationStatus",
           last_at - make_interval(secs => 40 * messages), last_at,
           CASE WHEN status = 'closed' THEN last_at END,
           rating, CASE WHEN rating IS NOT NULL THEN last_at END,
           messages, tools,
           -- 3 % had an error, 6 % used the fallback engine: half of those with an error.
           r_flags < 0.03, r_flags < 0.015 OR r_flags > 0.955,
           CASE WHEN status IN ('waiting_human', 'human') OR 'handOffToHuman' = ANY(tools) THEN last_at - make_interval(secs => 20 * messages) END,
           ARRAY(SELECT label FROM (VALUES ('refund', 0.04), ('vip', 0.02), ('complaint', 0.01)) AS l(label, share)
                 WHERE random() < share + 0 * n)
    FROM (
      SELECT *,
             CASE WHEN 'handOffToHuman' = ANY(tools) AND r_status < 0.3 THEN 'waiting_human'
                  WHEN 'handOffToHuman' = ANY(tools) AND r_status < 0.7 THEN 'human'
                  WHEN r_status < 0.02 THEN 'waiting_human'
                  WHEN r_status < 0.45 THEN 'closed'
                  ELSE 'bot' END AS status,
             CASE WHEN r_rating < 0.35 THEN (ARRAY[1, 2, 3, 4, 4, 5, 5, 5, 5, 5])[1 + floor(random() * 10)::int] END AS rating
      FROM bench_conversation OFFSET 0
    ) AS c`;
}

async function insertMessages(tx: Tx): Promise<void> {
  // OFFSET 0 keeps the subquery whole: each message's random text is drawn once, for both parts and text.
  await tx.$executeRaw`
    INSERT INTO "ChatMessage" (id, "conversationId", seq, role, parts, "createdAt", model, "usedFallback", "inputTokens",
                               "outputTokens", "firstTextMs", "durationMs", text)
    SELECT id || '-' || seq, id, seq, role::"ChatRole", jsonb_build_array(jsonb_build_object('type', 'text', 'text', text)),
           created_at,
           CASE WHEN role = 'assistant' THEN 'offline' END, false,
           CASE WHEN role = 'assistant' THEN 800 + seq * 120 END, CASE WHEN role = 'assistant' THEN 40 + length(text) END,
           CASE WHEN role = 'assistant' THEN 300 + floor(random() * 1500)::int END,
           CASE WHEN role = 'assistant' THEN 900 + floor(random() * 4000)::int END,
           text
    FROM (
      SELECT c.id, s.seq, CASE WHEN s.seq % 2 = 0 THEN 'user' ELSE 'assistant' END AS role,
             c.last_at - make_interval(secs => 40 * (c.messages - 1 - s.seq)) AS created_at,
             replace(replace(replace(
               CASE WHEN c.lang = 'zh' AND s.seq % 2 = 0 THEN (${USER_ZH}::text[])[1 + floor(random() * ${USER_ZH.length}::int)::int]
                    WHEN c.lang = 'zh' THEN (${ASSISTANT_ZH}::text[])[1 + floor(random() * ${ASSISTANT_ZH.length}::int)::int]
                    WHEN s.seq % 2 = 0 THEN (${USER_EN}::text[])[1 + floor(random() * ${USER_EN.length}::int)::int]
                    ELSE (${ASSISTANT_EN}::text[])[1 + floor(random() * ${ASSISTANT_EN.length}::int)::int] END,
               '{product}', CASE WHEN c.lang = 'zh' THEN (${PRODUCTS_ZH}::text[])[1 + floor(random() * ${PRODUCTS_ZH.length}::int)::int]
                                 ELSE (${PRODUCTS_EN}::text[])[1 + floor(random() * ${PRODUCTS_EN.length}::int)::int] END),
               '{order}', 'ORD-' || to_char(c.last_at, 'YYYYMMDD') || '-' || lpad(floor(random() * 100000)::int::text, 5, '0')),
               '{city}', CASE WHEN c.lang = 'zh' THEN (${CITIES_ZH}::text[])[1 + floor(random() * ${CITIES_ZH.length}::int)::int]
                              ELSE (${CITIES_EN}::text[])[1 + floor(random() * ${CITIES_EN.length}::int)::int] END) AS text
      FROM bench_conversation c, generate_series(0, c.messages - 1) AS s(seq)
      OFFSET 0
    ) AS m`;
}

async function insertToolCalls(tx: Tx): Promise<void> {
  // The first answer made the calls; one in a hundred failed.
  await tx.$executeRaw`
    INSERT INTO "ToolCallLog" ("conversationId", "messageId", "toolCallId", "toolName", step, model, input, output, error,
                               "durationMs", state, "createdAt")
    SELECT c.id, c.id || '-1', 'call_' || c.n || '_' || t.position, t.name, t.position - 1, 'offline', '{}'::jsonb,
           CASE WHEN failed THEN NULL ELSE '{"ok":true}'::jsonb END,
           CASE WHEN failed THEN 'The store did not answer in time.' END,
           5 + floor(random() * 200)::int, CASE WHEN failed THEN 'failed' ELSE 'succeeded' END,
           c.last_at - make_interval(secs => 40 * (c.messages - 2))
    FROM (SELECT *, random() < 0.01 AS failed FROM bench_conversation OFFSET 0) AS c,
         unnest(c.tools) WITH ORDINALITY AS t(name, position)`;
}

const target = targetFromEnv();
console.error(`Seeding ${describeTarget(target)}…`);
const database = await openDatabase(target);
const db = database.prisma;
try {
  const existing = await db.conversation.count();
  if (existing > 0) {
    console.error(`It already has ${existing.toLocaleString('en-US')} conversations: seed an empty database.`);
    process.exitCode = 1;
  } else {
    const started = performance.now();
    if (!(await hasStore(db))) {
      await importStore(db, generateDemoStore());
      console.error('  the demo store imported (its customers own the signed-in conversations)');
    }
    const customerIds = (await db.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
    await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`
          CREATE TEMP TABLE bench_conversation (n int, id text, lang text, messages int, last_at timestamptz, customer text,
                                                r_status float8, r_rating float8, r_flags float8, tools text[]) ON COMMIT DROP`;
        for (let first = 1; first <= conversationCount; first += batchSize) {
          const last = Math.min(conversationCount, first + batchSize - 1);
          await planConversations(tx, first, last, customerIds);
          await insertConversations(tx);
          await insertMessages(tx);
          await insertToolCalls(tx);
          const seconds = ((performance.now() - started) / 1000).toFixed(0);
          console.error(
            `  ${last.toLocaleString('en-US')} / ${conversationCount.toLocaleString('en-US')} conversations (${seconds} s)`,
          );
        }
      },
      { timeout: 3_600_000, maxWait: 60_000 },
    );
    await db.$executeRaw`ANALYZE "Conversation"`;
    await db.$executeRaw`ANALYZE "ChatMessage"`;
    await db.$executeRaw`ANALYZE "ToolCallLog"`;
    const [conversations, messages] = await Promise.all([db.conversation.count(), db.chatMessage.count()]);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(
      `${conversations.toLocaleString('en-US')} conversations and ${messages.toLocaleString('en-US')} messages in ${seconds} s`,
    );
  }
} finally {
  await database.close();
}
