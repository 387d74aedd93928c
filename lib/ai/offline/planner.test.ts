import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { FACTS_MARKER, readConversation } from './conversation';
import { planStep } from './planner';
import type { StoreFacts } from './types';

const FACTS: StoreFacts = {
  storeName: 'Northwind Outfitters',
  currency: 'USD',
  locale: 'en-US',
  memberLevels: [{ code: 'VIP', name: 'Trailblazer VIP', discountPercent: '12' }],
  warehouses: [
    { code: 'RNO', name: 'Reno', region: 'West (Nevada)' },
    { code: 'MEM', name: 'Memphis', region: 'South (Tennessee)' },
  ],
  shopper: { signedIn: false },
};

const JACKET = { sku: 'NW-4471-B', name: 'Summit Down Jacket (Black)' };

/** A prompt as the AI SDK builds it: instructions, then the conversation with tool calls and results. */
function prompt(facts: StoreFacts, ...turns: LanguageModelV4Prompt): LanguageModelV4Prompt {
  return [{ role: 'system', content: `Rules…\n${FACTS_MARKER}${JSON.stringify(facts)}` }, ...turns];
}
const user = (text: string): LanguageModelV4Prompt[number] => ({ role: 'user', content: [{ type: 'text', text }] });
const call = (id: string, toolName: string, input: unknown): LanguageModelV4Prompt[number] => ({
  role: 'assistant',
  content: [{ type: 'tool-call', toolCallId: id, toolName, input }],
});
const result = (id: string, toolName: string, value: unknown): LanguageModelV4Prompt[number] => ({
  role: 'tool',
  content: [{ type: 'tool-result', toolCallId: id, toolName, output: { type: 'json', value: value as never } }],
});
const failure = (id: string, toolName: string, code: string): LanguageModelV4Prompt[number] => ({
  role: 'tool',
  content: [
    {
      type: 'tool-result',
      toolCallId: id,
      toolName,
      output: { type: 'error-text', value: JSON.stringify({ error: code, message: code }) },
    },
  ],
});
const said = (text: string): LanguageModelV4Prompt[number] => ({ role: 'assistant', content: [{ type: 'text', text }] });

const stockTurn: LanguageModelV4Prompt = [
  user('Is the Summit Down Jacket (Black) in stock?'),
  call('c1', 'searchProducts', { query: 'Summit Down Jacket (Black)' }),
  result('c1', 'searchProducts', {
    query: 'Summit Down Jacket (Black)',
    results: [{ ...JACKET, aliases: [], category: 'jackets', price: '259.99', status: 'active', score: 0.9 }],
  }),
  call('c2', 'checkInventory', { sku: JACKET.sku }),
  result('c2', 'checkInventory', { ...JACKET, status: 'active', totalAvailable: 37, warehouses: [], deliveryWindow: null }),
  said('37 available.'),
];

const next = (p: LanguageModelV4Prompt) => planStep(readConversation(p), true);

