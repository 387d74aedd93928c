import type { ConsoleMessage, ConsoleToolCall } from '@/lib/console/transcript-schema';
import { formatMs, formatTime } from './transcript-format';

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null';
}

const FAILED_STATES = new Set(['failed', 'invalid', 'output-error']);

/** One tool call, collapsed to a line (name, state, time, step); opened, its input and output or error. */
function ToolCall({ call }: { call: ConsoleToolCall }) {
  const failed = FAILED_STATES.has(call.state) || call.error !== null;
  return (
    <details data-testid="tool-call" className="rounded-md border border-slate-200 bg-slate-50 text-sm">
      <summary className="cursor-pointer px-3 py-1.5 focus-visible:outline-2 focus-visible:outline-blue-700">
        <span className="font-mono font-medium">{call.toolName}</span>
        {' · '}
        <span className={failed ? 'font-medium text-red-700' : 'text-slate-600'}>{call.state}</span>
        <span className="text-slate-600">
          {[call.durationMs !== null && formatMs(call.durationMs), call.step !== null && `step ${call.step + 1}`, call.model]
            .filter(Boolean)
            .map((fact) => ` · ${fact}`)
            .join('')}
        </span>
      </summary>
      <div className="space-y-2 border-t border-slate-200 px-3 py-2">
        <div>
          <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Input</p>
          <pre className="overflow-x-auto text-xs whitespace-pre-wrap">{json(call.input)}</pre>
        </div>
        {call.error !== null ? (
          <div>
            <p className="text-xs font-semibold tracking-wide text-red-700 uppercase">Error</p>
            <pre className="overflow-x-auto text-xs whitespace-pre-wrap text-red-800">{call.error}</pre>
          </div>
        ) : (
          <div>
            <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Output</p>
            <pre className="max-h-80 overflow-auto text-xs whitespace-pre-wrap">{json(call.output)}</pre>
          </div>
        )}
      </div>
    </details>
  );
}

/** Who wrote it and, for the bot, how the answer went: model, fallback, tokens, time to first text, duration. */
function MessageHeading({ message, timeZone }: { message: ConsoleMessage; timeZone: string | null }) {
  const { turn } = message;
  const who =
    message.role === 'user'
      ? 'Shopper'
      : message.role === 'agent'
        ? `${message.author?.name ?? 'Former staff member'} (staff)`
        : 'Bot';
  const facts: string[] = [];
  if (turn) {
    if (turn.model) facts.push(turn.model);
    if (turn.inputTokens !== null || turn.outputTokens !== null)
      facts.push(`${turn.inputTokens ?? '?'} in / ${turn.outputTokens ?? '?'} out tokens`);
    if (turn.firstTextMs !== null) facts.push(`first text ${formatMs(turn.firstTextMs)}`);
    if (turn.durationMs !== null) facts.push(`took ${formatMs(turn.durationMs)}`);
    if (turn.finishReason && turn.finishReason !== 'stop') facts.push(`ended: ${turn.finishReason}`);
  }
  return (
    <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
      <span className="font-semibold text-slate-800">{who}</span>
      <time dateTime={message.createdAt}>{formatTime(message.createdAt, timeZone)}</time>
      {turn?.usedFallback && (
        <span data-testid="fallback-marker" className="rounded bg-amber-100 px-1.5 font-medium text-amber-900">
          fallback
        </span>
      )}
      {facts.map((fact) => (
        <span key={fact}>· {fact}</span>
      ))}
    </p>
  );
}

const BUBBLE = {
  user: 'bg-white ring-1 ring-slate-200',
  assistant: 'bg-blue-50 ring-1 ring-blue-100',
  agent: 'bg-emerald-50 ring-1 ring-emerald-200',
} as const;

/** The conversation as the shopper saw it, each answer with its tool calls inline and how it went. */
export function TranscriptMessages({ messages, timeZone }: { messages: ConsoleMessage[]; timeZone: string | null }) {
  return (
    <ol className="space-y-3" aria-label="Messages">
      {messages.map((message) => (
        <li
          key={message.id}
          data-testid={`transcript-${message.role}`}
          className={`space-y-2 rounded-lg p-3 ${BUBBLE[message.role]}`}
        >
          <MessageHeading message={message} timeZone={timeZone} />
          {message.items.map((item, index) =>
            item.kind === 'text' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: a stored message's parts never reorder
              <p key={index} className="text-[0.9375rem] leading-6 break-words whitespace-pre-wrap">
                {item.text}
              </p>
            ) : (
              <ToolCall key={item.call.toolCallId} call={item.call} />
            ),
          )}
          {message.turn?.error && (
            <p className="text-xs break-words whitespace-pre-wrap text-red-800">
              <span className="font-semibold">Error: </span>
              {message.turn.error}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
