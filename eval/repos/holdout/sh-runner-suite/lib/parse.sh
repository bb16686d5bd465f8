# shellcheck shell=bash
# parse.sh -- reading .env files.
#
# A .env file holds one NAME=VALUE assignment a line.  Blank lines and lines
# starting with '#' are ignored, as is an "export " before the name.  Values
# may be:
#   unquoted       trailing blanks and a " # comment" are dropped
#   'single'       taken literally
#   "double"       \n \t \" \\ and \$ are unescaped
# The last assignment to a name wins.

# dotenv_parse_line LINE
#   Sets DOTENV_KEY and DOTENV_VALUE.  Returns 0 for an assignment, 1 for a
#   blank or comment line, 2 for anything else (DOTENV_ERROR says why).
dotenv_parse_line() {
  local line="$1" raw trimmed value rest
  DOTENV_KEY='' DOTENV_VALUE='' DOTENV_ERROR=''

  line="${line%$'\r'}"
  line="${line#"${line%%[![:space:]]*}"}"
  case "$line" in
    '' | '#'*) return 1 ;;
  esac
  if [[ "$line" == export[[:space:]]* ]]; then
    line="${line#export}"
    line="${line#"${line%%[![:space:]]*}"}"
  fi

  if [[ ! "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=(.*)$ ]]; then
    DOTENV_ERROR="expected NAME=VALUE"
    return 2
  fi
  DOTENV_KEY="${BASH_REMATCH[1]}"
  raw="${BASH_REMATCH[2]}"
  trimmed="${raw#"${raw%%[![:space:]]*}"}"

  case "$trimmed" in
    "'"*)
      rest="${trimmed#\'}"
      if [[ "$rest" != *"'"* ]]; then
        DOTENV_ERROR="unterminated single quote"
        return 2
      fi
      value="${rest%%\'*}"
      rest="${rest#*\'}"
      ;;
    '"'*)
      _dotenv_double_quoted "${trimmed#\"}" || return 2
      value="$_DOTENV_DQ_VALUE"
      rest="$_DOTENV_DQ_REST"
      ;;
    *)
      value="${raw%%[[:space:]]#*}"
      value="${value#"${value%%[![:space:]]*}"}"
      value="${value%"${value##*[![:space:]]}"}"
      rest=''
      ;;
  esac

  rest="${rest#"${rest%%[![:space:]]*}"}"
  case "$rest" in
    '' | '#'*) ;;
    *)
      DOTENV_ERROR="unexpected text after the closing quote"
      return 2
      ;;
  esac
  DOTENV_VALUE="$value"
  return 0
}

# _dotenv_double_quoted TEXT-AFTER-THE-OPENING-QUOTE
#   Sets _DOTENV_DQ_VALUE (unescaped) and _DOTENV_DQ_REST (after the quote).
_dotenv_double_quoted() {
  local s="$1" out='' c i=0 n=${#1}
  while [ "$i" -lt "$n" ]; do
    c="${s:i:1}"
    case "$c" in
      '\')
        i=$((i + 1))
        c="${s:i:1}"
        case "$c" in
          n) out+=$'\n' ;;
          t) out+=$'\t' ;;
          '"' | '\' | '$') out+="$c" ;;
          '') break ;;
          *) out+="\\$c" ;;
        esac
        ;;
      '"')
        _DOTENV_DQ_VALUE="$out"
        _DOTENV_DQ_REST="${s:i+1}"
        return 0
        ;;
      *) out+="$c" ;;
    esac
    i=$((i + 1))
  done
  DOTENV_ERROR="unterminated double quote"
  return 2
}

# dotenv_each FILE CALLBACK
#   Calls "CALLBACK NAME VALUE" for each assignment in FILE, in order.
#   Reports malformed lines on stderr as FILE:LINE: and returns 1 if there
#   were any (the other lines are still passed on).
dotenv_each() {
  local file="$1" callback="$2" line lineno=0 status=0 rc
  if [ ! -r "$file" ]; then
    echo "dotenv: cannot read $file" >&2
    return 1
  fi
  while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    rc=0
    dotenv_parse_line "$line" || rc=$?
    case "$rc" in
      0) "$callback" "$DOTENV_KEY" "$DOTENV_VALUE" ;;
      2)
        echo "$file:$lineno: $DOTENV_ERROR" >&2
        status=1
        ;;
    esac
  done <"$file"
  return "$status"
}
