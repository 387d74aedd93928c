import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const chatEnvSchema = z.object({
  OPENAI_API_KEY: z.string().trim().optional(),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-5-mini'),
  OPENAI_BASE_URL: z.url().optional(),
  CHAT_MAX_STEPS: positiveInt(5),
  CHAT_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  CHAT_RETRY_DELAY_MS: positiveInt(2_000),
  CHAT_FIRST_CHUNK_TIMEOUT_MS: positiveInt(20_000),
  CHAT_TURN_TIMEOUT_MS: positiveInt(120_000),
  SHOPPER_TOKEN_SECRET: z.string().optional(),
  TOOL_APPROVAL_SECRET: z.string().optional(),
  WEBHOOK_INBOUND_SECRET: z.string().optional(),
});

export interface ChatConfig {
  /** Null → no provider: the built-in engine answers every turn. */
  openai: { apiKey: string; model: string; baseURL: string | undefined } | null;
  maxSteps: number;
  maxRetries: number;
  retryDelayMs: number;
  firstChunkTimeoutMs: number;
  turnTimeoutMs: number;
  shopperTokenSecret: string | undefined;
  /** Signs tool approvals (order placement and cancellation) so a client cannot forge one. */
  toolApprovalSecret: string;
  /** Verify the shop's inbound webhooks (WEBHOOK_INBOUND_SECRET, comma-separated while rotating); empty → refused. */
  webhookInboundSecrets: string[];
}

/** Reads the chat settings; a malformed value fails start-up with the variable's name. */
export function chatConfigFromEnv(env: Record<string, string | undefined>, fallbackApprovalSecret: () => string): ChatConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
  const parsed = chatEnvSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid chat settings in the environment: ${issues}`);
  }
  const e = parsed.data;
  return {
    openai: e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, model: e.OPENAI_MODEL, baseURL: e.OPENAI_BASE_URL } : null,
    maxSteps: e.CHAT_MAX_STEPS,
    maxRetries: e.CHAT_MAX_RETRIES,
    retryDelayMs: e.CHAT_RETRY_DELAY_MS,
    firstChunkTimeoutMs: e.CHAT_FIRST_CHUNK_TIMEOUT_MS,
    turnTimeoutMs: e.CHAT_TURN_TIMEOUT_MS,
    shopperTokenSecret: e.SHOPPER_TOKEN_SECRET,
    toolApprovalSecret: e.TOOL_APPROVAL_SECRET ?? fallbackApprovalSecret(),
    webhookInboundSecrets: (e.WEBHOOK_INBOUND_SECRET ?? '')
      .split(',')
      .map((secret) => secret.trim())
      .filter(Boolean),
  };
}
