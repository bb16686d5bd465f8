# bash completion for dotenv
_dotenv() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W "get list keys set unset exec -f --version --help" -- "$cur")
  elif [ "${COMP_WORDS[COMP_CWORD - 1]}" = "-f" ]; then
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}
complete -F _dotenv dotenv
