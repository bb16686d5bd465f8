/**
 * A pid that names no process, now or at any time during the test. Linux hands out pids below
 * /proc/sys/kernel/pid_max, which cannot be set above 2^22 (PID_MAX_LIMIT), so 2^22 is never a
 * process's pid (nor on macOS or the BSDs, whose pids stay below 100000). The pid of a child that
 * has exited is not such a pid: with pid_max at 32768, a busy machine hands it out again within
 * the suite, and the "dead" driver is then alive.
 */
export const NEVER_A_PID = 2 ** 22;

/** NEVER_A_PID, once checked that the kernel knows no such process (what `kill -0` tells a driver check). */
export function deadPid(): number {
  try {
    process.kill(NEVER_A_PID, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return NEVER_A_PID;
    throw err;
  }
  throw new Error(`pid ${NEVER_A_PID} names a live process on this machine; the tests need a pid that never does`);
}
