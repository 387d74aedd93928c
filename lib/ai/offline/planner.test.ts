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
