import { createServer, type AddressInfo } from 'node:net';

export interface UnreachableEndpoint {
  port: number;
  /** `http://127.0.0.1:<port>`: append the path the test needs. */
  origin: string;
  /** Connections attempted so far (each one was reset at once). */
  connections(): number;
  close(): Promise<void>;
}

/**
 * An endpoint on 127.0.0.1 that certainly answers nothing: the test holds the port (so no other
 * process can be listening there, as a guessed port like 9 might have) and resets every connection
 * the moment it arrives, so a client fails at once, as against a closed port. Counting the attempts
 * tells "was never contacted" apart from "failed to connect".
 */
export async function startUnreachableEndpoint(): Promise<UnreachableEndpoint> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
