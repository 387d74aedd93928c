import { describe, expect, it } from 'vitest';
import { accentOnWhite, contrastRatio, DEFAULT_PRIMARY_COLOR, textColorOn, themeStyle } from './theme';

const WHITE = '#ffffff';

describe('theme from the storefront colour', () => {
  it('measures contrast like WCAG: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it('writes white on dark colours and black on light ones, always at AA (4.5:1) or better', () => {
    expect(textColorOn('#1e3a8a')).toBe('#ffffff');
    expect(textColorOn('#ffeb3b')).toBe('#000000');
    for (const color of ['#ffeb3b', '#2563eb', '#0f766e', '#ff0000', '#808080', '#00ff00', '#777777']) {
      expect(contrastRatio(color, textColorOn(color)), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('darkens a pale brand colour for links and outlines on white, and leaves a dark one alone', () => {
    const accent = accentOnWhite('#ffeb3b');
    expect(contrastRatio(accent, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(accent).not.toBe('#000000');
    expect(accentOnWhite('#1e3a8a')).toBe('#1e3a8a');
  });

  it('falls back to the default colour for anything but #rrggbb', () => {
    expect(themeStyle(null)['--chat-primary']).toBe(DEFAULT_PRIMARY_COLOR);
    expect(themeStyle('red')['--chat-primary']).toBe(DEFAULT_PRIMARY_COLOR);
    expect(themeStyle('#0F766E')).toEqual({
      '--chat-primary': '#0f766e',
      '--chat-on-primary': '#ffffff',
      '--chat-accent': '#0f766e',
    });
  });
});
