import type { DockerSandbox } from './docker-sandbox.js';
import { SandboxError } from './errors.js';
import type { ExecOptions, ExecResult, Sandbox, SandboxSpec } from './types.js';
import type { WorkspaceStage } from './workspace-stage.js';

/** A long-lived container whose Bazel server and output base outlast the trees it is lent for. */
interface Warm {
  sandbox: DockerSandbox;
  /** Where its /workspace gets each tree from. */
  stage: WorkspaceStage;
  /** The spec it was made for: a lease asking for other limits, image or network gets a new one. */
  shape: string;
  /** A lease has run in it: the next one must clear it first. */
  used: boolean;
  /** The Bazel server noted before a tree's first Bazel command and kept since: pid and start time. */
  server: { pid: number; started: string } | null;
  busy: boolean;
}

type WarmSpec = SandboxSpec & { reuse: NonNullable<SandboxSpec['reuse']> };

/** How the runtime makes a warm container: its stage, then the container mounting it. */
export interface WarmFactory {
  stage(spec: WarmSpec): Promise<WorkspaceStage>;
  start(spec: WarmSpec, stage: WorkspaceStage): Promise<DockerSandbox>;
}

const MANAGE_TIMEOUT_MS = 120_000;
/** Recycle a warm container once its Bazel output base holds more than this. */
export const DEFAULT_OUTPUT_BASE_LIMIT_BYTES = 8 * 1024 ** 3;

// Every process but tini, `sleep infinity` (tini's first child: the lowest pid among its
// children, as orphans adopted later come after it), the Bazel server we trust (pid and start time
// both match) and this script's own ancestry is killed (a process started meanwhile, by the next
// round); then the scratch places a fresh container has empty are emptied, Bazel's own output
// base and caches aside, and the output base's size is said. $1, $2: the server's pid and start
// time (may be empty).
const SWEEP = String.raw`
keep=" 1 $(tr ' ' '\n' < /proc/1/task/1/children | grep -v '^$' | sort -n | head -n 1) "
p=$$
while [ -n "$p" ] && [ "$p" != 0 ]; do keep="$keep$p "; p=$(sed -n 's/^PPid:[[:space:]]*//p' /proc/$p/status 2>/dev/null); done
if [ -n "$1" ] && [ "$(sed 's/.*) //' /proc/$1/stat 2>/dev/null | cut -d' ' -f20)" = "$2" ]; then keep="$keep$1 "; echo kept; fi
for round in 1 2 3; do
  for p in $(cd /proc && echo [0-9]*); do
    case "$keep" in *" $p "*) ;; *) kill -KILL "$p" 2>/dev/null ;; esac
  done
done
for d in /tmp /var/tmp /dev/shm; do find "$d" -mindepth 1 -delete 2>/dev/null; done
find "$HOME" -mindepth 1 -maxdepth 1 ! -name .cache ! -name .bazelrc -exec rm -rf {} + 2>/dev/null
find "$HOME/.cache" -mindepth 1 -maxdepth 1 ! -name bazel -exec rm -rf {} + 2>/dev/null
if [ -d "$HOME/.cache/bazel" ]; then echo "kib $(du -skx "$HOME/.cache/bazel" 2>/dev/null | cut -f1)"; else echo "kib 0"; fi
exit 0`;

// The server of the workspace's output base, started if need be, as "server PID STARTTIME".
const SERVER = String.raw`
pid=$(bazel info server_pid 2>/dev/null) || exit 0
case "$pid" in ''|*[!0-9]*) exit 0 ;; esac
echo "server $pid $(sed 's/.*) //' /proc/$pid/stat 2>/dev/null | cut -d' ' -f20)"`;

/**
 * Lends one long-lived container per session and key (an attempt role, validation) to one user at
 * a time. Each lease gets exactly its tree in /workspace: the tree is copied into the container's
 * stage (a directory of ours, or in copy mode a volume on the engine) before every command, and
 * whatever is not in it is gone. Between leases every process is killed except the Bazel server,
 * and that one only while it is the very process noted before a tree's first Bazel command (a
 * stand-in put in its place is killed with the rest).
 */
export class WarmContainers {
  private readonly warm = new Map<string, Warm>();
  /** Containers a prewarm is starting, by key; each settles with the key's entry in `warm` set, or not. */
  private readonly starting = new Map<string, Promise<void>>();

  constructor(
    private readonly factory: WarmFactory,
    private readonly outputBaseLimitBytes = DEFAULT_OUTPUT_BASE_LIMIT_BYTES,
  ) {}

  /**
   * Starts the container a first lease of this key would start, unless one is there or on its way,
   * so that its start overlaps other work. Nothing of any tree is in it until a lease. A failure
   * is left for that lease to meet again and report.
   */
  prewarm(spec: WarmSpec): void {
    const key = keyOf(spec);
    if (this.warm.has(key) || this.starting.has(key)) return;
    const started = this.create(spec).then(
      (warm) => {
        this.warm.set(key, warm);
      },
      () => undefined,
    );
    this.starting.set(key, started);
    void started.finally(() => this.starting.delete(key));
  }

