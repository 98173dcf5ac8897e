#!/bin/sh
# run.sh: builds tests/fuzz/regexp.c with libFuzzer, ASan and UBSan, and runs it for the
# given seconds (default 120) over a corpus seeded with sample patterns. Exit status is
# libFuzzer's: non-zero when it found a crash, a leak or a failed invariant.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-120}
out=${FUZZ_OUT:-$root/build-fuzz}
mkdir -p "$out/corpus"
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -D_GNU_SOURCE -DKILN_DEBUG=1 -I"$root/src" "$here/regexp.c" "$root"/src/regexp/*.c \
  "$root/src/base/utf8.c" "$root/src/base/fatal.c" -licuuc -o "$out/fuzz-regexp"
# Seeds: flags byte, pattern, 0xFF, subject.
i=0
for seed in 'a(b|c)*d\377xxabcbd' '(?<=(\d+)(\d+))$\3771053' '[\p{L}--[a-z]]+\377abcXYZ' \
            '(?i:a)\1(?<n>x)\k<n>\377aAxx' '^(?:a|ab)*?c{2,3}$\377ababcc' '(a*)*b\377aaaaaaaaaaaa'; do
  printf "\001%b" "$seed" > "$out/corpus/seed$i"; i=$((i + 1))
done
printf '\140[\\q{abc|d}\\w--\\d]\377dabc' > "$out/corpus/seedv"
printf '\040\\u{1F600}.\377\360\237\230\200x' > "$out/corpus/seedu"
exec "$out/fuzz-regexp" -max_total_time="$seconds" -max_len=256 -timeout=10 \
  -rss_limit_mb=2048 -artifact_prefix="$out/" "$out/corpus"
