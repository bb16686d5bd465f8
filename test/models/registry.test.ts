import { APICallError, RetryError } from 'ai';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  checkModelCredentials,
  classifyModelError,
  DEFAULT_MODEL_A,
  DEFAULT_MODEL_B,
  ModelSpecError,
  modelTimeoutError,
  parseModelSpec,
  resolveModel,
  scrubError,
  scrubText,
} from '../../src/models/index.js';

describe('model specs', () => {
  it('parses the three forms', () => {
    expect(parseModelSpec(DEFAULT_MODEL_A)).toEqual({
      kind: 'openrouter',
      spec: 'openrouter/anthropic/claude-sonnet-4.5',
      modelId: 'anthropic/claude-sonnet-4.5',
    });
    expect(DEFAULT_MODEL_B).toBe('openrouter/openai/gpt-5-codex');
    expect(parseModelSpec('openai-compatible/meta-llama/Llama-3-8B')).toMatchObject({ modelId: 'meta-llama/Llama-3-8B' });
    expect(parseModelSpec('script:test/fixtures/scripts/x.json')).toMatchObject({ kind: 'script', path: 'test/fixtures/scripts/x.json' });
  });

  it('an unknown prefix lists the three forms', () => {
    expect(() => parseModelSpec('anthropic/claude-sonnet-4.5')).toThrow(ModelSpecError);
    expect(() => parseModelSpec('anthropic/claude-sonnet-4.5')).toThrow(
      /^unknown model "anthropic\/claude-sonnet-4\.5": use one of openrouter\/<vendor>\/<model> .*; openai-compatible\/<model> .*; script:<path> /,
    );
    expect(() => resolveModel('gpt-5', { role: 'a', env: {} })).toThrow(/unknown model "gpt-5"/);
  });

  it('rejects incomplete specs', () => {
    expect(() => parseModelSpec('openrouter/claude')).toThrow(/expected openrouter\/<vendor>\/<model>/);
    expect(() => parseModelSpec('openrouter/anthropic/')).toThrow(/expected openrouter\/<vendor>\/<model>/);
    expect(() => parseModelSpec('openai-compatible/')).toThrow(/expected openai-compatible\/<model>/);
    expect(() => parseModelSpec('script:')).toThrow(/expected script:<path/);
  });

  it('short names', () => {
    const m = resolveModel(DEFAULT_MODEL_A, { role: 'a', env: { OPENROUTER_API_KEY: 'k' } });
    expect(m.shortName).toBe('claude-sonnet-4.5');
    expect(m.kind).toBe('openrouter');
  });

  it('checks credentials without resolving; script models need none', () => {
    expect(() => checkModelCredentials('script:/nowhere.json', {})).not.toThrow();
    expect(() => checkModelCredentials(DEFAULT_MODEL_B, {}, { role: 'b' })).toThrow(/^OPENROUTER_API_KEY is not set/);
    expect(() => checkModelCredentials(DEFAULT_MODEL_B, { OPENROUTER_KEY: 'x' })).not.toThrow();
  });

  it('rejects endpoints that are not http(s) URLs, and an endpoint for a script model', () => {
    expect(() =>
      resolveModel('openai-compatible/q', { role: 'a', env: {}, endpoint: 'localhost:11434' }),
    ).toThrow(/^--endpoint-a must be an http\(s\) URL \(got localhost:\)$/);
    expect(() =>
      resolveModel(DEFAULT_MODEL_A, { role: 'a', env: { OPENROUTER_API_KEY: 'k', OPENROUTER_BASE_URL: 'nope' } }),
    ).toThrow(/^OPENROUTER_BASE_URL is not a URL \(expected e\.g\. http:\/\/localhost:11434\/v1\)$/);
    expect(() => resolveModel('script:x.json', { role: 'b', env: {}, endpoint: 'http://127.0.0.1:1' })).toThrow(
      /^--endpoint-b does not apply to script:x\.json$/,
    );
  });
});

