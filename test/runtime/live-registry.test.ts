// What a run removes when it quits: the sandboxes it registered, and those whose creation the
// engine was still answering (a validation container prewarmed just as a second Ctrl-C came).
// Pure bookkeeping: the end-to-end runs (resume, run-safety-promises) remove real containers.
import { expect, it } from 'vitest';
import { liveSandboxIds, registerLive, removeAllLive, trackCreation, unregisterLive } from '../../src/runtime/live-registry.js';

function sandbox(id: string, removed: string[]) {
  const s = {
    id,
    remove: async () => {
      removed.push(id);
      unregisterLive(id);
    },
  };
  return s;
}

it('waits for a creation in flight and removes its sandbox too; one begun while removing gets another round', async () => {
  const removed: string[] = [];
  registerLive(sandbox('running', removed));
  let answer!: () => void;
  const created = trackCreation(new Promise<void>((resolve) => (answer = resolve))).then(() => {
    registerLive(sandbox('was-being-created', removed));
    // The run starts one more while the first ones are removed.
    void trackCreation(Promise.resolve()).then(() => registerLive(sandbox('begun-meanwhile', removed)));
  });
  const removal = removeAllLive();
  answer();
  await created;
  // (Test files share a worker: anything another file left registered goes too.)
  expect(await removal).toEqual(expect.arrayContaining(['running', 'was-being-created', 'begun-meanwhile']));
  expect(removed.sort()).toEqual(['begun-meanwhile', 'running', 'was-being-created']);
  expect(liveSandboxIds().filter((id) => removed.includes(id))).toEqual([]);
});

it('a creation that fails leaves nothing to wait for', async () => {
  const failed = trackCreation(Promise.reject(new Error('no such image')));
  await expect(failed).rejects.toThrow('no such image');
  const removed: string[] = [];
  registerLive(sandbox('after-the-failure', removed));
  expect(await removeAllLive()).toContain('after-the-failure');
  expect(removed).toEqual(['after-the-failure']);
});
