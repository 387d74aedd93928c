import { describe, expect, it } from 'vitest';
import type { StoreFacts } from './types';
import { parseMessage } from './understand';

const FACTS: StoreFacts = {
  storeName: 'Acme 户外',
  currency: 'CNY',
  locale: 'zh-CN',
  memberLevels: [{ code: 'gold', name: '黄金会员', discountPercent: '10' }],
  warehouses: [{ code: 'EAST-1', name: '华东仓', region: 'Shanghai' }],
  shopper: { signedIn: false },
};

const parse = (text: string) => parseMessage(text, FACTS, 'zh');

describe('parseMessage', () => {
  it.each([
    ['那款限量球鞋还有货吗?', ['stock'], '限量球鞋'],
    ['Is the Trail Running Shoe in stock in Shanghai?', ['stock'], 'Trail Running Shoe'],
    ['限量球鞋多少钱', ['price'], '限量球鞋'],
    ["I'm a Gold member, how much with SAVE50?", ['price'], ''],
    ['in stock, and how much for gold with SAVE50?', ['price', 'stock'], ''],
    ["I'll take two of those with SAVE50", ['place_order'], ''],
    ['where is my order ORD-20241115-00001', ['order_status'], ''],
    ['track SF 1234 567 890', ['track'], ''],
    ['list my orders', ['list_orders'], ''],
    ['cancel my order', ['cancel_order'], ''],
    ['转人工', ['handoff'], ''],
    ['are you a bot?', ['identity'], ''],
    ['谢谢', ['thanks'], ''],
  ])('%s', (text, intents, phrase) => {
    const message = parse(text);
    expect(
      [...message.intents]
        .filter((i) => !['greeting', 'thanks', 'goodbye', 'identity'].includes(i) || intents.includes(i))
        .sort(),
    ).toEqual([...intents].sort());
    expect(message.extracted.productPhrase).toBe(phrase);
  });

  it('notices references back to earlier turns', () => {
    expect(parse('how much is it?').refersBack).toBe(true);
    expect(parse('那个呢?').refersBack).toBe(true);
    expect(parse('限量球鞋').refersBack).toBe(false);
  });

  it('tells a reference that names the product ("那款X", "that X") from one that only points back', () => {
    for (const text of [
      '那款限量球鞋多少钱',
      '这个 限量球鞋 有货吗',
      'is that Trail Running Shoe in stock?',
      'and the trail shoes?',
    ])
      expect(parse(text).refersByName, text).toBe(true);
    for (const text of [
      '那个多少钱',
      'how much is it?',
      "great, I'll take two of those",
      'the same one please',
      '限量球鞋 那个呢',
    ])
      expect(parse(text).refersByName, text).toBe(false);
  });

  it('leaves acknowledgements and "the same" out of the product words', () => {
    expect(parse('great, how much is it?').extracted.productPhrase).toBe('');
    expect(parse('the same one, how much?').extracted.productPhrase).toBe('');
  });

  it('detects the reply language from the message', () => {
    expect(parse('Is the 限量球鞋 in stock?').language).toBe('en');
    expect(parse('SAVE50 能用吗?').language).toBe('zh');
  });
});