describe('planStep resolves references to earlier turns', () => {
  it('"how much is it?" prices the product of the previous turn', () => {
    expect(next(prompt(FACTS, ...stockTurn, user('how much is it?')))).toEqual({
      kind: 'call',
      calls: [{ toolName: 'quotePrice', input: { sku: JACKET.sku, quantity: 1 } }],
    });
  });

  it('"and in Reno?" checks the same product again', () => {
    expect(next(prompt(FACTS, ...stockTurn, user('and in Reno?')))).toEqual({
      kind: 'call',
      calls: [{ toolName: 'checkInventory', input: { sku: JACKET.sku } }],
    });
  });

  it('a stated level and coupon in a follow-up go into the quote', () => {
    const step = next(prompt(FACTS, ...stockTurn, user("I'm a trailblazer vip, what would 2 cost with HOLIDAY40?")));
    expect(step).toEqual({
      kind: 'call',
      calls: [{ toolName: 'quotePrice', input: { sku: JACKET.sku, quantity: 2, memberLevel: 'VIP', couponCode: 'HOLIDAY40' } }],
    });
  });

  it('an email after we asked for contact details retries the same order with it', () => {
    const step = next(
      prompt(
        FACTS,
        user('where is order NW-100112?'),
        call('c1', 'getOrder', { orderId: 'NW-100112' }),
        failure('c1', 'getOrder', 'contact_required'),
        said('Please give me the email or phone used on the order.'),
        user('hannah.whitaker@example.com'),
      ),
    );
    expect(step).toEqual({
      kind: 'call',
      calls: [{ toolName: 'getOrder', input: { orderId: 'NW-100112', contact: 'hannah.whitaker@example.com' } }],
    });
  });

  it('asks which product instead of guessing when nothing was discussed yet', () => {
    const step = next(prompt(FACTS, user('how much is it?')));
    expect(step.kind).toBe('answer');
    expect(step.kind === 'answer' && step.text).toMatch(/which product/i);
  });

  it('never carries an order change over to a vague follow-up', () => {
    const signedIn: StoreFacts = { ...FACTS, shopper: { signedIn: true, customerId: 'cus_1', name: 'H', memberLevel: null } };
    const step = next(prompt(signedIn, user('cancel order NW-100112'), said('Please confirm.'), user('what about that one?')));
    expect(step.kind === 'call' && step.calls.some((c) => c.toolName === 'cancelOrder')).toBe(false);
  });

  it('answers with what it has once no tools are left to call', () => {
    const step = planStep(readConversation(prompt(FACTS, ...stockTurn.slice(0, 5))), false);
    expect(step.kind).toBe('answer');
    expect(step.kind === 'answer' && step.text).toContain('37');
  });
});

// ---------------------------------------------------------------------------------------------
// A product named or identified in the message wins over the one of earlier turns.
// ---------------------------------------------------------------------------------------------

const SOCKS = { sku: 'NW-6610', name: 'Wool Hiking Socks 3-Pack', aliases: ['hiking socks', 'wool socks', '羊毛袜'] };
const BEANIE = { sku: 'NW-6620', name: 'Fleece Beanie', aliases: ['beanie', 'winter hat', '毛线帽'] };
const RED_JACKET = { sku: 'NW-4471-R', name: 'Summit Down Jacket (Red)', aliases: ['red down jacket', 'red puffer'] };
const POLES = { sku: '#100250', name: 'Trekking Poles (Pair)', aliases: ['trekking poles', 'hiking poles'] };
const CARBON_POLES = { sku: '#100251', name: 'Carbon Trekking Poles (Pair)', aliases: ['carbon poles', 'carbon trekking poles'] };

type Product = { sku: string; name: string; aliases?: string[] };
const hit = (product: Product, score: number) => ({
  sku: product.sku,
  name: product.name,
  aliases: product.aliases ?? [],
  category: 'outdoor',
  price: '10.00',
  status: 'active',
  score,
});
const quoteOf = (product: Product, quantity: number, unitPrice: string) => {
  const subtotal = (Number(unitPrice) * quantity).toFixed(2);
  return {
    sku: product.sku,
    name: product.name,
    status: 'active',
    unitPrice,
    quantity,
    subtotal,
    memberLevel: null,
    memberDiscount: '0.00',
    afterMember: subtotal,
    coupon: null,
    total: subtotal,
    memberLevelSource: 'none',
  };
};
/** This turn's search (the step the engine took first) and what it found. */
const searched = (query: string, ...hits: ReturnType<typeof hit>[]): LanguageModelV4Prompt => [
  call('s1', 'searchProducts', { query, limit: 5 }),
  result('s1', 'searchProducts', { query, results: hits }),
];
const quoteTurn = (product: Product, quantity: number): LanguageModelV4Prompt => [
  user(`how much for ${quantity} of ${product.sku}?`),
  call('q1', 'searchProducts', { query: product.sku, limit: 5 }),
  result('q1', 'searchProducts', { query: product.sku, results: [hit(product, 1)] }),
  call('q2', 'quotePrice', { sku: product.sku, quantity }),
  result('q2', 'quotePrice', quoteOf(product, quantity, '259.99')),
  said('Quoted.'),
];
const callsOf = (step: ReturnType<typeof next>) => (step.kind === 'call' ? step.calls : []);

