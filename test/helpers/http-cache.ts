// A real Bazel HTTP remote cache for tests: GET/HEAD/PUT of /ac/<sha256> and /cas/<sha256>, kept
// in memory, every request recorded (method, store, status and the headers the client sent). It
// listens where containers on the default bridge reach the host: the bridge's gateway address.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Docker from 'dockerode';

export interface CacheRequest {
  method: string;
  store: 'ac' | 'cas' | 'other';
  status: number;
  headers: http.IncomingHttpHeaders;
}

export interface HttpCache {
  /** `http://<gateway>:<port>`, for a `--remote_cache` line. */
  url: string;
  requests: CacheRequest[];
  /** Entries held, by store. */
  size(store: 'ac' | 'cas'): number;
  close(): Promise<void>;
}

/**
 * The default bridge network's gateway: the host as containers on it see it. Some engines list
 * only the subnet; the gateway is then its first address, as the engine assigns it.
 */
export async function bridgeGateway(docker = new Docker()): Promise<string> {
  const info = (await docker.getNetwork('bridge').inspect()) as { IPAM?: { Config?: { Gateway?: string; Subnet?: string }[] } };
  const config = info.IPAM?.Config ?? [];
  const gateway = config.find((c) => c.Gateway)?.Gateway ?? firstAddress(config.find((c) => c.Subnet?.includes('.'))?.Subnet);
  if (!gateway) throw new Error('the engine reports neither a gateway nor an IPv4 subnet for its bridge network');
  return gateway;
}

/** `172.17.0.0/16` -> `172.17.0.1`. */
function firstAddress(subnet: string | undefined): string | undefined {
  const m = subnet ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(subnet) : null;
  if (!m) return undefined;
  const bits = Number(m[5]);
  const base = m.slice(1, 5).reduce((n, octet) => n * 256 + Number(octet), 0);
  const network = bits === 0 ? 0 : base - (base % 2 ** (32 - bits));
  const first = network + 1;
  return [24, 16, 8, 0].map((shift) => Math.floor(first / 2 ** shift) % 256).join('.');
}

export async function startHttpCache(host: string): Promise<HttpCache> {
  const entries = { ac: new Map<string, Buffer>(), cas: new Map<string, Buffer>() };
  const requests: CacheRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /\/(ac|cas)\/([0-9a-f]{64})$/.exec(req.url ?? '');
      const store = (m?.[1] ?? 'other') as CacheRequest['store'];
      let status = 404;
      let body: Buffer | undefined;
      if (m && req.method === 'PUT') {
        entries[m[1] as 'ac' | 'cas'].set(m[2]!, Buffer.concat(chunks));
        status = 200;
      } else if (m && (req.method === 'GET' || req.method === 'HEAD')) {
        body = entries[m[1] as 'ac' | 'cas'].get(m[2]!);
        status = body ? 200 : 404;
      } else if (!m) {
        status = 400;
      } else {
        status = 405;
      }
      requests.push({ method: req.method ?? '', store, status, headers: req.headers });
      res.writeHead(status, body ? { 'content-length': body.length } : {});
      res.end(req.method === 'GET' ? body : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    size: (store) => entries[store].size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
