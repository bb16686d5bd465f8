#!/usr/bin/env bash
# Prints its arguments in a box:  examples/banner.sh "Build finished"
. "$(dirname "$0")/../lib/strings.sh"

text="$(str_trim "$*")"
width=$((${#text} + 4))
line="$(str_repeat '*' "$width")"
echo "$line"
echo "* $(str_upper "$text") *"
echo "$line"
