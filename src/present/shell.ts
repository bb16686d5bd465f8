// Commands printed for a person to paste. Paths come from the user and the repository, so each
// argument is quoted for a POSIX shell: a path holding `$(...)` or a space stays one word.

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(arg: string): string {
  return PLAIN.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

export function shellCommand(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}
