import { acceptedCalls, type EvalTurn, type ExpectedEntry, type ExpectedTool, type Fact } from './schema';

/** A tool call the assistant made in a turn, as the stream announced it. */
export interface ObservedToolCall {
  toolName: string;
  input: unknown;
}

/** What one turn produced. */
export interface TurnObservation {
  toolCalls: ObservedToolCall[];
  /** The answer the shopper read (all text deltas). */
  text: string;
  /** Set when the turn could not run (HTTP error, nothing to confirm…): the turn fails. */
  error?: string;
}

export interface TurnScore {
  toolOk: boolean;
  answerOk: boolean;
  missingTools: ExpectedEntry[];
  /** Calls that broke the rules: a forbidden tool, or any call when expectTools is []. */
  unexpectedTools: ObservedToolCall[];
  missingFacts: Fact[];
  /** mustNotContain entries found in the answer. */
  leakedFacts: string[];
}

/** How text is compared: full-width folded (NFKC) and Latin letters case-insensitive. */
export function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function containsFact(text: string, fact: Fact): boolean {
  const haystack = foldForMatch(text);
  const alternatives = typeof fact === 'string' ? [fact] : fact;
  return alternatives.some((alternative) => haystack.includes(foldForMatch(alternative)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function anyOf(expected: unknown): unknown[] | null {
  if (!isRecord(expected)) return null;
  const keys = Object.keys(expected);
  return keys.length === 1 && keys[0] === '$anyOf' && Array.isArray(expected.$anyOf) ? expected.$anyOf : null;
}

/**
 * Whether `actual` has everything `expected` asks for. Objects: every expected key matches
 * (extra keys are fine). Arrays: same length, each expected element matching a different actual
 * element, in any order. Strings: trimmed, case-insensitive (coupon codes and member levels are
 * case-insensitive in the store; a SKU in the wrong case fails its tool call anyway).
 * `{ "$anyOf": [...] }`: any alternative.
 */
export function matchesSubset(expected: unknown, actual: unknown): boolean {
  const alternatives = anyOf(expected);
  if (alternatives) return alternatives.some((alternative) => matchesSubset(alternative, actual));
  if (typeof expected === 'string')
    return typeof actual === 'string' && foldForMatch(expected.trim()) === foldForMatch(actual.trim());
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    const used = new Set<number>();
    return expected.every((element) => {
      const index = actual.findIndex((candidate, i) => !used.has(i) && matchesSubset(element, candidate));
      if (index < 0) return false;
      used.add(index);
      return true;
    });
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return false;
    return Object.entries(expected).every(([key, value]) => key in actual && matchesSubset(value, actual[key]));
  }
  return Object.is(expected, actual);
}

export function toolCallMatches(expected: ExpectedTool, call: ObservedToolCall): boolean {
  return call.toolName === expected.name && matchesSubset(expected.input ?? {}, call.input ?? {});
}

/** An expectTools entry is met by a call matching it (or, for anyOf, any of its alternatives). */
export function entryMet(entry: ExpectedEntry, calls: readonly ObservedToolCall[]): boolean {
  return acceptedCalls(entry).some((expected) => calls.some((call) => toolCallMatches(expected, call)));
}

export function scoreTurn(turn: EvalTurn, observed: TurnObservation): TurnScore {
  const expectTools = turn.expectTools;
  const forbidden = new Set<string>(turn.forbidTools ?? []);
  const missingTools = (expectTools ?? []).filter((entry) => !entryMet(entry, observed.toolCalls));
  const unexpectedTools = observed.toolCalls.filter(
    (call) => forbidden.has(call.toolName) || (expectTools !== undefined && expectTools.length === 0),
  );
  const missingFacts = (turn.mustContain ?? []).filter((fact) => !containsFact(observed.text, fact));
  const leakedFacts = (turn.mustNotContain ?? []).filter((fact) => containsFact(observed.text, fact));
  const failed = observed.error !== undefined;
  return {
    toolOk: !failed && missingTools.length === 0 && unexpectedTools.length === 0,
    answerOk: !failed && missingFacts.length === 0 && leakedFacts.length === 0,
    missingTools,
    unexpectedTools,
    missingFacts,
    leakedFacts,
  };
}
