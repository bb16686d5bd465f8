// A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions wire format (what the
// OpenRouter and OpenAI-compatible providers send and parse), replying from a queue, with faults.
//
//   const fake = await startFakeOpenAIServer();
//   fake.enqueue(reply.toolCalls([{ name: 'write_file', arguments: { path: 'a', content: 'b' } }], { cost: 0.01 }),
//                reply.text('done'));
//   env.OPENROUTER_BASE_URL = fake.url;   // ... run the model ...
//   fake.requests[0].headers.authorization; fake.requests[0].body.tools
//   await fake.close();                   // in afterAll
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  /** OpenRouter's usage accounting field (USD). */
  cost?: number;
}

export interface FakeToolCall {
  name: string;
  /** An object is sent as JSON; a string is sent verbatim (so it can be invalid JSON). */
  arguments: unknown;
  id?: string;
}

export type FakeReply =
  | { type: 'text'; text: string; usage?: FakeUsage }
  | { type: 'tool_calls'; calls: FakeToolCall[]; text?: string; usage?: FakeUsage }
  | {
      type: 'status';
      status: number;
      message?: string;
      headers?: Record<string, string>;
      /** Put the request's Authorization header into the error message (a careless server). */
      echoAuthorization?: boolean;
    }
  /** Never answers; the connection stays open until the client aborts or the server closes. */
  | { type: 'hang' }
  /** Streaming requests: sends the role chunk and `text`, then goes silent with the stream open. */
  | { type: 'stream_then_hang'; text: string }
  /** 200 with a body that is not valid JSON (asks for an immediate retry). */
  | { type: 'malformed' }
  /** 200 carrying `{"error": {...}}`: how OpenRouter reports some upstream failures. */
  | { type: 'error_payload'; code: number; message: string };

export const reply = {
  text: (text: string, usage?: FakeUsage): FakeReply => ({ type: 'text', text, usage }),
  toolCalls: (calls: FakeToolCall[], usage?: FakeUsage, text?: string): FakeReply => ({
    type: 'tool_calls',
    calls,
    usage,
    text,
  }),
  status: (status: number, options: Omit<Extract<FakeReply, { type: 'status' }>, 'type' | 'status'> = {}): FakeReply => ({
    type: 'status',
    status,
    ...options,
  }),
  /** 429 asking to retry at once, so tests do not wait for the SDK's 2 s backoff. */
  rateLimited: (): FakeReply => ({ type: 'status', status: 429, message: 'Rate limit exceeded', headers: { 'retry-after-ms': '0' } }),
  /** 500 asking to retry at once. */
  serverError: (): FakeReply => ({ type: 'status', status: 500, message: 'Internal error', headers: { 'retry-after-ms': '0' } }),
  unauthorized: (echoAuthorization = false): FakeReply => ({
    type: 'status',
    status: 401,
    message: 'No auth credentials found',
    echoAuthorization,
  }),
  hang: (): FakeReply => ({ type: 'hang' }),
  streamThenHang: (text: string): FakeReply => ({ type: 'stream_then_hang', text }),
  malformed: (): FakeReply => ({ type: 'malformed' }),
  errorPayload: (code: number, message: string): FakeReply => ({ type: 'error_payload', code, message }),
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (or the raw text if it was not JSON). */
  body: any;
}

