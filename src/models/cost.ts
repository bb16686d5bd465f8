// USD cost of one model call (one step of generateText). generateText's `totalUsage` sums tokens
// only: the orchestrator sums these per step (onStepFinish) itself.
import type { LanguageModelUsage, ProviderMetadata } from 'ai';

export interface CostSource {
  providerMetadata?: ProviderMetadata | undefined;
  usage?: Pick<LanguageModelUsage, 'raw'> | undefined;
}

function usd(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** OpenRouter's usage accounting: `providerMetadata.openrouter.usage.cost`. */
export function openRouterCost(step: CostSource): number {
  return usd(field(field(step.providerMetadata?.openrouter, 'usage'), 'cost'));
}

/** An OpenAI-compatible server that reports a cost puts it next to the token counts. */
export function rawUsageCost(step: CostSource): number {
  return usd(field(step.usage?.raw, 'cost'));
}

export function scriptCost(step: CostSource): number {
  return usd(field(step.providerMetadata?.script, 'cost'));
}
