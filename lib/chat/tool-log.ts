import { OFFLINE_LABEL } from '@/lib/ai/model';
import type { ModelCallLog } from '@/lib/ai/resilient-model';
import type { ToolCallRecord } from './transcript';

interface ExecutionEnd {
  toolExecutionMs: number;
  toolCall: { toolCallId: string; toolName: string; input: unknown };
  toolOutput: { type: 'tool-result'; output: unknown } | { type: 'tool-error'; error: unknown };
}

interface StepContentPart {
  type: string;
  toolCallId?: string;
  toolName?: string;
  input?: unknown;
  output?: unknown;
  error?: unknown;
  invalid?: boolean;
  approvalId?: string;
  approved?: boolean;
  isAutomatic?: boolean;
  toolCall?: { toolCallId: string; toolName: string; input: unknown };
}

/**
 * Collects every tool call of one turn — executed, failed, refused as invalid, or waiting for the
 * shopper's confirmation — with unredacted errors and timings, for the transcript's tool-call log.
 */
export class ToolCallRecorder {
  private readonly calls = new Map<string, ToolCallRecord>();
  private currentStep = 0;

  constructor(private readonly models: ModelCallLog) {}

  private modelOfStep(step: number): string {
    return this.models.steps[step]?.model ?? OFFLINE_LABEL;
  }

  private entry(toolCallId: string, toolName: string, input: unknown, step: number): ToolCallRecord {
    let record = this.calls.get(toolCallId);
    if (!record) {
      record = {
        toolCallId,
        toolName,
        step,
        model: this.modelOfStep(step),
        input,
        output: null,
        error: null,
        durationMs: null,
        state: 'succeeded',
      };
      this.calls.set(toolCallId, record);
    }
    return record;
  }

  /** onToolExecutionEnd: runs inside a step, or before the first one for calls the shopper just approved. */
  recordExecution(event: ExecutionEnd): void {
    const record = this.entry(event.toolCall.toolCallId, event.toolCall.toolName, event.toolCall.input, this.currentStep);
    record.durationMs = Math.round(event.toolExecutionMs);
    if (event.toolOutput.type === 'tool-result') {
      record.output = event.toolOutput.output;
      record.state = 'succeeded';
    } else {
      record.error = describeFailure(event.toolOutput.error);
      record.state = 'failed';
    }
  }

  /** onStepEnd: the calls that never executed (invalid input, unknown tool, awaiting or denied approval). */
  recordStep(stepNumber: number, content: readonly StepContentPart[]): void {
    for (const part of content) {
      if (part.type === 'tool-call' && part.toolCallId && part.toolName) {
        const record = this.entry(part.toolCallId, part.toolName, part.input, stepNumber);
        if (part.invalid) record.state = 'invalid';
      } else if (part.type === 'tool-error' && part.toolCallId && part.toolName && !this.calls.get(part.toolCallId)?.error) {
        const record = this.entry(part.toolCallId, part.toolName, part.input, stepNumber);
        record.error = describeFailure(part.error);
        if (record.state !== 'invalid') record.state = 'failed';
      } else if (part.type === 'tool-approval-request' && part.toolCall) {
        const record = this.entry(part.toolCall.toolCallId, part.toolCall.toolName, part.toolCall.input, stepNumber);
        if (record.durationMs === null && record.state !== 'failed') record.state = 'awaiting_approval';
      } else if (part.type === 'tool-approval-response' && part.toolCall && part.approved === false) {
        const record = this.entry(part.toolCall.toolCallId, part.toolCall.toolName, part.toolCall.input, stepNumber);
        record.state = 'denied';
      }
    }
    this.currentStep = stepNumber + 1;
  }

  /** The shopper declined the confirmation, or the call was refused without asking (not signed in). */
  recordDenied(call: { toolCallId: string; toolName: string; input: unknown }): void {
    this.entry(call.toolCallId, call.toolName, call.input, this.currentStep).state = 'denied';
  }

  records(): ToolCallRecord[] {
    return [...this.calls.values()];
  }
}

/** The full story for staff (tool errors and failed turns): the failure, and the cause the shopper was spared. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `\ncaused by ${error.cause.stack ?? error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