export interface FakeOpenAIServer {
  /** Base URL to give the provider (OPENROUTER_BASE_URL, OPENAI_COMPATIBLE_BASE_URL, --endpoint-a). */
  url: string;
  /** Chat-completion requests, in order. */
  requests: RecordedRequest[];
  /** Preflight probes (GET /key, GET /models), answered 200 unless `probeStatus` says otherwise. */
  probes: RecordedRequest[];
  enqueue(...replies: FakeReply[]): void;
  /** Replies still queued. */
  pending(): number;
  /** Resolves once at least `n` requests have arrived. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

function usageOf(usage: FakeUsage | undefined) {
  const prompt = usage?.prompt_tokens ?? 10;
  const completion = usage?.completion_tokens ?? 5;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...(usage?.cost !== undefined ? { cost: usage.cost } : {}),
  };
}

function toolCallsOf(calls: FakeToolCall[], seq: number) {
  return calls.map((call, i) => ({
    id: call.id ?? `call_fake_${seq}_${i}`,
    type: 'function' as const,
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function halves(text: string): string[] {
  const mid = Math.ceil(text.length / 2);
  return [text.slice(0, mid), text.slice(mid)].filter((s) => s !== '');
}

function sendStream(res: ServerResponse, r: Extract<FakeReply, { type: 'text' | 'tool_calls' }>, seq: number, body: any) {
  const base = { id: `chatcmpl-fake-${seq}`, object: 'chat.completion.chunk', created: 1700000000, model: body.model };
  const chunks: unknown[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
  const text = r.text;
  if (text !== undefined) {
    for (const piece of halves(text)) {
      chunks.push({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
    }
  }
  if (r.type === 'tool_calls') {
    toolCallsOf(r.calls, seq).forEach((call, index) => {
      chunks.push({
        ...base,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] },
            finish_reason: null,
          },
        ],
      });
      for (const piece of halves(call.function.arguments)) {
        chunks.push({
          ...base,
          choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: piece } }] }, finish_reason: null }],
        });
      }
    });
  }
  chunks.push({
    ...base,
    choices: [{ index: 0, delta: {}, finish_reason: r.type === 'tool_calls' ? 'tool_calls' : 'stop' }],
  });
  if (body.stream_options?.include_usage === true) chunks.push({ ...base, choices: [], usage: usageOf(r.usage) });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  res.end('data: [DONE]\n\n');
}

function sendCompletion(res: ServerResponse, r: Extract<FakeReply, { type: 'text' | 'tool_calls' }>, seq: number, body: any) {
  const message =
    r.type === 'tool_calls'
      ? { role: 'assistant', content: r.text ?? null, tool_calls: toolCallsOf(r.calls, seq) }
      : { role: 'assistant', content: r.text };
  sendJson(res, 200, {
    id: `chatcmpl-fake-${seq}`,
    object: 'chat.completion',
    created: 1700000000,
    model: body.model,
    provider: 'fake',
    choices: [{ index: 0, message, finish_reason: r.type === 'tool_calls' ? 'tool_calls' : 'stop' }],
    usage: usageOf(r.usage),
  });
}

export async function startFakeOpenAIServer(initial: FakeReply[] = [], options: { probeStatus?: number } = {}): Promise<FakeOpenAIServer> {
  const queue: FakeReply[] = [...initial];
  const requests: RecordedRequest[] = [];
  const probes: RecordedRequest[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = raw;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        // keep the raw text
      }
      const path = (req.url ?? '').split('?')[0]!;
      // The CLI's preflight (GET /key on OpenRouter, GET /models elsewhere): answered, kept apart.
      if (req.method === 'GET' && (path.endsWith('/key') || path.endsWith('/models'))) {
        probes.push({ method: 'GET', path: req.url ?? '', headers: req.headers, body });
        const status = options.probeStatus ?? 200;
        sendJson(res, status, status === 200 ? { data: { label: 'fake-key', limit: null } } : { error: { message: `HTTP ${status}`, code: status } });
        return;
      }
      const seq = requests.length;
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      for (const w of waiters.filter((w) => requests.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }

      if (req.method !== 'POST' || !(req.url ?? '').split('?')[0]!.endsWith('/chat/completions')) {
        sendJson(res, 404, { error: { message: `fake server: no route ${req.method} ${req.url}`, code: 404 } });
        return;
      }
      const r = queue.shift();
      if (r === undefined) {
        sendJson(res, 400, { error: { message: `fake server: no scripted reply left for request ${seq + 1}`, code: 400 } });
        return;
      }
      switch (r.type) {
        case 'text':
        case 'tool_calls':
          if (body?.stream === true) sendStream(res, r, seq, body);
          else sendCompletion(res, r, seq, body);
          return;
        case 'status': {
          const auth = r.echoAuthorization ? ` (received Authorization: ${req.headers.authorization ?? 'none'})` : '';
          sendJson(res, r.status, { error: { message: `${r.message ?? `HTTP ${r.status}`}${auth}`, code: r.status } }, r.headers);
          return;
        }
        case 'hang':
          return; // closed by the client's abort or by close()
        case 'stream_then_hang': {
          const base = { id: `chatcmpl-fake-${seq}`, object: 'chat.completion.chunk', created: 1700000000, model: body?.model };
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: r.text }, finish_reason: null }] })}\n\n`);
          return;
        }
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/json', 'retry-after-ms': '0' });
          res.end('{"id": "chatcmpl-broken", "choices": [{"message": {"role": "assist');
          return;
        case 'error_payload':
          sendJson(res, 200, { error: { message: r.message, code: r.code } }, { 'retry-after-ms': '0' });
          return;
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    requests,
    probes,
    enqueue: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    waitForRequests: (n) =>
      requests.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
