import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';
import type { Language } from './types';

describe('detectLanguage', () => {
  const cases: [text: string, expected: Language][] = [
    // Plain Chinese and plain English.
    ['限量版复古球鞋还有货吗？', 'zh'],
    ['你好', 'zh'],
    ['好', 'zh'],
    ['Is the limited sneaker in stock?', 'en'],
    ['hi', 'en'],
    ["I'm looking for my order", 'en'],
    // Codes and identifiers carry no language: the Chinese around them decides.
    ['SAVE50 能用吗?', 'zh'],
    ['SAVE50能用吗', 'zh'],
    ['我的订单 ORD-20241115-00001 到哪了', 'zh'],
    ['查一下 SF1234567890', 'zh'],
    ['SKU-LIMITED-SNEAKER-01 多少钱', 'zh'],
    ['Where is ORD-20241115-00001?', 'en'],
    ['Track SF1234567890 please', 'en'],
    // English frame around a Chinese product name.
    ['Is the 限量球鞋 in stock?', 'en'],
    ['Do you have 限量版复古球鞋?', 'en'],
    ['How much is 限量版复古球鞋 with SAVE50?', 'en'],
    ['Can I use SAVE50 on 限量版的球鞋?', 'en'],
    // Chinese frame around an English product name.
    ['我想买 Limited Retro Sneaker', 'zh'],
    ['Trail Running Shoe 有货吗', 'zh'],
    ['请问 order ORD-20241115-00001 到哪了', 'zh'],
    ['Collector Edition Cap 多少钱', 'zh'],
    // Neither frame: the share of Han characters against Latin words.
    ['hello 球鞋', 'zh'],
    ['sneaker 球', 'en'],
    // Contact details are identifiers too.
    ['我的邮箱是 zhangwei@example.com', 'zh'],
    ['my email is zhangwei@example.com', 'en'],
    // Full-width forms are read as their ASCII equivalents.
    ['ＳＡＶＥ５０ 能用吗？', 'zh'],
    ['ｈｅｌｌｏ', 'en'],
  ];

  it.each(cases)('%j → %s', (text, expected) => {
    expect(detectLanguage(text, expected === 'zh' ? 'en' : 'zh')).toBe(expected);
  });

  it.each(['?', '？', '12345', '', '   ', 'SAVE50', 'SF1234567890', 'ORD-20241115-00001', '👍', 'OK'])(
    'falls back when %j has no language of its own',
    (text) => {
      expect(detectLanguage(text, 'zh')).toBe('zh');
      expect(detectLanguage(text, 'en')).toBe('en');
    },
  );

  it('ignores the fallback whenever the text has words', () => {
    expect(detectLanguage('谢谢', 'en')).toBe('zh');
    expect(detectLanguage('thanks', 'zh')).toBe('en');
  });
});
