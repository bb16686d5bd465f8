// Target patterns from the model go to Bazel after `--`, as argv: they can never become flags
// or shell syntax. This check only keeps obvious mistakes (flags, paths, spaces) out.
import { ToolError } from '../types.js';

export const DEFAULT_TARGETS = ['//...'];

// Optional repo (@repo, @@repo, @), then an absolute (//pkg) or relative package, then an
// optional :name; names may hold the punctuation Bazel allows in target names.
const LABEL = /^(@@?[A-Za-z0-9_.~+-]*)?(\/\/)?[A-Za-z0-9_.~+=,@\/-]*(:[A-Za-z0-9!%@^_"#$&'()*+,;<=>?[\]{|}~.\/-]+)?$/;

export function validateTargets(targets: string[] | undefined): string[] {
  const list = targets === undefined || targets.length === 0 ? DEFAULT_TARGETS : targets;
  for (const t of list) {
    const why =
      t.trim() === ''
        ? 'it is empty'
        : t.startsWith('-')
          ? 'it starts with "-" (flags go in flags, not targets)'
          : /\s/.test(t)
            ? 'it contains whitespace (give one target per array item)'
            : t.split(/[/:]/).includes('..')
              ? 'it contains ".." (packages are paths inside the repository)'
              : !LABEL.test(t)
                ? 'it is not a Bazel label or target pattern'
                : null;
    if (why !== null) {
      throw new ToolError(
        `Invalid target ${JSON.stringify(t)}: ${why}. Use labels or patterns such as //..., //pkg:name, //pkg/..., :name.`,
      );
    }
  }
  return list;
}
