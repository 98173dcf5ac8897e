#!/bin/sh
# run-test262.sh: records node's answers on test262's RegExp-related tests and replays
# them against Kiln's RegExp engine (see test262-record.js and replay.c).
#   tests/regexp/run-test262.sh [build dir] [test262 dir] [test subdirs...]
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
t262=${2:-$root/vendor/test262}
[ -d "$t262" ] || t262=/work/main/vendor/test262
shift 2 2>/dev/null || shift $#
dirs=${*:-"built-ins/RegExp language/literals/regexp built-ins/String/prototype/match built-ins/String/prototype/matchAll built-ins/String/prototype/replace built-ins/String/prototype/replaceAll built-ins/String/prototype/search built-ins/String/prototype/split"}
out=$build/regexp-test262
mkdir -p "$out"
cc -O2 -I"$root/src" "$here/replay.c" "$build/libkiln.a" -licuuc -licui18n -lgmp -lm -o "$out/replay"
node "$here/test262-record.js" "$t262" "$out/records.bin" $dirs
"$out/replay" "$out/records.bin"