  async lease(spec: WarmSpec, startFresh: () => Promise<Sandbox>): Promise<Sandbox> {
    const key = keyOf(spec);
    await this.starting.get(key);
    let warm = this.warm.get(key);
    // Two users of one key at once (not done today): the second gets a fresh container.
    if (warm?.busy) return startFresh();
    // Removed under us (the end-of-run sweep of live containers, or the engine): start again.
    if (warm && (warm.shape !== shapeOf(spec) || warm.sandbox.removed)) {
      await this.retire(key, warm);
      warm = undefined;
    }
    if (!warm) {
      warm = await this.create(spec);
      this.warm.set(key, warm);
    }
    warm.busy = true;
    try {
      // A new container has nothing to clear. A used one whose output base outgrew the limit, or
      // that died with the last tree (a `kill -1` takes its main process too), is replaced.
      if (warm.used && !((await this.sweep(warm).catch(() => Infinity)) <= this.outputBaseLimitBytes)) {
        await this.retire(key, warm);
        warm = await this.create(spec);
        warm.busy = true;
        this.warm.set(key, warm);
      }
      warm.used = true;
      await warm.stage.sync(spec.hostWorkspace);
    } catch (err) {
      await this.retire(key, warm);
      throw err instanceof SandboxError ? err : new SandboxError(`Could not prepare the warm container: ${String((err as Error)?.message ?? err)}`);
    }
    const lent = warm;
    return new WarmLease(lent, spec.hostWorkspace, async () => {
      lent.busy = false;
    });
  }

  private async create(spec: WarmSpec): Promise<Warm> {
    const stage = await this.factory.stage(spec);
    const sandbox = await this.factory.start(spec, stage).catch(async (err: unknown) => {
      await stage.dispose().catch(() => undefined);
      throw err;
    });
    return { sandbox, stage, shape: shapeOf(spec), used: false, server: null, busy: false };
  }

  /**
   * Clears the container; the trusted server is forgotten unless it was the one spared. Returns
   * the size of its Bazel output base in bytes (Infinity when it cannot be told).
   */
  private async sweep(warm: Warm): Promise<number> {
    const server = warm.server ? [String(warm.server.pid), warm.server.started] : ['', ''];
    const run = await warm.sandbox.exec(['sh', '-c', SWEEP, 'sweep', ...server], { timeoutMs: MANAGE_TIMEOUT_MS, cwd: '/' });
    if (run.exitCode !== 0) throw new SandboxError(`Could not clear container ${warm.sandbox.id.slice(0, 12)} for its next use (exit ${run.exitCode})`);
    if (!/^kept$/m.test(run.stdout)) warm.server = null;
    const kib = /^kib (\d+)$/m.exec(run.stdout)?.[1];
    return kib === undefined ? Infinity : Number(kib) * 1024;
  }

  private async retire(key: string, warm: Warm): Promise<void> {
    if (this.warm.get(key) === warm) this.warm.delete(key);
    await warm.sandbox.remove().catch(() => undefined);
    await warm.stage.dispose().catch(() => undefined);
  }

  /** Removes every warm container (and its stage) of the session. */
  async removeSession(sessionId: string): Promise<void> {
    await Promise.all([...this.starting.entries()].filter(([key]) => key.startsWith(`${sessionId}\0`)).map(([, started]) => started));
    await Promise.all(
      [...this.warm.entries()].filter(([key]) => key.startsWith(`${sessionId}\0`)).map(([key, warm]) => this.retire(key, warm)),
    );
  }
}

function keyOf(spec: WarmSpec): string {
  return `${spec.sessionId}\0${spec.reuse.key}`;
}

function shapeOf(spec: SandboxSpec): string {
  return JSON.stringify([spec.image, spec.network, spec.limits, spec.purpose, spec.reuse?.stageDir]);
}

/** One use of a warm container: its tree is copied in before each command; remove() gives it back. */
class WarmLease implements Sandbox {
  private released: Promise<void> | null = null;
  private serverNoted = false;

  constructor(
    private readonly warm: Warm,
    readonly hostWorkspace: string,
    private readonly giveBack: () => Promise<void>,
  ) {}

  get id(): string {
    return this.warm.sandbox.id;
  }

  async exec(argv: string[], options?: ExecOptions): Promise<ExecResult> {
    if (this.released) throw new SandboxError(`Container ${this.id.slice(0, 12)} was given back`);
    await this.warm.stage.sync(this.hostWorkspace);
    // Before this tree's first Bazel command, with no server kept from the last tree: start one
    // now and note it, so the next tree may keep it. Trees that run no Bazel start none.
    if (!this.serverNoted && argv.some((arg) => BAZEL_COMMAND.test(arg))) {
      this.serverNoted = true;
      this.warm.server ??= await noteServer(this.warm.sandbox);
    }
    return this.warm.sandbox.exec(argv, options);
  }

  remove(): Promise<void> {
    this.released ??= this.giveBack();
    return this.released;
  }
}

/** `bazel` as a command word (the argv itself, or in a shell script), not a file such as MODULE.bazel. */
const BAZEL_COMMAND = /(?:^|[\s;&|(`/])bazel(?:\s|$)/;

async function noteServer(sandbox: DockerSandbox): Promise<Warm['server']> {
  const run = await sandbox.exec(['sh', '-c', SERVER], { timeoutMs: MANAGE_TIMEOUT_MS });
  const [, pid, started] = /^server (\d+) (\d+)$/m.exec(run.stdout) ?? [];
  return pid && started ? { pid: Number(pid), started } : null;
}
