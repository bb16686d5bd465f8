// File names Bazel cannot put in a label. Bazel refuses a target or package name with a
// non-printable character, a backslash or a colon (Bazel 7.7 says so for each), and a name that is not valid UTF-8 reaches us (git's output decoded as text) with its
// bad bytes replaced by U+FFFD, so it no longer names the file at all.

/** Whether the name lost bytes that were not valid UTF-8 (and so names no file). */
export function isLossyName(file: string): boolean {
  return file.includes('\uFFFD');
}

/** Why no BUILD file can name `file`, or null when one can. */
export function unlabelableReason(file: string): string | null {
  if (isLossyName(file)) return 'its name is not valid UTF-8, so no BUILD file can name it; rename it';
  const control = /[\u0000-\u001f\u007f]/.exec(file);
  if (control) {
    const hex = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    return `its name holds the control character \\x${hex}, and Bazel target names may not contain non-printable characters; rename it`;
  }
  const mark = /[\\:]/.exec(file);
  if (mark) return `its name holds '${mark[0]}', which Bazel target names may not contain; rename it`;
  return null;
}
