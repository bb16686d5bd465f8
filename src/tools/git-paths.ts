// Paths a write tool must refuse because the attempt's commit could not record them: what git's
// own path check refuses (with core.protectNTFS and core.protectHFS on, as on Windows and macOS,
// so a result branch checks out everywhere), and anything inside a gitlink (a submodule), which
// the superproject's commit never holds.

/** Code points HFS+ ignores when comparing names (git's is_hfs_dotgit skips them too). */
const HFS_IGNORABLE = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/** NTFS: `.git` or its 8.3 short name `git~1`, then only dots/spaces, or an alternate stream (`:`). */
const NTFS_DOTGIT = /^(\.git|git~1)[. ]*(:|$)/i;

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Why git would refuse to store a file at `relPath` (POSIX, normalised), or null. */
export function gitRefusal(relPath: string): string | null {
  for (const component of relPath.split('/')) {
    if (asciiLower(component.replace(HFS_IGNORABLE, '')) === '.git') {
      return 'writing inside .git is not allowed';
    }
    // NTFS also splits names at backslashes.
    if (component.split('\\').some((part) => NTFS_DOTGIT.test(part))) {
      return `"${component}" is read as .git on Windows file systems (git refuses such paths)`;
    }
  }
  return null;
}

/** The gitlink (submodule path) that `relPath` is or lies inside, or null. */
export function enclosingGitlink(relPath: string, gitlinks: readonly string[]): string | null {
  return gitlinks.find((link) => relPath === link || relPath.startsWith(`${link}/`)) ?? null;
}
