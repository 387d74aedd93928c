import type { InferToolOutput } from 'ai';
import type { ShopTools } from '@/lib/ai/tools';

export type Language = 'zh' | 'en';

/** What the engine knows about the store, read from the instructions' "Store facts" line. */
export interface StoreFacts {
  storeName: string;
  currency: string;
  /** e.g. "zh-CN" or "en-US": the reply language when the shopper's own is unclear. */
  locale: string;
  memberLevels: { code: string; name: string; discountPercent: string }[];
  warehouses: { code: string; name: string; region: string }[];
  shopper:
    | { signedIn: false }
    | { signedIn: true; customerId: string; name: string; memberLevel: { code: string; name: string } | null };
}

export type ShopToolName = keyof ShopTools;
export type ToolOutputOf<NAME extends ShopToolName> = InferToolOutput<ShopTools[NAME]>;

/** A tool error as the tools report it: `{"error": code, "message": text}`. */
export interface ToolError {
  code: string;
  message: string;
}

/** One tool call of the current turn and what came back. */
export type ToolOutcome = {
  [NAME in ShopToolName]:
    | { toolName: NAME; toolCallId: string; input: Record<string, unknown>; ok: true; output: ToolOutputOf<NAME> }
    | { toolName: NAME; toolCallId: string; input: Record<string, unknown>; ok: false; error: ToolError };
}[ShopToolName];

/** What the shopper asked for in one message (several at once is normal). */
export type Intent =
  | 'stock'
  | 'price'
  | 'order_status'
  | 'list_orders'
  | 'track'
  | 'place_order'
  | 'cancel_order'
  | 'handoff'
  | 'greeting'
  | 'thanks'
  | 'identity'
  | 'goodbye'
  /** "What member level am I?" — answered from the signed-in shopper's account. */
  | 'my_level'
  /** Asks for another customer's details: refused, whatever the wording. */
  | 'other_customer';
