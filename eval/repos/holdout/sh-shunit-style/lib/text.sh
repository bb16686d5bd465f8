# text.sh: helpers over lines of text (stdin), built on strings.sh.

[ -n "${__TEXT_SH_LOADED:-}" ] && return 0
__TEXT_SH_LOADED=1

__text_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$__text_dir/strings.sh"

# text_strip_comments: drop "#" comments and blank lines, trim what is left.
text_strip_comments() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"
    line="$(str_trim "$line")"
    [ -n "$line" ] && printf '%s\n' "$line"
  done
  return 0
}

# text_map FUNCTION: FUNCTION applied to each line of stdin.
text_map() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    "$1" "$line"
  done
}

# text_columns WIDTH: "key value" lines with the keys padded to WIDTH.
text_columns() {
  local key value
  while read -r key value; do
    printf '%s %s\n' "$(str_pad_right "$key" "$1")" "$value"
  done
}
