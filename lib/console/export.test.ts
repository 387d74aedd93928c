import { describe, expect, it } from 'vitest';
import type { ConversationListItem } from './conversation-list';
import { conversationCsvValues, csvField, csvRecord } from './export';

describe('CSV fields', () => {
  it('leaves plain values alone and quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('C-1001')).toBe('C-1001');
    expect(csvField('张伟 (C-1001)')).toBe('张伟 (C-1001)');
    expect(csvField('Wu, Tiger')).toBe('"Wu, Tiger"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('');
  });

  it('turns what a spreadsheet would run as a formula into text', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+86 139')).toBe("'+86 139");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField('=HYPERLINK("http://x.example","a,b")')).toBe('"\'=HYPERLINK(""http://x.example"",""a,b"")"');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('ends each record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', '=d'])).toBe('a,"b,c",\'=d\r\n');
  });

  it('writes a conversation as id, customer, started, last activity, status, messages, tools, fallback, handoff, rating', () => {
    const conversation: ConversationListItem = {
      id: 'conv-1',
      status: 'closed',
      customer: { kind: 'customer', id: 'C-1001', name: '张伟', memberLevelName: '黄金会员' },
      createdAt: '2026-05-31T15:00:00.000Z',
      lastMessageAt: '2026-05-31T15:30:00.000Z',
      messageCount: 4,
      toolsUsed: ['getOrder', 'handOffToHuman'],
      hadError: false,
      usedFallback: true,
      handoffRequestedAt: '2026-05-31T15:10:00.000Z',
      rating: 5,
      labels: [],
      assignedStaffName: null,
      snippet: '',
    };
    expect(conversationCsvValues(conversation)).toEqual([
      'conv-1',
      '张伟 (C-1001)',
      '2026-05-31T15:00:00.000Z',
      '2026-05-31T15:30:00.000Z',
      'closed',
      '4',
      'getOrder; handOffToHuman',
      'yes',
      '2026-05-31T15:10:00.000Z',
      '5',
    ]);
    const anonymous = { ...conversation, customer: { kind: 'anonymous' as const }, handoffRequestedAt: null, rating: null };
    expect(conversationCsvValues(anonymous)).toMatchObject({ 1: 'anonymous', 8: '', 9: '' });
  });
});