describe('planStep: a product in the message wins over the earlier one', () => {
  it.each([
    ['how much for 2 of NW-6610?', 'NW-6610'],
    ['how much for 2 of nw-6610?', 'nw-6610'],
    ['and NW-6610, how much is it?', 'NW-6610'],
    ['那NW-6610呢？两个多少钱', 'NW-6610'],
    ['how much is #100250?', '#100250'],
  ])('%s: looks up the SKU, not the jacket of the previous turn', (text, query) => {
    expect(next(prompt(FACTS, ...stockTurn, user(text)))).toEqual({
      kind: 'call',
      calls: [{ toolName: 'searchProducts', input: { query, limit: 5 } }],
    });
  });

  it('quotes the SKU asked about (with its own quantity) once the search has found it, and says so', () => {
    const conversation = [...stockTurn, user('买两个NW-6610一共多少钱'), ...searched('NW-6610', hit(SOCKS, 1))];
    expect(callsOf(next(prompt(FACTS, ...conversation)))).toEqual([
      { toolName: 'quotePrice', input: { sku: 'NW-6610', quantity: 2 } },
    ]);
    const answered = next(
      prompt(
        FACTS,
        ...conversation,
        call('q1', 'quotePrice', { sku: 'NW-6610', quantity: 2 }),
        result('q1', 'quotePrice', quoteOf(SOCKS, 2, '24.00')),
      ),
    );
    expect(answered.kind === 'answer' && answered.text).toContain('Wool Hiking Socks 3-Pack（NW-6610）');
    expect(answered.kind === 'answer' && answered.text).toContain('48.00');
    expect(answered.kind === 'answer' && answered.text).not.toContain(JACKET.sku);
  });

  it.each([
    ['is that Fleece Beanie in stock?', 'Fleece Beanie'],
    ['and the Fleece Beanie, how much is it?', 'Fleece Beanie'],
    ['this beanie, is it in stock?', 'beanie'],
    ['那款毛线帽多少钱', '毛线帽'],
    ['这个毛线帽有货吗', '毛线帽'],
    ['那 Fleece Beanie 呢？', 'Fleece Beanie'],
  ])('%s: searches the name instead of answering about the jacket', (text, query) => {
    expect(next(prompt(FACTS, ...stockTurn, user(text)))).toEqual({
      kind: 'call',
      calls: [{ toolName: 'searchProducts', input: { query, limit: 5 } }],
    });
  });

  it('answers about the product the name found', () => {
    const step = next(prompt(FACTS, ...stockTurn, user('那款毛线帽多少钱'), ...searched('毛线帽', hit(BEANIE, 0.9))));
    expect(callsOf(step)).toEqual([{ toolName: 'quotePrice', input: { sku: BEANIE.sku, quantity: 1 } }]);
  });

  it('a name the catalogue does not know after "那款" is reported as not found, not answered with the jacket', () => {
    const step = next(prompt(FACTS, ...stockTurn, user('那款蓝牙耳机有货吗'), ...searched('蓝牙耳机')));
    expect(step.kind).toBe('answer');
    expect(step.kind === 'answer' && step.text).toContain('蓝牙耳机');
    expect(step.kind === 'answer' && step.text).not.toContain(JACKET.sku);
  });

  it('does not carry the quantity of the earlier quote over to a newly named SKU', () => {
    const conversation = [...quoteTurn(JACKET, 3), user('and NW-6610?'), ...searched('NW-6610', hit(SOCKS, 1))];
    expect(callsOf(next(prompt(FACTS, ...conversation)))).toEqual([
      { toolName: 'quotePrice', input: { sku: 'NW-6610', quantity: 1 } },
    ]);
    // …while a coupon for the same product keeps it.
    expect(callsOf(next(prompt(FACTS, ...quoteTurn(JACKET, 3), user('with TRAIL10?'))))).toEqual([
      { toolName: 'quotePrice', input: { sku: JACKET.sku, quantity: 3, couponCode: 'TRAIL10' } },
    ]);
  });

  it('an exact name of another product wins even when its words also fit the earlier one', () => {
    const earlier = [...quoteTurn(CARBON_POLES, 1)];
    const step = next(
      prompt(
        FACTS,
        ...earlier,
        user('and the Trekking Poles (Pair)?'),
        ...searched('Trekking Poles Pair', hit(POLES, 0.9), hit(CARBON_POLES, 0.7)),
      ),
    );
    expect(callsOf(step)).toEqual([{ toolName: 'quotePrice', input: { sku: POLES.sku, quantity: 1 } }]);
  });
});

