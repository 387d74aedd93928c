import type { CSSProperties } from 'react';

/** The widget's colour when the storefront sets no data-color. */
export const DEFAULT_PRIMARY_COLOR = '#2563eb';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const BLACK = '#000000';
const WHITE = '#ffffff';
/** WCAG AA for normal-size text. */
const MINIMUM_TEXT_CONTRAST = 4.5;

export function isHexColor(value: string): boolean {
  return HEX_COLOR.test(value);
}

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function toHex([red, green, blue]: [number, number, number]): string {
  return `#${[red, green, blue].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
  const [red, green, blue] = channels(hex).map((channel) => {
    const srgb = channel / 255;
    return srgb <= 0.03928 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** Black or white, whichever reads better on `background` (one of them always reaches 4.5:1). */
export function textColorOn(background: string): string {
  return contrastRatio(background, WHITE) >= contrastRatio(background, BLACK) ? WHITE : BLACK;
}

/**
 * The primary colour darkened just enough to read on white, for links, outlines and focus rings:
 * a pale brand colour (yellow, mint) would otherwise vanish against the panel.
 */
export function accentOnWhite(color: string): string {
  const original = channels(color);
  for (let darkening = 0; darkening <= 1; darkening += 0.05) {
    const candidate = toHex(original.map((channel) => channel * (1 - darkening)) as [number, number, number]);
    if (contrastRatio(candidate, WHITE) >= MINIMUM_TEXT_CONTRAST) return candidate;
  }
  return BLACK;
}

/** The theme as CSS variables on the panel; components use them as `bg-(--chat-primary)` etc. */
export type ThemeStyle = CSSProperties & Record<'--chat-primary' | '--chat-on-primary' | '--chat-accent', string>;

export function themeStyle(primaryColor: string | null): ThemeStyle {
  const primary = primaryColor && isHexColor(primaryColor) ? primaryColor.toLowerCase() : DEFAULT_PRIMARY_COLOR;
  return {
    '--chat-primary': primary,
    '--chat-on-primary': textColorOn(primary),
    '--chat-accent': accentOnWhite(primary),
  };
}
