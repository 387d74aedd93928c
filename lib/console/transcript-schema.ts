import { z } from 'zod';

/**
 * The JSON of GET /api/console/conversations/{id}: one conversation as staff see it. Only zod here,
 * so the console's pages (client code) parse the very schema the server answers with.
 */

const isoTime = z.iso.datetime({ offset: true });

export const conversationStatusSchema = z.enum(['bot', 'waiting_human', 'human', 'closed']);

export const staffRefSchema = z.object({ id: z.string(), name: z.string() });

/** One tool call inline in the answer that made it, from the tool-call log (or the message part when none was logged). */
export const consoleToolCallSchema = z.object({
  toolCallId: z.string(),
  toolName: z.string(),
  /** succeeded | failed | invalid | awaiting_approval | denied from the log; the part's state when nothing was logged. */
  state: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  /** The loop step and model that asked for the call (null when nothing was logged). */
  step: z.number().int().nullable(),
  model: z.string().nullable(),
});

export const consoleMessageItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('tool'), call: consoleToolCallSchema }),
]);

/** How an assistant turn went: which model answered, the fallback, tokens, time to first text. */
export const consoleTurnSchema = z.object({
  model: z.string().nullable(),
  usedFallback: z.boolean(),
  finishReason: z.string().nullable(),
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  firstTextMs: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const consoleMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  role: z.enum(['user', 'assistant', 'agent']),
  createdAt: isoTime,
  /** Text and tool calls in the order the shopper saw them. */
  items: z.array(consoleMessageItemSchema),
  /** Agent messages: who wrote it. */
  author: staffRefSchema.nullable(),
  /** Assistant messages only. */
  turn: consoleTurnSchema.nullable(),
});

export const consoleOrderSchema = z.object({
  id: z.string(),
  status: z.string(),
  placedAt: isoTime,
  /** Decimal string in the store's currency, e.g. "1299.00". */
  total: z.string(),
});

export const consoleShopperSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({
    kind: z.literal('customer'),
    id: z.string(),
    /** Null when the customer is no longer in the store data. */
    name: z.string().nullable(),
    email: z.string().nullable(),
    memberLevel: z.string().nullable(),
    recentOrders: z.array(consoleOrderSchema),
  }),
]);

export const consoleNoteSchema = z.object({
  id: z.string(),
  body: z.string(),
  createdAt: isoTime,
  author: staffRefSchema,
});

export const consoleConversationSchema = z.object({
  id: z.string(),
  status: conversationStatusSchema,
  createdAt: isoTime,
  lastMessageAt: isoTime,
  closedAt: isoTime.nullable(),
  handoffRequestedAt: isoTime.nullable(),
  assignedStaff: staffRefSchema.nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable(), ratedAt: isoTime.nullable() }).nullable(),
  labels: z.array(z.string()),
  messageCount: z.number().int(),
  toolsUsed: z.array(z.string()),
  hadError: z.boolean(),
  usedFallback: z.boolean(),
  /** The store's currency code, for order totals, and its time zone, for times (null before a store is loaded). */
  currency: z.string().nullable(),
  timezone: z.string().nullable(),
  shopper: consoleShopperSchema,
  /** Oldest first; at most TRANSCRIPT_LIMIT of the newest. */
  messages: z.array(consoleMessageSchema),
  /** Older messages not included (0 for all but very long conversations). */
  olderMessagesOmitted: z.number().int(),
  /** Newest first. */
  notes: z.array(consoleNoteSchema),
});

export type ConsoleConversation = z.infer<typeof consoleConversationSchema>;
export type ConsoleMessage = z.infer<typeof consoleMessageSchema>;
export type ConsoleMessageItem = z.infer<typeof consoleMessageItemSchema>;
export type ConsoleToolCall = z.infer<typeof consoleToolCallSchema>;
export type ConsoleShopper = z.infer<typeof consoleShopperSchema>;
export type ConsoleNote = z.infer<typeof consoleNoteSchema>;
export type StaffRef = z.infer<typeof staffRefSchema>;

/** What take, release and close answer: the conversation's ownership afterwards. */
export const conversationOwnershipSchema = z.object({
  id: z.string(),
  status: conversationStatusSchema,
  assignedStaff: staffRefSchema.nullable(),
  closedAt: isoTime.nullable(),
});
export type ConversationOwnershipView = z.infer<typeof conversationOwnershipSchema>;

export const MAX_AGENT_MESSAGE_CHARACTERS = 4_000;
export const MAX_NOTE_CHARACTERS = 2_000;
export const MAX_LABELS = 20;
export const MAX_LABEL_CHARACTERS = 32;

/** POST …/take, …/release, …/close: `force` lets an admin act on a conversation someone else holds. */
export const ownershipChangeSchema = z.object({ force: z.boolean().optional() });

/** POST …/messages. */
export const agentMessageSchema = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(MAX_AGENT_MESSAGE_CHARACTERS),
});

/** POST …/notes. */
export const newNoteSchema = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(MAX_NOTE_CHARACTERS),
});

/** PUT …/labels: trimmed, lower-cased, de-duplicated (first spelling kept in order). */
export const labelsSchema = z.object({
  labels: z
    .array(z.string().trim().toLowerCase().min(1, 'must not be empty').max(MAX_LABEL_CHARACTERS))
    .max(MAX_LABELS)
    .transform((labels) => [...new Set(labels)]),
});