describe('planStep: a message with no product of its own still means the earlier one', () => {
  it.each([
    ['两个那个多少钱', 2],
    ['what would two of those cost?', 2],
    ['the same one, how much?', 1],
    ['great, how much is it?', 1],
  ])('%s', (text, quantity) => {
    expect(next(prompt(FACTS, ...stockTurn, user(text)))).toEqual({
      kind: 'call',
      calls: [{ toolName: 'quotePrice', input: { sku: JACKET.sku, quantity } }],
    });
  });

  it('a short number is not a SKU: "is it still 259?" stays on the jacket', () => {
    expect(callsOf(next(prompt(FACTS, ...stockTurn, user('how much is it, still 259?'))))).toEqual([
      { toolName: 'quotePrice', input: { sku: JACKET.sku, quantity: 1 } },
    ]);
  });

  it('an order number in a follow-up is looked up as an order, not as a product', () => {
    expect(callsOf(next(prompt(FACTS, ...stockTurn, user('what about order NW-100112?'))))).toEqual([
      { toolName: 'getOrder', input: { orderId: 'NW-100112' } },
    ]);
  });

  it('"that down jacket": words that fit the jacket discussed (and its red twin) mean the jacket discussed', () => {
    const step = next(
      prompt(
        FACTS,
        ...stockTurn,
        user('how much is that down jacket?'),
        ...searched('down jacket', hit(RED_JACKET, 0.6), hit({ ...JACKET, aliases: ['black down jacket'] }, 0.6)),
      ),
    );
    expect(callsOf(step)).toEqual([{ toolName: 'quotePrice', input: { sku: JACKET.sku, quantity: 1 } }]);
    const answered = next(
      prompt(
        FACTS,
        ...stockTurn,
        user('how much is that down jacket?'),
        ...searched('down jacket', hit(RED_JACKET, 0.6), hit({ ...JACKET, aliases: ['black down jacket'] }, 0.6)),
        call('q1', 'quotePrice', { sku: JACKET.sku, quantity: 1 }),
        result('q1', 'quotePrice', quoteOf(JACKET, 1, '259.99')),
      ),
    );
    // Only the quote: no list of jackets to choose from.
    expect(answered).toEqual({ kind: 'answer', text: expect.stringContaining('259.99') });
    expect(answered.kind === 'answer' && answered.text).not.toContain(RED_JACKET.sku);
  });

  it('words beside a back-reference that name no product fall back to the earlier product, silently', () => {
    const conversation = [...stockTurn, user('lovely, what would two of those cost?')];
    expect(callsOf(next(prompt(FACTS, ...conversation)))).toEqual([
      { toolName: 'searchProducts', input: { query: 'lovely', limit: 5 } },
    ]);
    const withSearch = [...conversation, ...searched('lovely')];
    expect(callsOf(next(prompt(FACTS, ...withSearch)))).toEqual([
      { toolName: 'quotePrice', input: { sku: JACKET.sku, quantity: 2 } },
    ]);
    const answered = next(
      prompt(
        FACTS,
        ...withSearch,
        call('q1', 'quotePrice', { sku: JACKET.sku, quantity: 2 }),
        result('q1', 'quotePrice', quoteOf(JACKET, 2, '259.99')),
      ),
    );
    expect(answered.kind === 'answer' && answered.text).toContain('519.98');
    expect(answered.kind === 'answer' && answered.text).not.toMatch(/couldn't find|lovely/i);
  });
});
