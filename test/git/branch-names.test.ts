import { afterAll, describe, expect, it } from 'vitest';
import { branchName, isOurBranch, parseBranchName, shortModelName } from '../../src/git/index.js';
import { gitStatus, makeTempDir } from '../helpers/repo.js';
import { rmSync } from 'node:fs';

const scratch = makeTempDir('sog-refs-');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function isValidBranch(name: string): boolean {
  return gitStatus(scratch, 'check-ref-format', '--branch', name).code === 0;
}

describe('shortModelName', () => {
  it.each([
    ['openrouter/anthropic/claude-sonnet-4.5', 'claude-sonnet-4.5'],
    ['openrouter/openai/gpt-5-codex', 'gpt-5-codex'],
    ['openai-compatible/qwen2.5-coder:32b', 'qwen2.5-coder-32b'],
    ['script:/tmp/scripts/model-a.json', 'model-a'],
    ['OpenRouter/Meta/Llama 3.1 70B Instruct', 'llama-3.1-70b-instruct'],
    ['openrouter/x/model.lock', 'model'],
    ['openrouter/x/..', 'model'],
    ['', 'model'],
  ])('%s → %s', (model, expected) => {
    expect(shortModelName(model)).toBe(expected);
  });

  it('caps long names', () => {
    expect(shortModelName('openrouter/v/' + 'x'.repeat(300)).length).toBeLessThanOrEqual(40);
  });
});

describe('branchName', () => {
  it('follows s<session>-g<goal>-a<attempt>-m<model> under sog/', () => {
    const parts = { sessionId: '20250101-120000-ab12', goalId: 3, model: 'openrouter/anthropic/claude-sonnet-4.5' };
    expect(branchName({ ...parts, attemptId: 7 })).toBe('sog/s20250101-120000-ab12-g3-a7-mclaude-sonnet-4.5');
    expect(branchName(parts)).toBe('sog/s20250101-120000-ab12-g3-mclaude-sonnet-4.5');
  });

  const oddModels = [
    'openrouter/anthropic/claude-sonnet-4.5',
    'openai-compatible/qwen2.5-coder:32b',
    'weird model name with spaces',
    'a..b',
    'x@{y}',
    'tilde~caret^colon:question?star*bracket[backslash\\',
    'ends-with.lock',
    '.hidden',
    '-leading-dash',
    'trailing.',
    'ünïcödé/模型',
    '////',
    '@',
    'control\u0001char\u007f',
    'script:C:\\models\\a.json',
    'x'.repeat(500),
  ];

  it.each(oddModels)('is a valid ref for model %j and round-trips through parseBranchName', (model) => {
    for (const attemptId of [undefined, 12]) {
      const name = branchName({ sessionId: '20250101-120000-ab12', goalId: 5, attemptId, model });
      expect(isValidBranch(name), name).toBe(true);
      expect(isOurBranch(name)).toBe(true);
      expect(parseBranchName(name)).toEqual({
        sessionId: '20250101-120000-ab12',
        goalId: '5',
        attemptId: attemptId === undefined ? null : '12',
        model: shortModelName(model),
      });
    }
  });

  it('sanitizes odd session ids too', () => {
    const name = branchName({ sessionId: 'bad id..with~stuff', goalId: 1, model: 'm' });
    expect(isValidBranch(name)).toBe(true);
  });

  it('parses session ids that contain -g and model names that contain -a/-m', () => {
    const name = branchName({ sessionId: '20250101-120000-g1ab', goalId: 2, model: 'foo-a3-mbar' });
    expect(parseBranchName(name)).toEqual({ sessionId: '20250101-120000-g1ab', goalId: '2', attemptId: null, model: 'foo-a3-mbar' });
  });

  it('does not claim foreign branch names', () => {
    expect(parseBranchName('main')).toBeNull();
    expect(parseBranchName('feature/sog')).toBeNull();
    expect(isOurBranch('main')).toBe(false);
    expect(isOurBranch('sog/')).toBe(false);
  });
});
