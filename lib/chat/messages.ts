import type { InferUITools, UIMessage } from 'ai';
import type { ShopTools } from '@/lib/ai/tools';
import type { ConversationStatus } from './conversations';

/** Sent with every assistant message (start and finish) and kept in the transcript. */
export interface ShopMessageMetadata {
  createdAt?: string;
  /** "openai:<model id>" or "offline" — the model that wrote the final step. */
  model?: string;
  /** True when the built-in engine stood in for the provider in this turn. */
  usedFallback?: boolean;
  /** Set when a member of staff wrote this message (after taking the conversation over): their name. */
  agentName?: string;
}

export interface ShopDataParts {
  [key: string]: unknown;
  /** The conversation's owner changed or is not the bot: the widget shows it instead of an answer. */
  status: { status: ConversationStatus };
}

export type ShopUITools = InferUITools<ShopTools>;

/** The typed message the widget renders: text parts and `tool-<name>` parts per shop tool. */
export type ShopUIMessage = UIMessage<ShopMessageMetadata, ShopDataParts, ShopUITools>;

/** The message's text parts as plain text: what the console searches and the widget resends. */
export function plainText(message: ShopUIMessage): string {
  return message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}
