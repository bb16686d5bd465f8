/** How a printed command names the session: its id, and the sessions dir unless it is the default. */
export function sessionArgs(sessionId: string, flag: string | undefined, sessionsDir: string): string[] {
  return flag ? [sessionId, '--sessions-dir', sessionsDir] : [sessionId];
}