describe('classifyModelError', () => {
  const apiError = (statusCode: number | undefined) =>
    new APICallError({ message: `status ${statusCode}`, url: 'http://x', requestBodyValues: {}, statusCode });

  it('maps HTTP statuses', () => {
    expect(classifyModelError(apiError(401))).toBe('auth');
    expect(classifyModelError(apiError(403))).toBe('auth');
    expect(classifyModelError(apiError(402))).toBe('auth');
    expect(classifyModelError(apiError(429))).toBe('rate_limit');
    expect(classifyModelError(apiError(408))).toBe('timeout');
    expect(classifyModelError(apiError(500))).toBe('server');
    expect(classifyModelError(apiError(503))).toBe('server');
    expect(classifyModelError(apiError(undefined))).toBe('server');
    expect(classifyModelError(apiError(400))).toBe('bad_request');
    expect(classifyModelError(apiError(404))).toBe('bad_request');
  });

  it('looks through RetryError at the last error; aborts and timeouts by name', () => {
    const retried = new RetryError({ message: 'failed', reason: 'maxRetriesExceeded', errors: [apiError(500), apiError(429)] });
    expect(classifyModelError(retried)).toBe('rate_limit');
    expect(classifyModelError(new DOMException('x', 'AbortError'))).toBe('aborted');
    expect(classifyModelError(modelTimeoutError(120_000))).toBe('timeout');
    expect(modelTimeoutError(120_000).message).toBe('model call timed out after 120 s without a reply');
    expect(classifyModelError(new Error('boom'))).toBe('other');
    expect(classifyModelError('a string')).toBe('other');
  });
});

describe('scrubbing', () => {
  it('redacts keys and bearer tokens in text', () => {
    expect(scrubText('key=abcd1234 and Bearer xyz-0123456789', ['abcd1234'])).toBe('key=[redacted] and Bearer [redacted]');
  });

  it('redacts an error in place, keeping its class and retry marker', () => {
    const inner = new Error('cause mentions sk-secret-1');
    const err = new APICallError({
      message: 'denied for sk-secret-1',
      url: 'http://x',
      requestBodyValues: {},
      statusCode: 500,
      responseBody: '{"echo":"sk-secret-1"}',
      data: { error: { message: 'sk-secret-1' } },
      cause: inner,
    });
    const same = scrubError(err, ['sk-secret-1']);
    expect(same).toBe(err);
    expect(APICallError.isInstance(same)).toBe(true);
    expect(same.isRetryable).toBe(true);
    expect(same.message).toBe('denied for [redacted]');
    expect(same.responseBody).toBe('{"echo":"[redacted]"}');
    expect(JSON.stringify(same.data)).not.toContain('sk-secret-1');
    expect(inner.message).toBe('cause mentions [redacted]');
    expect(same.stack).not.toContain('sk-secret-1');
  });

  it("reaches what a native error hides from Object.keys: its cause, the cause's cause, an AggregateError's errors", () => {
    // How Node's fetch fails: TypeError('fetch failed', { cause }), where the cause may be an
    // AggregateError of one error per address tried. None of these properties is enumerable.
    const perAddress = new Error('connect ECONNREFUSED for https://llm.example/v1?key=sk-secret-2');
    const aggregate = new AggregateError([perAddress], 'every address failed for sk-secret-2');
    const err = new TypeError('fetch failed', { cause: aggregate });
    const plainCause = new Error('outer', { cause: { detail: 'Bearer sk-secret-2', list: ['sk-secret-2'] } });
    for (const e of [err, plainCause]) {
      scrubError(e, ['sk-secret-2']);
      expect(inspect(e, { depth: 10 })).not.toContain('sk-secret-2');
    }
    expect(perAddress.message).toBe('connect ECONNREFUSED for https://llm.example/v1?key=[redacted]');
    expect(err).toBeInstanceOf(TypeError);
  });
});
