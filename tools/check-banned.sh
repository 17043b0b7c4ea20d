#!/bin/sh
# Fail when C sources call a libc function the house style bans (curl's
# idea): unbounded copies and formatters, and parsers that cannot report
# errors. Use snprintf, memcpy with a size, strtol/strtod with an end
# pointer, and the project's idt_buf instead.
cd "$(dirname "$0")/.." || exit 2
BANNED='strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|atoll|sscanf'
hits=$(grep -nE "(^|[^A-Za-z0-9_.>])($BANNED)[[:space:]]*\(" \
         $(git ls-files 'src/*.c' 'src/*.h' 'include/*.h' 'tests/*.c' 'fuzz/*.c' 'bench/*.c') \
       | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*|//)')
if [ -n "$hits" ]; then
  echo "banned functions used (see docs/design.md):"
  echo "$hits"
  exit 1
fi
echo "banned-function check: clean"
