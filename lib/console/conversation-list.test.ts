import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { decodeCursor, encodeCursor, likePattern, parseListQuery, snippetOf } from './conversation-list';

const parse = (query: string) => parseListQuery(new URLSearchParams(query));

function refusal(query: string): string {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'bad_request') return error.message;
    throw error;
  }
  throw new Error(`"${query}" was accepted`);
}

describe('the list query string', () => {
  it('reads every filter, repeated ones as lists, and defaults the page size', () => {
    const query = parse(
      'status=bot&status=waiting_human&from=2026-11-01&to=2026-11-20T08:00:00%2B08:00&shopper=signed_in&customerId=C-1001' +
        '&rating=5&minRating=3&tool=getOrder&tool=handOffToHuman&hadError=true&usedFallback=false&label=refund&label=vip&q=退款',
    );
    expect(query).toEqual({
      filters: {
        statuses: ['bot', 'waiting_human'],
        from: { day: '2026-11-01' },
        to: { instant: '2026-11-20T08:00:00+08:00' },
        shopper: 'signed_in',
        customerId: 'C-1001',
        rating: 5,
        minRating: 3,
        tools: ['getOrder', 'handOffToHuman'],
        hadError: true,
        usedFallback: false,
        labels: ['refund', 'vip'],
        q: '退款',
      },
      cursor: null,
      limit: 50,
    });
  });

  it('treats empty values as absent and trims the rest (a form with an empty search box)', () => {
    expect(parse('q=&status=&customerId=&q=%20refund%20&limit=10')).toEqual({
      filters: { statuses: [], tools: [], labels: [], q: 'refund' },
      cursor: null,
      limit: 10,
    });
  });

  it('refuses bad values with the parameter and what it must be', () => {
    expect(refusal('status=open')).toBe('Invalid filter status: "open" must be one of bot, waiting_human, human, closed.');
    expect(refusal('tool=getWeather')).toMatch(/^Invalid filter tool: "getWeather" must be one of searchProducts, /);
    expect(refusal('rating=6')).toBe('Invalid filter rating: must be a whole number from 1 to 5.');
    expect(refusal('hadError=yes')).toBe('Invalid filter hadError: must be true or false.');
    expect(refusal('from=yesterday')).toMatch(/^Invalid filter from: must be a date like 2026-11-20/);
    expect(refusal('q=a&q=b')).toBe('Invalid filter q: must be given at most once.');
    expect(refusal('limit=0')).toBe('Invalid filter limit: must be at least 1.');
    expect(refusal('limit=500')).toBe('Invalid filter limit: must be at most 200.');
    expect(refusal(`q=${'x'.repeat(201)}`)).toBe('Invalid filter q: must be at most 200 characters.');
    expect(refusal('stauts=bot')).toMatch(/^Unknown filter "stauts": use status, from, to, /);
    expect(refusal('cursor=not-a-cursor')).toBe('Invalid filter cursor: it is not one this list gave.');
  });

  it('gives cursors back as they were encoded', () => {
    const cursor = { lastMessageAt: '2026-11-20T08:00:00.123Z', id: 'conv-1' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(parse(`cursor=${encodeCursor(cursor)}`).cursor).toEqual(cursor);
  });
});

describe('search helpers', () => {
  it('escapes LIKE wildcards so they match themselves', () => {
    expect(likePattern('100%_off\\')).toBe('%100\\%\\_off\\\\%');
    expect(likePattern('退款')).toBe('%退款%');
  });

  it('cuts a snippet around the match, on one line, marking the cuts', () => {
    const text = `${'a'.repeat(100)} Where is my\norder? ${'b'.repeat(300)}`;
    const snippet = snippetOf(text, 'ORDER');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('Where is my order?');
    expect(snippetOf('我想申请退款', '退款')).toBe('我想申请退款');
    expect(snippetOf('short', undefined)).toBe('short');
    expect(snippetOf('x'.repeat(200), undefined)).toBe(`${'x'.repeat(160)}…`);
  });
});
