import { describe, expect, it } from 'vitest';
import { ratingStars, relativeTime, shopperName } from './conversation-list-format';

describe('the list’s formatting', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

  it('says how long ago the last activity was, in the largest whole unit', () => {
    expect(relativeTime(ago(10), now)).toBe('just now');
    expect(relativeTime(ago(-30), now)).toBe('just now');
    expect(relativeTime(ago(50), now)).toBe('1 minute ago');
    expect(relativeTime(ago(5 * 60 + 20), now)).toBe('5 minutes ago');
    expect(relativeTime(ago(3 * 3600), now)).toBe('3 hours ago');
    expect(relativeTime(ago(30 * 3600), now)).toBe('yesterday');
    expect(relativeTime(ago(15 * 86400), now)).toBe('2 weeks ago');
    expect(relativeTime(ago(400 * 86400), now)).toBe('last year');
  });

  it('names the shopper, or says anonymous', () => {
    expect(shopperName({ kind: 'anonymous' })).toBe('Anonymous');
    expect(shopperName({ kind: 'customer', id: 'C-1001', name: '张伟', memberLevelName: '黄金会员' })).toBe('张伟');
    expect(shopperName({ kind: 'customer', id: 'C-9', name: null, memberLevelName: null })).toBe('C-9');
  });

  it('draws the rating as five stars', () => {
    expect(ratingStars(4)).toBe('★★★★☆');
    expect(ratingStars(1)).toBe('★☆☆☆☆');
  });
});
