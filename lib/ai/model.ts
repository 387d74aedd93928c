import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createOfflineModel, OFFLINE_MODEL_ID } from './offline/engine';

export interface ProviderModel {
  /** "openai:<model id>": what /api/health reports and transcripts record. */
  label: string;
  model: LanguageModelV4;
}

export const OFFLINE_LABEL = OFFLINE_MODEL_ID;

/**
 * The Chat Completions API, not the Responses API: it is what every OpenAI-compatible endpoint
 * (Azure, gateways, vLLM, Ollama, relays) speaks.
 */
export function createProviderModel(settings: { apiKey: string; model: string; baseURL: string | undefined }): ProviderModel {
  const openai = createOpenAI({ apiKey: settings.apiKey, ...(settings.baseURL && { baseURL: settings.baseURL }) });
  return { label: `openai:${settings.model}`, model: openai.chat(settings.model) };
}

export { createOfflineModel };
