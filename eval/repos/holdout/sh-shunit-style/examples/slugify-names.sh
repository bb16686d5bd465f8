#!/usr/bin/env bash
# Shows how the files of a directory would be renamed to slugs (nothing is renamed).
#   examples/slugify-names.sh [DIR]
. "$(dirname "$0")/../lib/strings.sh"

dir="${1:-.}"
for path in "$dir"/*; do
  [ -f "$path" ] || continue
  name="$(basename "$path")"
  base="${name%.*}"
  ext="${name##*.}"
  [ "$ext" = "$name" ] && ext="" || ext=".$(str_lower "$ext")"
  slug="$(str_slugify "$base")$ext"
  [ "$slug" != "$name" ] && printf '%s -> %s\n' "$name" "$slug"
done
exit 0
