import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import {
  approvalTurnSchema,
  type Conversation,
  conversationFileSchema,
  conversationSchema,
  expectedChoiceSchema,
  expectedToolSchema,
  userTurnSchema,
} from './schema';

/** One or more evaluation files are invalid; `problems` has one `file: path: message` line each. */
export class EvalDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`The evaluation set has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`);
    this.name = 'EvalDataError';
  }
}

export interface LoadedConversation {
  /** The file it came from (base name), for reports. */
  file: string;
  conversation: Conversation;
}

type Segment = PropertyKey;

function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(file)';
}

function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * zod reports a failed union as "invalid input" with every branch's errors. The branch the author
 * meant is clear from the shape (a turn with "approve" is a confirmation; an array file is a list),
 * so that branch's own errors are reported instead.
 */
function explain(error: z.ZodError, root: unknown, prefix: readonly Segment[] = []): string[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${formatPath([...path, key])}: unknown field`);
    if (issue.code === 'invalid_union') {
      const value = valueAt(root, path);
      if (path.length === 0 && Array.isArray(value)) {
        return value.flatMap((element, index) => {
          const parsed = conversationSchema.safeParse(element);
          return parsed.success ? [] : explain(parsed.error, root, [index]);
        });
      }
      const parsed = branchFor(path, value)?.safeParse(value);
      if (parsed && !parsed.success) return explain(parsed.error, root, path);
    }
    return [`${formatPath(path)}: ${issue.message}`];
  });
}

/** The union member a value was meant to be, judged by its shape. */
function branchFor(path: readonly Segment[], value: unknown): z.ZodType | null {
  if (path.length === 0) return conversationSchema;
  if (!isRecord(value)) return null;
  if (path.at(-2) === 'expectTools') return 'anyOf' in value ? expectedChoiceSchema : expectedToolSchema;
  if ('approve' in value) return approvalTurnSchema;
  if ('user' in value) return userTurnSchema;
  return null;
}

/** Parses one file's JSON text; throws EvalDataError naming the file and the path of every problem. */
export function parseConversationFile(file: string, text: string): Conversation[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EvalDataError([`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  const parsed = conversationFileSchema.safeParse(json);
  if (!parsed.success) throw new EvalDataError(explain(parsed.error, json).map((line) => `${file}: ${line}`));
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}

/** Every *.json file in `dir`, validated; conversation ids must be unique across files. */
export function loadConversations(dir: string): LoadedConversation[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const problems: string[] = [];
  const loaded: LoadedConversation[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    try {
      for (const conversation of parseConversationFile(name, readFileSync(join(dir, name), 'utf8'))) {
        const first = seen.get(conversation.id);
        if (first) problems.push(`${name}: duplicate conversation id "${conversation.id}" (also in ${first})`);
        seen.set(conversation.id, name);
        loaded.push({ file: basename(name), conversation });
      }
    } catch (error) {
      if (error instanceof EvalDataError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new EvalDataError(problems);
  return loaded;
}
