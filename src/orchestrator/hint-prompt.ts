import type { LanguageModelV3Message, LanguageModelV3Prompt } from '@ai-sdk/provider';

/** The words a model reads a person's hints in. */
export function hintMessage(texts: readonly string[]): LanguageModelV3Message {
  const body = texts.length === 1 ? texts[0]! : texts.map((t, i) => `${i + 1}. ${t}`).join('\n');
  return {
    role: 'user',
    content: [{ type: 'text', text: `A person watching this session says (take it into account in what you do next):\n${body}` }],
  };
}

/**
 * Hints put into one model's conversation. A tool loop sends the whole conversation again at every
 * step, built from its own messages: a hint taken at step 3 is put back at the same place in every
 * later step's prompt, so the model keeps seeing it where it arrived (taken once, not lost at step 4).
 */
export class HintThread {
  private readonly placed: { at: number; message: LanguageModelV3Message }[] = [];

  /** The prompt with the hints placed so far, and `taken` (new ones) after its last message. */
  prompt(prompt: LanguageModelV3Prompt, taken: readonly string[]): LanguageModelV3Prompt {
    const out = [...prompt];
    for (const { at, message } of this.placed) out.splice(Math.min(at, out.length), 0, message);
    if (taken.length > 0) {
      const message = hintMessage(taken);
      this.placed.push({ at: out.length, message });
      out.push(message);
    }
    return out;
  }
}
