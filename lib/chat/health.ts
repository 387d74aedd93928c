import { OFFLINE_LABEL } from '@/lib/ai/model';
import type { DatabaseKind } from '@/lib/db/target';
import type { ChatRuntime } from './runtime';

export interface HealthReport {
  /** "openai:<model id>" when an API key is set, else "offline" (the built-in engine). */
  model: string;
  database: DatabaseKind;
}

export function healthReport(runtime: ChatRuntime): HealthReport {
  return { model: runtime.provider?.label ?? OFFLINE_LABEL, database: runtime.databaseKind };
}
