// A complete generate result played back as a stream, for models that answer all at once.
import type { LanguageModelV3GenerateResult, LanguageModelV3StreamPart, LanguageModelV3StreamResult } from '@ai-sdk/provider';

export function streamOf(result: LanguageModelV3GenerateResult, id: string): LanguageModelV3StreamResult {
  const parts: LanguageModelV3StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id, modelId: result.response?.modelId, timestamp: result.response?.timestamp },
  ];
  for (const part of result.content) {
    if (part.type === 'text') {
      const textId = `text-${id}`;
      parts.push({ type: 'text-start', id: textId }, { type: 'text-delta', id: textId, delta: part.text }, { type: 'text-end', id: textId });
    } else if (part.type === 'tool-call') {
      parts.push(part);
    }
  }
  parts.push({ type: 'finish', finishReason: result.finishReason, usage: result.usage, providerMetadata: result.providerMetadata });
  const stream = new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  return { stream, request: result.request };
}
