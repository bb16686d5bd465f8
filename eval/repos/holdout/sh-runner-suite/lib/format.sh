# shellcheck shell=bash
# format.sh -- writing values for shells and for JSON.

# dotenv_shell_quote VALUE
#   VALUE in single quotes, safe to eval in any POSIX shell.
dotenv_shell_quote() {
  local v="$1" q="'\\''"
  printf "'%s'" "${v//\'/$q}"
}

# dotenv_json_string VALUE
#   VALUE as a JSON string, with its quotes.
dotenv_json_string() {
  local v="$1"
  v="${v//\\/\\\\}"
  v="${v//\"/\\\"}"
  v="${v//$'\n'/\\n}"
  v="${v//$'\r'/\\r}"
  v="${v//$'\t'/\\t}"
  printf '"%s"' "$v"
}

# dotenv_is_true VALUE
#   Succeeds for 1, true, yes and on, in any case.
dotenv_is_true() {
  case "${1,,}" in
    1 | true | yes | on) return 0 ;;
    *) return 1 ;;
  esac
}
