import { en } from './en';
import { zh } from './zh';

export type WidgetLocale = 'en' | 'zh';
/** Plain strings, or functions for strings with numbers or names in them. */
export type Dictionary = typeof en;

const DICTIONARIES: Record<WidgetLocale, Dictionary> = { en, zh };

export function dictionaryFor(locale: WidgetLocale): Dictionary {
  return DICTIONARIES[locale];
}

/** "zh-CN", "zh_TW", "ZH" → zh; anything else we know → en; nothing usable → null. */
export function widgetLocaleFrom(tag: string | null | undefined): WidgetLocale | null {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!language) return null;
  return language === 'zh' ? 'zh' : 'en';
}
