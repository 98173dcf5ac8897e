#!/usr/bin/env bash
# tests/shell/introspect.sh BUILD [engine flags...]
# Issue 9: seed 001's walk-through through %DebugPrint (pointer tag, Smi encoding, elements
# kinds, in-object properties, dictionary mode after delete), the other natives, the
# --allow-natives-syntax gate, --trace-maps, --dump-maps, and seed 000's example under
# `kiln` (byte for byte, the address aside). Addresses change from run to run (and under
# --gc-interval=1), so output is matched with patterns, never fixed addresses.
# Prints each failure, then, last, "P passed, F failed".
set -u
cd "$(dirname "$0")/../.."
if [ $# -lt 1 ]; then echo "usage: tests/shell/introspect.sh BUILD [engine flags...]" >&2; exit 2; fi
build=$1; shift
kiln=("$build/kiln" "$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
out="" err="" code=0

# run ARGS...: runs kiln, leaving stdout in $out, stderr in $err and the exit code in $code.
run() {
  timeout -k 5 120 "${kiln[@]}" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
  code=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

# expect NAME CONDITION-TEXT RESULT: counts a check; RESULT 0 passes.
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL $1"
  printf '%s\n' "$out" | head -n 40 | sed 's/^/  stdout| /'
  printf '%s\n' "$err" | head -n 10 | sed 's/^/  stderr| /'
}
# has NAME REGEX: $out matches the extended regex (newlines included), exit 0, no stderr.
has() {
  if [ "$code" = 0 ] && [ -z "$err" ] && [[ $out =~ $2 ]]; then pass; else fail "$1: /$2/"; fi
}
# lacks NAME REGEX: $out does not match.
lacks() { if [[ $out =~ $2 ]]; then fail "$1: unexpected /$2/"; else pass; fi; }

HEX='0x[0-9a-f]+'
ODD='0x[0-9a-f]*[13579bdf]'      # a tagged heap pointer: low bit 1
WORD='0x[0-9a-f]{16}'
NL=$'\n'

# ---- the gate ----------------------------------------------------------------------------
echo '%DebugPrint(1)' > "$tmp/gate.js"
run "$tmp/gate.js"
if [ "$code" = 1 ] && [[ $err =~ Uncaught\ SyntaxError ]]; then pass; else fail "natives need --allow-natives-syntax"; fi
echo '%NoSuchNative(1)' > "$tmp/unknown.js"
run --allow-natives-syntax "$tmp/unknown.js"
if [ "$code" = 1 ] && [[ $err =~ SyntaxError:\ Unknown\ native\ function\ %NoSuchNative ]]; then pass
else fail "an unknown native is a SyntaxError"; fi
echo '%DebugPrint(1, 2)' > "$tmp/arity.js"
run --allow-natives-syntax "$tmp/arity.js"
if [ "$code" = 1 ] && [[ $err =~ SyntaxError:\ %DebugPrint\ takes\ 1\ argument ]]; then pass
else fail "a wrong argument count is a SyntaxError"; fi
echo 'print(6 % 4, %DebugPrint(7) + 1)' > "$tmp/mod.js"
run --allow-natives-syntax "$tmp/mod.js"
has "% stays the remainder operator; a native returns its argument" "${NL}2 8$"

# ---- seed 001: Smi and pointer tag ---------------------------------------------------------
echo '%DebugPrint(5); %DebugPrint(-1);' > "$tmp/smi.js"
run --allow-natives-syntax "$tmp/smi.js"
has "Smi 5 is the word 0x0000000500000000" \
  "^DebugPrint: Smi: 0x5 \(5\)${NL} - tagged word: 0x0000000500000000 \(Smi 5: value in the upper 32 bits, low bit 0\)"
has "Smi -1 is the word 0xffffffff00000000" "tagged word: 0xffffffff00000000 \(Smi -1"

cat > "$tmp/array.js" <<'EOF'
var a = [5, "test"];
%DebugPrint(a);
print("--- push");
a.push(2 ** 40);
a.push(1.5);
%DebugPrint(a);
EOF
run --allow-natives-syntax "$tmp/array.js"
has "[5, 'test']: a JSArray at an odd (tagged) address" "^DebugPrint: $ODD: \[JSArray\]"
has "the tagged word is the address + 1" "tagged word: $WORD \(heap object: address $HEX \+ tag 1, low bit 1\)"
has "map, instance type and elements kind" \
  " - map: $ODD <Map\[32\]\(PACKED_ELEMENTS\)> \[FastProperties\]${NL} - instance type: JS_ARRAY_TYPE"
has "element 0 is the Smi word of 5" "  0: 0x0000000500000000  5${NL}"
has "element 1 is a tagged pointer to the internalized string" "  1: 0x[0-9a-f]{15}[13579bdf]  <String\[4\]: #test>"
has "after the pushes, 2**40 and 1.5 are HeapNumbers" \
  "--- push.*  2: $WORD  <HeapNumber 1099511627776>${NL} +3: $WORD  <HeapNumber 1.5>"
has "the holes past the length are one line" "--- push.*4-[0-9]+: $WORD  <the_hole>"
has "length" "--- push.* - length: 4${NL}"
has "the array's map follows, with its back pointer" \
  "${NL}$ODD: \[Map\]${NL}.* - type: JS_ARRAY_TYPE.* - back pointer: $ODD <Map\[32\]\(PACKED_SMI_ELEMENTS\)>"

cat > "$tmp/number.js" <<'EOF'
%DebugPrint(2 ** 40);
%DebugPrint(-1.5);
EOF
run --allow-natives-syntax "$tmp/number.js"
has "a HeapNumber's map and IEEE-754 bits (2**40)" \
  "\[HeapNumber\].* - map: $ODD <Map\[16\]\(HEAP_NUMBER_TYPE\)>${NL} - value: 1099511627776${NL} - IEEE-754 bits: 0x4270000000000000 \(sign 0, exponent 0x427 = 2\^40"
has "-1.5's bits" "value: -1.5${NL} - IEEE-754 bits: 0xbff8000000000000 \(sign 1"

cat > "$tmp/string.js" <<'EOF'
%DebugPrint("test");
var s = "abcdefghijklmnop"; s += "qrstuvwxyz";
%DebugPrint(s);
EOF
run --allow-natives-syntax "$tmp/string.js"
has "a string: representation, length, hash, content" \
  "\[String\].* - representation: sequential one-byte, internalized${NL} - length: 4${NL} - hash: $HEX${NL} - content: \"test\""
has "a cons string" "representation: cons \(rope\), one-byte${NL} - length: 26${NL}.* - first: $ODD <String\[16\]: #?abcdefghijklmnop>"

# ---- seed 001: objects ---------------------------------------------------------------------
cat > "$tmp/object.js" <<'EOF'
var o = {color: "yellow", shape: "round"};
%DebugPrint(o);
print("fast:", %HasFastProperties(o));
delete o.color;
print("--- after delete");
%DebugPrint(o);
print("fast:", %HasFastProperties(o));
EOF
run --allow-natives-syntax "$tmp/object.js"
has "{color, shape}: fast properties, no backing store" \
  "\[JS_OBJECT_TYPE\].*\[FastProperties\].* - properties: $ODD <FixedArray\[0\]> \(empty: no backing store\)"
has "in-object property color, by name, with its word" \
  "#color: $ODD <String\[6\]: #yellow> \(data field, in-object, word 3, raw word $WORD\)"
has "in-object property shape" "#shape: $ODD <String\[5\]: #round> \(data field, in-object, word 4,"
has "the map's descriptors name the fields" "\[0\] #color: data field 0, attrs: \[WEC\]${NL} +\[1\] #shape: data field 1"
has "fast before the delete" "fast: true${NL}--- after delete"
has "after delete: dictionary mode" \
  "--- after delete.*\[DictionaryProperties\].* - properties: $ODD <NameDictionary\[[0-9]+\]> \(dictionary: slow properties\)"
has "after delete: shape is a dictionary entry" "--- after delete.*#shape: $ODD <String\[5\]: #round> \(data, dictionary entry"
has "after delete: HasFastProperties is false" "fast: false$"
after=${out#*--- after delete}
if [[ $after =~ \#color ]]; then fail "color is gone after the delete"; else pass; fi

cat > "$tmp/backing.js" <<'EOF'
var o = {};
for (var i = 0; i < 8; i++) o["p" + i] = i;
%DebugPrint(o);
EOF
run --allow-natives-syntax "$tmp/backing.js"
has "properties past the in-object slots live in a backing store" \
  "<PropertyArray\[[0-9]+\]> \(backing store: fast properties past the in-object ones\)"
has "a property in the backing store" "#p7: 7 \(data field, backing store \[[0-9]+\], raw word 0x0000000700000000\)"

# ---- elements kinds ------------------------------------------------------------------------
cat > "$tmp/kinds.js" <<'EOF'
var a = [1, 2, 3];
print(%GetElementsKind(a));
a.push(1.5);
print(%GetElementsKind(a));
%DebugPrint(a);
a.push("x");
print(%GetElementsKind(a));
print(%GetElementsKind(5), %HaveSameMap([1], [2]), %HaveSameMap([1], [1.5]), %HaveSameMap(1, 1));
EOF
run --allow-natives-syntax "$tmp/kinds.js"
has "PACKED_SMI -> PACKED_DOUBLE -> PACKED_ELEMENTS" \
  "^PACKED_SMI_ELEMENTS${NL}PACKED_DOUBLE_ELEMENTS${NL}.*${NL}PACKED_ELEMENTS${NL}"
has "double elements are raw IEEE-754 words" \
  "<FixedDoubleArray\[[0-9]+\]> \[PACKED_DOUBLE_ELEMENTS\] \{${NL} +0: 0x3ff0000000000000  1${NL}.* +3: 0x3ff8000000000000  1.5"
has "GetElementsKind of a Smi; HaveSameMap" "${NL}undefined true false false$"

# ---- DebugDumpMemory, CollectGarbage -------------------------------------------------------
cat > "$tmp/dump.js" <<'EOF'
var o = {color: "yellow"};
%CollectGarbage();
%DebugDumpMemory(o, 4);
%DebugDumpMemory(o, 1000);
EOF
run --allow-natives-syntax "$tmp/dump.js"
has "dq: map, properties, elements, in-object words, decoded" \
  "^JS_OBJECT_TYPE at $HEX \([0-9]+ words, showing 4\):${NL}  [0-9a-f]{16}  $WORD  pointer to <Map\[[0-9]+\]\(HOLEY_ELEMENTS\)>${NL}  [0-9a-f]{16}  $WORD  pointer to <FixedArray\[0\]>${NL}.*pointer to <String\[6\]: #yellow>"
has "the dump stops at the object's size" "showing ([0-9]+)\):"
n=$(grep -c '^  [0-9a-f]\{16\}' <<< "${out#*1000}" || true)
if [ "$n" -lt 100 ]; then pass; else fail "dump clamped to the object's size ($n lines)"; fi

# ---- --trace-maps and --dump-maps ----------------------------------------------------------
cat > "$tmp/maps.js" <<'EOF'
var o = {};
o.color = "yellow";
o.shape = "round";
var p = {};
p.color = "red";
p.size = 3;
delete o.color;
var a = [1];
a.push(1.5);
EOF
run --trace-maps --dump-maps="$tmp/maps.dot" "$tmp/maps.js"
if [[ $err =~ \[TraceMaps:\ Transition\ from=\ $ODD\ to=\ $ODD\ name=\ color\ \] ]] &&
   [[ $err =~ name=\ shape ]] && [[ $err =~ name=\ size ]] &&
   [[ $err =~ \[TraceMaps:\ Normalize\ from=\ $ODD ]] &&
   [[ $err =~ elements=\ PACKED_DOUBLE_ELEMENTS ]]; then pass
else fail "--trace-maps logs transitions, the normalization and the elements kind change"; fi
n=$(grep -c TraceMaps <<< "$err")
if [ "$n" -lt 20 ]; then pass; else fail "--trace-maps leaves out the bootstrapper's maps ($n lines)"; fi
dot=$(cat "$tmp/maps.dot" 2>/dev/null)
if [[ $dot =~ ^strict\ digraph\ maps ]] && [[ $dot =~ -\>\ m[0-9a-f]+\ \[label=\"color\"\] ]] &&
   [[ $dot =~ label=\"shape\" ]] && [[ $dot =~ label=\"size\" ]] &&
   [[ $dot =~ label=\"PACKED_DOUBLE_ELEMENTS\" ]] && [[ ! $dot =~ label=\"push\" ]]; then pass
else fail "--dump-maps writes the transition tree as DOT"; printf '%s\n' "$dot" | head -20; fi
echo 'var o = {}; o.x = 1; print(%DumpMaps());' > "$tmp/dumpnow.js"
run --allow-natives-syntax --dump-maps="$tmp/now.dot" "$tmp/dumpnow.js"
has "%DumpMaps() writes the file on demand" "^true$"

# ---- seed 000 --------------------------------------------------------------------------------
# The example, byte for byte (bindings/node/example/seed-example.js, the same file the Node
# add-on's tests run), prints one address; with the address as <addr> the output must be
# the expected file's bytes exactly.
run bindings/node/example/seed-example.js
sed -E 's/^0x[0-9a-f]+$/<addr>/' "$tmp/out" > "$tmp/seed.out"
if [ "$code" = 0 ] && [ -z "$err" ] && cmp -s "$tmp/seed.out" tests/shell/seed-000-example.expected; then pass
else fail "seed 000's example prints what tests/shell/seed-000-example.expected says"; fi
cat > "$tmp/free.js" <<'EOF'
const TypePointer = require('type-pointer');
const tp = new TypePointer();
const addr = tp.mallocValueAddr({a: 1});
tp.freeValueByAddr(addr);
tp.readValueByAddr(addr);
EOF
run "$tmp/free.js"
if [ "$code" = 1 ] && [[ $err =~ ^Uncaught\ TypeError:\ type-pointer:\ readValueByAddr:\ 0x[0-9a-f]+\ has\ been\ freed ]]; then pass
else fail "reading after free is an uncaught TypeError"; fi
echo "new (require('type-pointer'))().readValueByAddr('0x7fff00001000')" > "$tmp/madeup.js"
run "$tmp/madeup.js"
if [ "$code" = 1 ] && [[ $err =~ ^Uncaught\ TypeError:.*0x7fff00001000\ is\ not\ a\ live\ slot ]]; then pass
else fail "a made-up address is an uncaught TypeError"; fi

run tests/shell/type-pointer-parity.js
if [ "$code" = 0 ] && [ -z "$err" ] && [[ $out =~ ^function\ TypePointer\ 0\ true ]] &&
   [[ $out =~ read\ after\ free:\ TypeError\ true\ ERR_TP_FREED ]]; then pass
else fail "type-pointer-parity.js runs under kiln"; fi

# With node and the add-on built (make test builds it first), Node prints the same bytes for
# seed 000's example and the parity script, addresses aside.
addon=bindings/node/build/Release/type_pointer.node
if command -v node > /dev/null 2>&1 && [ -f "$addon" ]; then
  mkdir -p "$tmp/node/node_modules"
  ln -s "$PWD/bindings/node" "$tmp/node/node_modules/type-pointer"
  cp bindings/node/example/seed-example.js tests/shell/type-pointer-parity.js "$tmp/node/"
  for f in seed-example.js type-pointer-parity.js; do
    (cd "$tmp/node" && node "$f") 2>&1 | sed -E 's/0x[0-9a-f]+/ADDR/g' > "$tmp/node.out"
    run "$tmp/node/$f"
    printf '%s\n' "$out$err" | sed -E 's/0x[0-9a-f]+/ADDR/g' > "$tmp/kiln.out"
    if cmp -s "$tmp/node.out" "$tmp/kiln.out"; then pass
    else fail "kiln prints what node prints for $f"; diff "$tmp/node.out" "$tmp/kiln.out" | head; fi
  done
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
