# Text helpers sourced by bin/wordfreq and the tests. POSIX sh.

# Prints the words of stdin, one per line, lower-cased, punctuation removed.
words() {
  tr '[:upper:]' '[:lower:]' | tr -cs '[:alnum:]' '\n' | sed '/^$/d'
}

# Prints "COUNT WORD" lines for the N most frequent words of stdin.
top_words() {
  words | sort | uniq -c | sort -k1,1nr -k2 | head -n "${1:-10}" | awk '{print $1, $2}'
}
