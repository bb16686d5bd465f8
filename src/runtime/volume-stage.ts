import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { DockerSandbox } from './docker-sandbox.js';
import { SandboxError, describeDockerError } from './errors.js';
import { LABEL_PURPOSE } from './labels.js';
import { planUpload, type UploadEntry, type UploadMemory } from './tree-upload.js';
import { WORKSPACE } from './types.js';
import type { WorkspaceStage } from './workspace-stage.js';

const LOADER_TIMEOUT_MS = 120_000;
/** Paths per `rm` command: far below any argv limit. */
const REMOVE_BATCH = 500;

export interface UploadedCopyOptions {
  image: string;
  /** Name stem of the volume and its loader container. */
  name: string;
  /** The session's labels, so `clean` and crash recovery find both. */
  labels: Record<string, string>;
  /** Owner of the uploaded files: the user the containers run as. */
  owner: { uid: number; gid: number };
}

/**
 * Copy mode: /workspace is a volume, mounted read-only in the container that runs commands. A
 * loader container of ours (no network, no process of the repository's or the model's ever runs
 * in it) holds it writable: trees are uploaded into it with the engine's archive API, and what a
 * tree no longer has is deleted there. Only what changed since the last upload is sent.
 */
export async function uploadedCopy(docker: Docker, options: UploadedCopyOptions): Promise<WorkspaceStage> {
  const volume = `${options.name}-ws-${randomBytes(3).toString('hex')}`;
  try {
    await docker.createVolume({ Name: volume, Labels: options.labels });
  } catch (err) {
    throw new SandboxError(`Could not create the workspace volume ${volume}: ${describeDockerError(err)}`);
  }
  let loader: DockerSandbox;
  try {
    const container = await docker.createContainer({
      name: `${volume}-loader`,
      Image: options.image,
      Cmd: ['sleep', 'infinity'],
      // Root with just enough to replace any file of the tree; it runs nothing but rm and find.
      User: '0:0',
      WorkingDir: '/',
      Labels: { ...options.labels, [LABEL_PURPOSE]: 'loader' },
      HostConfig: {
        Init: true,
        CapDrop: ['ALL'],
        CapAdd: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER'],
        SecurityOpt: ['no-new-privileges'],
        NetworkMode: 'none',
        Memory: 256 * 1024 ** 2,
        PidsLimit: 64,
        Mounts: [{ Type: 'volume', Source: volume, Target: WORKSPACE }],
      },
    });
    loader = new DockerSandbox(docker, container.id, WORKSPACE);
    await container.start();
  } catch (err) {
    await docker.getVolume(volume).remove().catch(() => undefined);
    throw new SandboxError(`Could not start the workspace loader from ${options.image}: ${describeDockerError(err)}`);
  }
  const memory: UploadMemory = new Map();
  const run = async (argv: string[]) => {
    const result = await loader.exec(argv, { timeoutMs: LOADER_TIMEOUT_MS, cwd: WORKSPACE });
    if (result.exitCode !== 0) throw new SandboxError(`Could not update the workspace copy (${argv[0]}: exit ${result.exitCode}): ${result.stderr.trim().slice(0, 300)}`);
  };
  // A new volume starts with whatever the image has at /workspace: the copy starts empty.
  await run(['find', WORKSPACE, '-mindepth', '1', '-delete']);
  let queue: Promise<void> = Promise.resolve();
  return {
    mount: { Type: 'volume', Source: volume, Target: WORKSPACE, ReadOnly: true },
    // One sync at a time: two commands of one attempt never race their uploads.
    sync: (source) => {
      const next = queue.then(async () => {
        const plan = await planUpload(source, memory).catch((err: unknown) => {
          memory.clear();
          throw err;
        });
        try {
          for (let i = 0; i < plan.remove.length; i += REMOVE_BATCH) {
            await run(['rm', '-rf', '--', ...plan.remove.slice(i, i + REMOVE_BATCH).map((p) => `${WORKSPACE}/${p}`)]);
          }
          if (plan.write.length > 0) await upload(loader.id, docker, plan.write, options.owner);
        } catch (err) {
          // What the copy holds is no longer known: the next sync starts it again from nothing.
          memory.clear();
          await run(['find', WORKSPACE, '-mindepth', '1', '-delete']).catch(() => undefined);
          throw err instanceof SandboxError ? err : new SandboxError(`Could not upload the workspace: ${describeDockerError(err)}`);
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    dispose: async () => {
      await loader.remove();
      await docker.getVolume(volume).remove().catch(() => undefined);
    },
  };
}

async function upload(loaderId: string, docker: Docker, entries: UploadEntry[], owner: { uid: number; gid: number }): Promise<void> {
  const pack = tar.pack();
  const mtime = new Date();
  const written = (async () => {
    for (const e of entries) {
      const common = { name: e.path, uid: owner.uid, gid: owner.gid, mtime };
      await new Promise<void>((resolve, reject) => {
        const done = (err?: Error | null) => (err ? reject(err) : resolve());
        if (e.kind === 'dir') pack.entry({ ...common, type: 'directory', mode: e.mode }, done);
        else if (e.kind === 'link') pack.entry({ ...common, type: 'symlink', linkname: e.target, mode: 0o777 }, done);
        else pack.entry({ ...common, type: 'file', mode: e.mode }, e.content, done);
      });
    }
    pack.finalize();
  })();
  await Promise.all([written, docker.getContainer(loaderId).putArchive(pack, { path: WORKSPACE })]);
}
