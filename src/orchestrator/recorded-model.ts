import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { ModelCallPurpose } from '../events.js';
import type { ResolvedModel } from '../models/index.js';
import { takeHints } from '../store/index.js';
import type { Orchestration } from './context.js';
import { instrumentModel } from './instrumented-model.js';

/**
 * The model as one attempt or decomposition sees it: every call budget-checked, recorded in the DB
 * and announced. An attempt's words are announced as they arrive, so "writing the files, then
 * building" is shown before the writes and the build it announces, not after them.
 */
export function recordedModel(
  o: Orchestration,
  model: ResolvedModel,
  where: { goalId: number; attemptId: number | null; purpose: ModelCallPurpose },
): LanguageModelV3 {
  const { attemptId } = where;
  return instrumentModel(model.model, {
    limits: o.limits,
    costOf: (result) => model.costOf({ providerMetadata: result.providerMetadata, usage: result.usage }),
    describeError: (err) => model.describeError(err),
    record: (call) => {
      o.store.recordModelCall({ ...where, model: model.spec, ...call });
      o.bus.emit({
        type: 'model_call',
        ...where,
        model: model.spec,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        cost: call.cost,
        ...(call.error === null ? {} : { error: call.error }),
      });
    },
    takeHints: () => {
      const taken = takeHints(o.store, { ...where, model: model.spec }, (event, hints) => {
        // Written by the screen or another process, not through this run's bus: said here, as they are taken.
        for (const h of hints) o.bus.announce({ type: 'hint', text: h.text, from: h.from });
        o.bus.emit(event);
      });
      return taken.map((h) => h.text);
    },
    ...(where.purpose === 'attempt' && attemptId !== null
      ? { onText: (text: string) => o.bus.emit({ type: 'model_text', goalId: where.goalId, attemptId, model: model.spec, text }) }
      : {}),
  });
}
