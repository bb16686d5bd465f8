import { describe, expect, it } from 'vitest';
import { BUILTIN_MODEL, DEFAULT_RUN_OPTIONS, NO_KEY_LINE, withDefaultModels } from '../../src/session/options.js';

describe('withDefaultModels', () => {
  it('takes the built-in migrator for both roles, and says so, only when no model is named and no OpenRouter key is set', () => {
    expect(withDefaultModels(DEFAULT_RUN_OPTIONS, false, {})).toEqual({
      options: { ...DEFAULT_RUN_OPTIONS, modelA: BUILTIN_MODEL, modelB: BUILTIN_MODEL },
      note: NO_KEY_LINE,
    });
    expect(withDefaultModels(DEFAULT_RUN_OPTIONS, false, { OPENROUTER_API_KEY: '  ' }).note).toBe(NO_KEY_LINE);
    for (const env of [{ OPENROUTER_API_KEY: 'sk-x' }, { OPENROUTER_KEY: 'sk-x' }]) {
      expect(withDefaultModels(DEFAULT_RUN_OPTIONS, false, env)).toEqual({ options: DEFAULT_RUN_OPTIONS, note: null });
    }
    const named = { ...DEFAULT_RUN_OPTIONS, modelA: 'openrouter/acme/m' };
    expect(withDefaultModels(named, true, {})).toEqual({ options: named, note: null });
  });
});
