import { z } from 'zod';
import { SHOP_TOOL_NAMES } from '@/lib/ai/tools';

/**
 * The evaluation set's file format (eval/conversations/*.json). A file holds one conversation or
 * an array of them. Objects are strict so a misspelt key ("mustContains") is an error, not a
 * silently skipped check.
 */

export const EVAL_STORES = ['demo', 'northwind'] as const;
export type EvalStore = (typeof EVAL_STORES)[number];

export const EVAL_CATEGORIES = [
  'stock',
  'price',
  'orders',
  'shipments',
  'place_order',
  'cancel_order',
  'multi_intent',
  'follow_up',
  'small_talk',
  'handoff',
  'safety',
  'missing_info',
] as const;
export type EvalCategory = (typeof EVAL_CATEGORIES)[number];

export type EvalToolName = (typeof SHOP_TOOL_NAMES)[number];
const toolNameSchema = z.enum(SHOP_TOOL_NAMES, { error: `must be one of ${SHOP_TOOL_NAMES.join(', ')}` });

const nonEmpty = z.string().trim().min(1, { error: 'must not be empty' });

/** A fact the answer must (or must not) contain: a string, or an array of alternatives (any one will do). */
const fact = z.union([nonEmpty, z.array(nonEmpty).min(1, { error: 'needs at least one alternative' })], {
  error: 'must be a string or a non-empty array of strings (alternatives)',
});

export const expectedToolSchema = z.strictObject({
  name: toolNameSchema,
  /**
   * Matched as a subset of the call's input. A value `{ "$anyOf": [a, b] }` accepts any of the
   * alternatives (e.g. a member level given by code or by name).
   */
  input: z.record(z.string(), z.json()).optional(),
});

/** Either call will do, when two tools answer the question equally well ("where is order X": getOrder or trackShipment). */
export const expectedChoiceSchema = z.strictObject({
  anyOf: z.array(expectedToolSchema).min(2, { error: 'needs at least two alternatives' }),
});

export const expectedEntrySchema = z.union([expectedToolSchema, expectedChoiceSchema], {
  error: 'must be { "name", "input"? } or { "anyOf": [ … ] }',
});

const checks = {
  /** Each must be among the turn's calls; [] = no tool may be called; absent = no check. */
  expectTools: z.array(expectedEntrySchema).optional(),
  forbidTools: z.array(toolNameSchema).optional(),
  mustContain: z.array(fact).optional(),
  mustNotContain: z.array(nonEmpty).optional(),
};

export const userTurnSchema = z.strictObject({ user: nonEmpty.max(4000, { error: 'is over 4,000 characters' }), ...checks });
/** Answers every confirmation the previous turn left waiting. */
export const approvalTurnSchema = z.strictObject({ approve: z.boolean({ error: 'must be true or false' }), ...checks });

export const turnSchema = z.union([userTurnSchema, approvalTurnSchema], {
  error: 'a turn is { "user": text, … } or { "approve": true | false, … }',
});

export const conversationSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'must be lowercase letters, digits, "_" and "-", like "demo-stock-zh-001"' }),
    store: z.enum(EVAL_STORES, { error: `must be one of ${EVAL_STORES.join(', ')}` }),
    category: z.enum(EVAL_CATEGORIES, { error: `must be one of ${EVAL_CATEGORIES.join(', ')}` }),
    language: z.enum(['zh', 'en', 'mixed'], { error: 'must be one of zh, en, mixed' }),
    /** null = an anonymous visitor. */
    shopper: z.strictObject({ customerId: nonEmpty }).nullable(),
    turns: z.array(turnSchema).min(1, { error: 'a conversation needs at least one turn' }),
    /** Free text for people reading the file: what the conversation checks. */
    note: z.string().optional(),
  })
  .superRefine((conversation, ctx) => {
    const first = conversation.turns[0];
    if (first && 'approve' in first) {
      ctx.addIssue({ code: 'custom', path: ['turns', 0], message: 'the first turn cannot answer a confirmation' });
    }
  });

export const conversationFileSchema = z.union([conversationSchema, z.array(conversationSchema)]);

export type ExpectedTool = z.infer<typeof expectedToolSchema>;
export type ExpectedChoice = z.infer<typeof expectedChoiceSchema>;
export type ExpectedEntry = z.infer<typeof expectedEntrySchema>;
export type UserTurn = z.infer<typeof userTurnSchema>;
export type ApprovalTurn = z.infer<typeof approvalTurnSchema>;
export type EvalTurn = z.infer<typeof turnSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type Fact = string | string[];

/** The calls an expectTools entry accepts: itself, or each alternative of an anyOf. */
export function acceptedCalls(entry: ExpectedEntry): ExpectedTool[] {
  return 'anyOf' in entry ? entry.anyOf : [entry];
}

export function isApprovalTurn(turn: EvalTurn): turn is ApprovalTurn {
  return 'approve' in turn;
}
