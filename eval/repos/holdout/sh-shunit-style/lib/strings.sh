# strings.sh: string helpers for bash scripts.
#
# Source it:  . /path/to/lib/strings.sh
# Every function writes its result to stdout; predicates (str_starts_with, ...)
# return 0 or 1 and print nothing.

[ -n "${__STRINGS_SH_LOADED:-}" ] && return 0
__STRINGS_SH_LOADED=1

# str_trim STRING: STRING without leading and trailing whitespace.
str_trim() {
  local s="$1"
  s="${s#"${s%%[![:space:]]*}"}"
  s="${s%"${s##*[![:space:]]}"}"
  printf '%s\n' "$s"
}

str_lower() { printf '%s\n' "${1,,}"; }
str_upper() { printf '%s\n' "${1^^}"; }

# str_repeat STRING COUNT
str_repeat() {
  local out="" i
  for ((i = 0; i < $2; i++)); do out+="$1"; done
  printf '%s\n' "$out"
}

str_starts_with() { [[ "$1" == "$2"* ]]; }
str_ends_with() { [[ "$1" == *"$2" ]]; }
str_contains() { [[ "$1" == *"$2"* ]]; }

# str_pad_left STRING WIDTH [CHAR]: STRING right-aligned in WIDTH columns.
str_pad_left() {
  local s="$1" width="$2" char="${3:- }"
  while ((${#s} < width)); do s="$char$s"; done
  printf '%s\n' "$s"
}

# str_pad_right STRING WIDTH [CHAR]
str_pad_right() {
  local s="$1" width="$2" char="${3:- }"
  while ((${#s} < width)); do s="$s$char"; done
  printf '%s\n' "$s"
}

# str_slugify STRING: lower case, runs of anything but letters and digits become
# one "-", none at either end. "Hello, World!" -> "hello-world".
str_slugify() {
  local s
  s="$(printf '%s' "$1" | LC_ALL=C tr '[:upper:]' '[:lower:]' | LC_ALL=C tr -cs 'a-z0-9' '-')"
  s="${s#-}"
  printf '%s\n' "${s%-}"
}

# str_split DELIM STRING: the fields of STRING, one a line.
str_split() {
  local delim="$1" rest="$2"
  while [[ "$rest" == *"$delim"* ]]; do
    printf '%s\n' "${rest%%"$delim"*}"
    rest="${rest#*"$delim"}"
  done
  printf '%s\n' "$rest"
}

# str_join DELIM WORD...: the WORDs with DELIM between them.
str_join() {
  local delim="$1" out=""
  shift
  [ "$#" -eq 0 ] && { echo; return 0; }
  out="$1"
  shift
  for w in "$@"; do out+="$delim$w"; done
  printf '%s\n' "$out"
}
