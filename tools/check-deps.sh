#!/usr/bin/env bash
# Stops the build with the Debian package to install when a tool or library is missing.
missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v cc >/dev/null || missing+=(gcc)
[ -e /usr/include/unicode/uchar.h ] || missing+=(libicu-dev)
[ -e /usr/include/gmp.h ] || [ -e /usr/include/x86_64-linux-gnu/gmp.h ] || missing+=(libgmp-dev)
[ -e /usr/include/readline/readline.h ] || missing+=(libreadline-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "kiln: missing build dependencies; install them with:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
fi
