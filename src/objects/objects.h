/*
 * objects.h: tagged values, and the one declaration of every heap object's layout.
 *
 * Smi encoding (seed 001): the 32-bit payload sits in the upper half of the word and the low
 * bit is 0, so 5 is the word 0x0000000500000000. A heap pointer is the object's address plus
 * kHeapObjectTag (1). Every heap object's first word is its Map.
 *
 * Layouts. Each object kind lists its fields once, as a macro of F(T, P, name, kind) entries
 * (T = the layout's type name, P = its accessor prefix). Each field is one word, of kind:
 *   TAGGED  a tagged value; the setter runs the write barrier;
 *   SMI     a tagged Smi, read and written as an int64_t (no barrier needed);
 *   RAW     an untagged uint64_t the collector never looks at;
 *   DOUBLE  an untagged IEEE-754 double;
 *   PTR     an untagged C pointer.
 * DECLARE_LAYOUT expands one list into, for layout T with prefix p:
 *   T_<name>_index / T_<name>_offset   the field's word index and byte offset;
 *   T_kHeaderWords / T_kHeaderSize     the size of the fixed part;
 *   T_kTaggedMask                      bit i set when word i is TAGGED or SMI;
 *   p_<name>(o) / p_set_<name>(o, v)   the accessors.
 * objects/body.c turns the same lists, with INSTANCE_TYPE_LIST, into the table the collector
 * and the verifier read, so the GC can never disagree with the accessors.
 */
#ifndef KILN_OBJECTS_OBJECTS_H_
#define KILN_OBJECTS_OBJECTS_H_

#include <string.h>

#include "base/globals.h"
#include "heap/page.h"
#include "objects/instance-types.h"

/* ---- Smis ------------------------------------------------------------------------- */

KILN_INLINE bool is_smi(Tagged v) { return (v & kHeapObjectTagMask) == 0; }
KILN_INLINE bool is_heap_object(Tagged v) { return (v & kHeapObjectTagMask) == kHeapObjectTag; }
KILN_INLINE Tagged smi_from_int(int32_t value) {
  return (Tagged)((uint64_t)(uint32_t)value << kSmiShift);
}
KILN_INLINE int32_t smi_value(Tagged v) { return (int32_t)((intptr_t)v >> kSmiShift); }
KILN_INLINE bool smi_is_valid(int64_t value) {
  return value >= KILN_SMI_MIN && value <= KILN_SMI_MAX;
}

/* ---- Raw heap object access ------------------------------------------------------- */

KILN_INLINE uintptr_t heap_object_address(Tagged o) { return o - kHeapObjectTag; }
KILN_INLINE Tagged heap_object_from_address(uintptr_t a) { return a + kHeapObjectTag; }
KILN_INLINE Tagged *field_slot(Tagged o, size_t offset) {
  return (Tagged *)(heap_object_address(o) + offset);
}
KILN_INLINE Tagged field_read(Tagged o, size_t offset) { return *field_slot(o, offset); }
KILN_INLINE void field_write(Tagged o, size_t offset, Tagged v) {
  Tagged *slot = field_slot(o, offset);
  *slot = v;
  heap_write_barrier(o, slot, v);
}
/* Stores without the barrier: only for values that are never young (Smis, roots in old
 * space) or for objects just allocated in young space. */
KILN_INLINE void field_write_no_barrier(Tagged o, size_t offset, Tagged v) {
  *field_slot(o, offset) = v;
}

/* ---- Layouts ---------------------------------------------------------------------- */

/* HeapObject: | map | */
#define HEAP_OBJECT_FIELDS(F, T, P) F(T, P, map, TAGGED)

/* FreeSpace (a filler for free memory): | map | size (bytes) | next free (if size >= 24) | */
#define FREE_SPACE_FIELDS(F, T, P) \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, size, RAW) F(T, P, next, RAW)

/* HeapNumber: | map | IEEE-754 double | */
#define HEAP_NUMBER_FIELDS(F, T, P) HEAP_OBJECT_FIELDS(F, T, P) F(T, P, value, DOUBLE)

/* Oddball: | map | to_number | to_string | type_of | kind | (undefined, null, true, false,
 * the hole: each a singleton with a map of its own, reached through the roots table) */
#define ODDBALL_FIELDS(F, T, P)                                              \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, to_number, TAGGED) F(T, P, to_string, TAGGED) \
  F(T, P, type_of, TAGGED) F(T, P, kind, SMI)

/* Map (the hidden class):
 * | map | bits | bits2 | prototype | constructor_or_back_pointer | instance_descriptors |
 * | transitions | enum_cache |
 * enum_cache: for-in's cache of the own enumerable string keys of fast-mode objects with
 * this map (a FixedArray, in property order), or undefined until first needed
 * (runtime/runtime-object-ops.c). A map's own keys never change, so it never goes stale.
 * bits:  instance type (16) | instance size in words (16) | in-object property count (8) |
 *        elements kind (8) | flags (16)                      (see the map_* helpers below)
 * bits2: owned by objects/map.c (descriptor count, field count, slack tracking counter).
 * prototype_validity_cell: for a prototype map (MAP_IS_PROTOTYPE), the ValidityCell of the
 * prototype chain that starts at objects with this map, or Smi 0 until one is needed;
 * Smi 0 on other maps (objects/map.h, "prototype validity"). */
#define MAP_FIELDS(F, T, P)                                                    \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, bits, RAW) F(T, P, bits2, RAW)           \
  F(T, P, prototype, TAGGED) F(T, P, constructor_or_back_pointer, TAGGED)      \
  F(T, P, instance_descriptors, TAGGED) F(T, P, transitions, TAGGED)             \
  F(T, P, enum_cache, TAGGED) F(T, P, prototype_validity_cell, TAGGED)

/* FixedArray, FixedDoubleArray, ByteArray: | map | length | element 0 | element 1 | ... |
 * The elements are tagged words, raw doubles or raw bytes, as INSTANCE_TYPE_LIST says. */
#define FIXED_ARRAY_BASE_FIELDS(F, T, P) HEAP_OBJECT_FIELDS(F, T, P) F(T, P, length, SMI)

/* Names. Every Name keeps its hash in word 2 (raw_hash, 0 until computed).
 * SeqString:  | map | length | raw_hash | characters (1 or 2 bytes each) ... |
 * ConsString: | map | length | raw_hash | first | second |   (a rope; see objects/string.h)
 * Symbol:     | map | flags  | raw_hash | description |                                 */
#define SEQ_STRING_FIELDS(F, T, P) \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, length, SMI) F(T, P, raw_hash, RAW)
#define CONS_STRING_FIELDS(F, T, P) \
  SEQ_STRING_FIELDS(F, T, P) F(T, P, first, TAGGED) F(T, P, second, TAGGED)
#define SYMBOL_FIELDS(F, T, P)                                                   \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, flags, SMI) F(T, P, raw_hash, RAW)         \
  F(T, P, description, TAGGED)

/* AccessorPair: | map | getter | setter |   (the value of an accessor property) */
#define ACCESSOR_PAIR_FIELDS(F, T, P) \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, getter, TAGGED) F(T, P, setter, TAGGED)

/* ValidityCell: | map | value | parent |   (objects/map.h, "prototype validity")
 * value: Smi 1 while valid, Smi 0 once invalidated (never valid again); parent: the cell of
 * the next prototype up the chain, or Smi 0 at the top. */
#define VALIDITY_CELL_FIELDS(F, T, P) \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, value, SMI) F(T, P, parent, TAGGED)

/* Foreign: | map | C pointer |   (an embedder's pointer, as an External value) */
#define FOREIGN_FIELDS(F, T, P) HEAP_OBJECT_FIELDS(F, T, P) F(T, P, address, PTR)

/* JSObject (seed 001):
 * | map | properties | elements | in-object property 0 | in-object property 1 | ... |
 * properties: the empty FixedArray, a PropertyArray (fast mode) or a NameDictionary (slow).
 * elements: FixedArray, FixedDoubleArray or NumberDictionary, as the map's elements kind. */
#define JS_OBJECT_FIELDS(F, T, P) \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, properties, TAGGED) F(T, P, elements, TAGGED)

/* JSArray: | map | properties | elements | length | in-object properties ... | */
#define JS_ARRAY_FIELDS(F, T, P) JS_OBJECT_FIELDS(F, T, P) F(T, P, length, TAGGED)

/* ---- Code and functions (the front end's objects; see docs/architecture.md) ---------- */

/* SharedFunctionInfo: what every closure of one function literal shares.
 * | map | name | function_data | scope_info | script | flags | formal_parameter_count |
 * | length | start_position | end_position | function_id | builtin | builtin_data |
 * function_data: the BytecodeArray, or undefined for builtins (and, later, lazily compiled
 *   functions). scope_info: the ScopeInfo of the function's scope (undefined for builtins).
 * flags: SFI_FLAG_LIST bits (interpreter/shared-function-info.h).
 * length: the "length" property's value. start/end_position: the source range in script.
 * builtin: a BuiltinFunction C pointer (builtins/builtins.h) or NULL; builtin_data: a value
 *   the builtin can read (e.g. which error kind a NativeError constructor makes). */
#define SHARED_FUNCTION_INFO_FIELDS(F, T, P)                                           \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, name, TAGGED) F(T, P, function_data, TAGGED)      \
  F(T, P, scope_info, TAGGED) F(T, P, script, TAGGED) F(T, P, flags, SMI)               \
  F(T, P, formal_parameter_count, SMI) F(T, P, length, SMI) F(T, P, start_position, SMI) \
  F(T, P, end_position, SMI) F(T, P, function_id, SMI) F(T, P, builtin, PTR)            \
  F(T, P, builtin_data, TAGGED)

/* BytecodeArray (V8's Ignition): header, then `length` bytes of bytecode.
 * | map | length | constant_pool | handler_table | source_positions | frame_size |
 * | parameter_count | feedback_slot_count | flags | bytes ... |
 * constant_pool: FixedArray (or the empty one); handler_table: FixedArray of
 * (try_start, try_end, handler, context_register) Smi quadruples; source_positions:
 * ByteArray (pairs of bytecode offset, source position; format in bytecode-array-builder.h);
 * frame_size: registers; parameter_count: formal parameters including the receiver.
 * Allocated in old space, which never moves objects, so the interpreter may hold a raw
 * pointer to the bytes while the BytecodeArray is reachable from the frame. */
#define BYTECODE_ARRAY_FIELDS(F, T, P)                                                  \
  FIXED_ARRAY_BASE_FIELDS(F, T, P) F(T, P, constant_pool, TAGGED)                       \
  F(T, P, handler_table, TAGGED) F(T, P, source_positions, TAGGED) F(T, P, frame_size, SMI) \
  F(T, P, parameter_count, SMI) F(T, P, feedback_slot_count, SMI) F(T, P, flags, SMI)

/* Script: | map | source | name | line_ends | id | flags |
 * source: the String; name: the file name (or undefined); line_ends: FixedArray of Smi
 * offsets, computed on first use for stack traces (undefined until then). */
#define SCRIPT_FIELDS(F, T, P)                                                          \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, source, TAGGED) F(T, P, name, TAGGED)             \
  F(T, P, line_ends, TAGGED) F(T, P, id, SMI) F(T, P, flags, SMI)

/* Context (a scope's run-time environment), and the NativeContext of a realm:
 * | map | length | scope_info | previous | extension | slot 0 | slot 1 | ... |
 * length counts the slots after the header. previous: the enclosing context (undefined for
 * a native context). extension: a with-object, a sloppy eval's var object, or the native
 * context for everything else. A native context's slots are NATIVE_CONTEXT_LIST's. */
#define CONTEXT_FIELDS(F, T, P)                                                         \
  FIXED_ARRAY_BASE_FIELDS(F, T, P) F(T, P, scope_info, TAGGED) F(T, P, previous, TAGGED) \
  F(T, P, extension, TAGGED)

/* JSFunction: | map | properties | elements | shared | context | feedback_vector |
 * | prototype_or_initial_map | in-object properties ... |
 * feedback_vector: a FeedbackVector once the function has run, else undefined.
 * prototype_or_initial_map: the "prototype" value (or the hole before it is needed), or,
 * once `new` has run, the initial Map of instances (whose prototype field holds it). */
#define JS_FUNCTION_FIELDS(F, T, P)                                                     \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, shared, TAGGED) F(T, P, context, TAGGED)            \
  F(T, P, feedback_vector, TAGGED) F(T, P, prototype_or_initial_map, TAGGED)

/* JSBoundFunction: | map | properties | elements | target | bound_this | bound_arguments | */
#define JS_BOUND_FUNCTION_FIELDS(F, T, P)                                               \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, target, TAGGED) F(T, P, bound_this, TAGGED)         \
  F(T, P, bound_arguments, TAGGED)

/* JSPrimitiveWrapper (new Number(1), Object("s"), Object(Symbol())):
 * | map | properties | elements | value | */
#define JS_PRIMITIVE_WRAPPER_FIELDS(F, T, P) JS_OBJECT_FIELDS(F, T, P) F(T, P, value, TAGGED)

/* JSArrayIterator (ES2025 23.1.5): | map | properties | elements | iterated | next_index |
 * | kind | iterated: the object, or undefined once exhausted; next_index: a Number;
 * kind: 0 keys, 1 values, 2 entries. */
#define JS_ARRAY_ITERATOR_FIELDS(F, T, P)                                              \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, iterated, TAGGED) F(T, P, next_index, TAGGED)     \
  F(T, P, kind, SMI)

/* JSStringIterator (ES2025 22.1.5): | map | properties | elements | string | next_index |
 * string: the String, or undefined once exhausted; next_index: a Smi code-unit index. */
#define JS_STRING_ITERATOR_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, string, TAGGED) F(T, P, next_index, SMI)

/* JSProxy (ES2025 10.5): | map | properties | elements | target | handler |
 * properties and elements stay empty (a proxy has no own storage: every internal method is
 * a trap, runtime/runtime-proxy.c). target and handler are JS receivers, both null once the
 * proxy is revoked. The map says callable/constructor when the target was (root maps
 * proxy_map, callable_proxy_map, constructor_proxy_map; prototype null). */
#define JS_PROXY_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, target, TAGGED) F(T, P, handler, TAGGED)

/* JSArgumentsObject (ES2025 10.4.4): | map | properties | elements | context | mapping |
 * elements hold every argument's value, as in an ordinary object. An unmapped (strict)
 * arguments object has mapping undefined. A mapped (sloppy) one has mapping a FixedArray
 * with one entry per mapped index i < min(argc, formal count): the Smi context slot of
 * the parameter that argument i aliases (in `context`), or the hole once unmapped (deleted,
 * made an accessor or non-writable). While mapped, element i's value is the context slot,
 * not the element store (the internal methods in runtime/runtime-arguments.c read it). */
#define JS_ARGUMENTS_OBJECT_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, context, TAGGED) F(T, P, mapping, TAGGED)

/* JSArrayBuffer (ES2025 25.1, and SharedArrayBuffer 25.2; objects/js-array-buffer.h):
 * | map | properties | elements | backing_store | byte_length | max_byte_length |
 * | bit_field | detach_key |
 * backing_store: the BackingStore (heap/backing-store.h) that owns the bytes, NULL once
 * detached (or never, for length 0 without a store). byte_length / max_byte_length: bytes
 * (max only meaningful when resizable/growable). bit_field: JSArrayBufferFlag bits
 * (shared, resizable, detached). detach_key: [[ArrayBufferDetachKey]], undefined usually. */
#define JS_ARRAY_BUFFER_FIELDS(F, T, P)                                                \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, backing_store, PTR) F(T, P, byte_length, RAW)      \
  F(T, P, max_byte_length, RAW) F(T, P, bit_field, SMI) F(T, P, detach_key, TAGGED)

/* JSArrayBufferView: a TypedArray (ES2025 23.2) or a DataView (25.3):
 * | map | properties | elements | buffer | byte_offset | byte_length | length | bit_field |
 * buffer: the JSArrayBuffer viewed. byte_offset, byte_length, length: [[ByteOffset]],
 * [[ByteLength]] and (typed arrays) [[ArrayLength]], raw counts; byte_length and length are
 * meaningless when the view tracks its buffer's length (bit_field says so: AUTO).
 * bit_field: the element kind (TypedArrayKind) and view flags (objects/js-array-buffer.h).
 * A typed array's elements stay the empty FixedArray: its integer-indexed properties are
 * its buffer's bytes (runtime/runtime-typed-array.c). */
#define JS_ARRAY_BUFFER_VIEW_FIELDS(F, T, P)                                           \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, buffer, TAGGED) F(T, P, byte_offset, RAW)          \
  F(T, P, byte_length, RAW) F(T, P, length, RAW) F(T, P, bit_field, SMI)

/* JSCollection (ES2025 24.1 Map, 24.2 Set, 24.3 WeakMap, 24.4 WeakSet):
 * | map | properties | elements | table |
 * table: an OrderedHashMap / OrderedHashSet (objects/ordered-hash-table.h) for Map and Set,
 * an EphemeronHashTable (objects/ephemeron-table.h) for WeakMap and WeakSet. */
#define JS_COLLECTION_FIELDS(F, T, P) JS_OBJECT_FIELDS(F, T, P) F(T, P, table, TAGGED)

/* JSCollectionIterator (%MapIteratorPrototype%, %SetIteratorPrototype% objects):
 * | map | properties | elements | table | index | kind |
 * table: the OrderedHashTable being walked (followed through its transition chain when the
 * collection rehashes), undefined once exhausted; index: the next entry to look at;
 * kind: 0 keys, 1 values, 2 entries. */
#define JS_COLLECTION_ITERATOR_FIELDS(F, T, P)                                         \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, table, TAGGED) F(T, P, index, SMI) F(T, P, kind, SMI)

/* JSWeakRef (ES2025 26.1): | map | properties | elements | target |
 * target: a WeakFixedArray of length 1 holding the target, undefined once collected. */
#define JS_WEAK_REF_FIELDS(F, T, P) JS_OBJECT_FIELDS(F, T, P) F(T, P, target, TAGGED)

/* JSFinalizationRegistry (ES2025 26.2):
 * | map | properties | elements | cleanup | cells | holdings | realm | first_free |
 * cleanup: the callback; cells: a WeakFixedArray of (target, unregister token) pairs;
 * holdings: a FixedArray, holdings[i] belongs to cell i (the hole: a free cell). A cell
 * whose target slot was cleared (undefined) while its holdings are not the hole waits for
 * cleanup. realm: the NativeContext the registry was made in. first_free: every cell below
 * it is in use (where register starts looking). */
#define JS_FINALIZATION_REGISTRY_FIELDS(F, T, P)                                       \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, cleanup, TAGGED) F(T, P, cells, TAGGED)           \
  F(T, P, holdings, TAGGED) F(T, P, realm, TAGGED) F(T, P, first_free, SMI)

/* JSDate (ES2025 21.4): | map | properties | elements | value (raw double: the time value,
 * NaN for an invalid date) | */
#define JS_DATE_FIELDS(F, T, P) JS_OBJECT_FIELDS(F, T, P) F(T, P, value, DOUBLE)

/* JSGeneratorObject (ES2025 27.5, objects/js-generator.h): a generator's suspended frame.
 * | map | properties | elements | function | context | receiver | input_or_debug_pos |
 * | resume_mode | continuation | parameters_and_registers |
 * function: the generator function's closure; context: the frame's context when it
 * suspended; receiver: its `this`; input_or_debug_pos: the value sent by next/return/throw;
 * resume_mode: JSGeneratorResumeMode; continuation: the suspend id it will resume at (>= 0)
 * or kGeneratorExecuting / kGeneratorClosed; parameters_and_registers: a FixedArray of the
 * frame's parameters then its registers, saved by SuspendGenerator (so the GC sees them). */
#define JS_GENERATOR_OBJECT_FIELDS(F, T, P)                                            \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, function, TAGGED) F(T, P, context, TAGGED)          \
  F(T, P, receiver, TAGGED) F(T, P, input_or_debug_pos, TAGGED) F(T, P, resume_mode, SMI) \
  F(T, P, continuation, SMI) F(T, P, parameters_and_registers, TAGGED)

/* JSAsyncFunctionObject: a JSGeneratorObject plus | promise | (the async function's result
 * promise, ES2025 27.7.5.1 AsyncFunctionStart's capability). */
#define JS_ASYNC_FUNCTION_OBJECT_FIELDS(F, T, P) \
  JS_GENERATOR_OBJECT_FIELDS(F, T, P) F(T, P, promise, TAGGED)

/* JSAsyncGeneratorObject (ES2025 27.6): a JSGeneratorObject plus | queue | is_awaiting |
 * queue: [[AsyncGeneratorQueue]], a FixedArray list of requests (objects/js-generator.h);
 * is_awaiting: 1 while the body awaits (so completions wait in the queue). */
#define JS_ASYNC_GENERATOR_OBJECT_FIELDS(F, T, P) \
  JS_GENERATOR_OBJECT_FIELDS(F, T, P) F(T, P, queue, TAGGED) F(T, P, is_awaiting, SMI)

/* JSRegExp (ES2025 22.2, builtins/builtins-regexp.c):
 * | map | properties | elements | data | source | flags |
 * data: a ByteArray holding the compiled RegExpCode (regexp/regexp.h: one position-
 * independent block), or undefined before RegExpInitialize; source: [[OriginalSource]], a
 * String; flags: [[OriginalFlags]] as a Smi of RegExpFlags. lastIndex is an ordinary own
 * data property, defined first (writable, non-enumerable, non-configurable). */
#define JS_REG_EXP_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, data, TAGGED) F(T, P, source, TAGGED) F(T, P, flags, SMI)

/* JSRegExpStringIterator (ES2025 22.2.9): | map | properties | elements | regexp |
 * string | state | regexp: [[IteratingRegExp]]; string: [[IteratedString]]; state: bit 0
 * [[Global]], bit 1 [[FullUnicode]], bit 2 [[Done]]. */
#define JS_REG_EXP_STRING_ITERATOR_FIELDS(F, T, P)                                     \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, regexp, TAGGED) F(T, P, string, TAGGED) F(T, P, state, SMI)

/* JSIteratorHelper (ES2025 27.1.2.1 %IteratorHelperPrototype% objects and Iterator.concat's,
 * builtins/builtins-iterator.c): a generator-like state machine written in C.
 * | map | properties | elements | underlying | next_method | fn | inner | inner_next |
 * | counter | remaining | kind | state |
 * underlying / next_method: [[UnderlyingIterator]] (for concat: a FixedArray of
 * (iterable, open method) pairs and undefined); fn: the mapper / predicate; inner /
 * inner_next: flatMap's and concat's current inner iterator record (undefined when none);
 * counter: a Number (concat: the index of the next iterable); remaining: take / drop's
 * limit, a Number (may be +Infinity); kind: IteratorHelperKind; state: the
 * [[GeneratorState]] (IteratorHelperState). */
#define JS_ITERATOR_HELPER_FIELDS(F, T, P)                                             \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, underlying, TAGGED) F(T, P, next_method, TAGGED)   \
  F(T, P, fn, TAGGED) F(T, P, inner, TAGGED) F(T, P, inner_next, TAGGED)               \
  F(T, P, counter, TAGGED) F(T, P, remaining, TAGGED) F(T, P, kind, SMI) F(T, P, state, SMI)

/* JSWrapForValidIterator (ES2025 27.1.3.2.1.1 %WrapForValidIteratorPrototype% objects):
 * | map | properties | elements | iterated | next_method | the [[Iterated]] record. */
#define JS_WRAP_FOR_VALID_ITERATOR_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, iterated, TAGGED) F(T, P, next_method, TAGGED)

/* JSPromise (ES2025 27.2, objects/js-promise.h): | map | properties | elements |
 * | reactions_or_result | flags |
 * reactions_or_result: while pending, the reaction list (undefined or a PromiseReaction
 * FixedArray chain, newest first); once settled, the result. flags: JSPromiseFlag bits
 * (state, [[PromiseIsHandled]]). */
#define JS_PROMISE_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, reactions_or_result, TAGGED) F(T, P, flags, SMI)

/* JSAsyncFromSyncIterator (ES2025 27.1.6): | map | properties | elements | sync_iterator |
 * | next | the [[SyncIteratorRecord]]'s iterator and next method. */
#define JS_ASYNC_FROM_SYNC_ITERATOR_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, sync_iterator, TAGGED) F(T, P, next, TAGGED)

/* JSDisposableStack (DisposableStack and AsyncDisposableStack, explicit resource management;
 * builtins/builtins-dispose.c): | map | properties | elements | state | capability |
 * state: 0 pending, 1 disposed ([[DisposableState]]); capability: the stack's
 * [[DisposeCapability]] (runtime/runtime-dispose.h: undefined or a resource list). */
#define JS_DISPOSABLE_STACK_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, state, SMI) F(T, P, capability, TAGGED)

/* BigInt (ES2025 6.1.6.2; objects/bigint.h): | map | length | sign | limb 0 | limb 1 | ... |
 * The magnitude is `length` 64-bit limbs, least significant first (GMP's mpn layout); sign
 * is 1 for negative values. Canonical: the top limb is non-zero, and 0n has no limbs and
 * sign 0. The collector sizes it from length (word 1, as for every RAW_TAIL object). */
#define BIGINT_FIELDS(F, T, P) \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, length, SMI) F(T, P, sign, SMI)

/* SourceTextModule (ES2025 16.2.1.6, a Cyclic Module Record; objects/source-text-module.h):
 * | map | status | sfi | environment | generator | requests | loaded | imports |
 * | local_exports | indirect_exports | star_exports | import_bindings | namespace |
 * | exception | dfs_index | dfs_ancestor_index | cycle_root | async_order |
 * | pending_deps | async_parents | has_tla | capability | import_meta | host_defined |
 * | deferred_namespace | module_source |
 * status: ModuleStatus. sfi: the module function (a generator, an async generator with
 * top-level await). environment: its Context once InitializeEnvironment ran, else
 * undefined; generator: the suspended body. requests: FixedArray of (specifier, type
 * attribute or undefined, Smi AstImportPhase) triples; loaded: the module of each request (undefined until
 * loaded). imports: (request, import name or undefined for a namespace, local name)
 * triples; local_exports: (export name, local name) pairs; indirect_exports: (export
 * name, request, import name or undefined for `export * as x`) triples; star_exports: Smi
 * requests. import_bindings: per import, a (module, Smi context slot) pair or a namespace
 * object, after linking. namespace / exception / cycle_root / capability / import_meta:
 * undefined until set. async_order: 0 unset, -1 done, else [[AsyncEvaluationOrder]].
 * async_parents: a FixedArray list (undefined when empty). host_defined: the host's value
 * (the shell's canonical path). deferred_namespace: the `import defer` namespace, or
 * undefined. module_source: what GetModuleSource gives for a source phase import (a host's
 * module source object), or undefined: a JavaScript module has none (SyntaxError). */
#define SOURCE_TEXT_MODULE_FIELDS(F, T, P)                                             \
  HEAP_OBJECT_FIELDS(F, T, P) F(T, P, status, SMI) F(T, P, sfi, TAGGED)                \
  F(T, P, environment, TAGGED) F(T, P, generator, TAGGED) F(T, P, requests, TAGGED)    \
  F(T, P, loaded, TAGGED) F(T, P, imports, TAGGED) F(T, P, local_exports, TAGGED)      \
  F(T, P, indirect_exports, TAGGED) F(T, P, star_exports, TAGGED)                      \
  F(T, P, import_bindings, TAGGED) F(T, P, namespace, TAGGED) F(T, P, exception, TAGGED) \
  F(T, P, dfs_index, SMI) F(T, P, dfs_ancestor_index, SMI) F(T, P, cycle_root, TAGGED) \
  F(T, P, async_order, SMI) F(T, P, pending_deps, SMI) F(T, P, async_parents, TAGGED)  \
  F(T, P, has_tla, SMI) F(T, P, capability, TAGGED) F(T, P, import_meta, TAGGED)       \
  F(T, P, host_defined, TAGGED) F(T, P, deferred_namespace, TAGGED)                   \
  F(T, P, module_source, TAGGED)

/* JSModuleNamespace (ES2025 10.4.6, a module namespace exotic object):
 * | map | properties | elements | module | exports | deferred |
 * module: its SourceTextModule; exports: a FixedArray of the exported names (Strings),
 * sorted by code units. Its own string keys are exactly exports (runtime-object.c
 * dispatches its internal methods to objects/source-text-module.c); its one symbol
 * property, @@toStringTag, is an ordinary property in properties. deferred: 1 for the
 * namespace of `import defer` (string keys but "then" evaluate the module first). */
#define JS_MODULE_NAMESPACE_FIELDS(F, T, P) \
  JS_OBJECT_FIELDS(F, T, P) F(T, P, module, TAGGED) F(T, P, exports, TAGGED) F(T, P, deferred, SMI)

/* LAYOUT_LIST(V): V(Type, prefix, FIELDS) for every layout. */
#define LAYOUT_LIST(V)                                      \
  V(HeapObject, heap_object, HEAP_OBJECT_FIELDS)            \
  V(FreeSpace, free_space, FREE_SPACE_FIELDS)               \
  V(HeapNumber, heap_number, HEAP_NUMBER_FIELDS)            \
  V(Oddball, oddball, ODDBALL_FIELDS)                       \
  V(Map, map, MAP_FIELDS)                                   \
  V(FixedArray, fixed_array, FIXED_ARRAY_BASE_FIELDS)       \
  V(FixedDoubleArray, fixed_double_array, FIXED_ARRAY_BASE_FIELDS) \
  V(ByteArray, byte_array, FIXED_ARRAY_BASE_FIELDS)         \
  V(SeqString, seq_string, SEQ_STRING_FIELDS)               \
  V(ConsString, cons_string, CONS_STRING_FIELDS)            \
  V(Symbol, symbol, SYMBOL_FIELDS)                          \
  V(AccessorPair, accessor_pair, ACCESSOR_PAIR_FIELDS)      \
  V(Foreign, foreign, FOREIGN_FIELDS)                       \
  V(JSObject, js_object, JS_OBJECT_FIELDS)                  \
  V(JSArray, js_array, JS_ARRAY_FIELDS)                     \
  V(SharedFunctionInfo, sfi, SHARED_FUNCTION_INFO_FIELDS)   \
  V(BytecodeArray, bytecode_array, BYTECODE_ARRAY_FIELDS)   \
  V(Script, script, SCRIPT_FIELDS)                          \
  V(Context, context, CONTEXT_FIELDS)                       \
  V(JSFunction, js_function, JS_FUNCTION_FIELDS)            \
  V(JSBoundFunction, js_bound_function, JS_BOUND_FUNCTION_FIELDS) \
  V(JSPrimitiveWrapper, js_primitive_wrapper, JS_PRIMITIVE_WRAPPER_FIELDS) \
  V(JSArrayIterator, js_array_iterator, JS_ARRAY_ITERATOR_FIELDS) \
  V(JSStringIterator, js_string_iterator, JS_STRING_ITERATOR_FIELDS) \
  V(JSProxy, js_proxy, JS_PROXY_FIELDS)                     \
  V(JSArgumentsObject, js_arguments_object, JS_ARGUMENTS_OBJECT_FIELDS) \
  V(JSArrayBuffer, js_array_buffer, JS_ARRAY_BUFFER_FIELDS) \
  V(JSArrayBufferView, js_array_buffer_view, JS_ARRAY_BUFFER_VIEW_FIELDS) \
  V(JSCollection, js_collection, JS_COLLECTION_FIELDS)     \
  V(JSCollectionIterator, js_collection_iterator, JS_COLLECTION_ITERATOR_FIELDS) \
  V(JSWeakRef, js_weak_ref, JS_WEAK_REF_FIELDS)             \
  V(JSFinalizationRegistry, js_finalization_registry, JS_FINALIZATION_REGISTRY_FIELDS) \
  V(JSDate, js_date, JS_DATE_FIELDS) \
  V(JSGeneratorObject, js_generator_object, JS_GENERATOR_OBJECT_FIELDS) \
  V(JSAsyncFunctionObject, js_async_function_object, JS_ASYNC_FUNCTION_OBJECT_FIELDS) \
  V(JSAsyncGeneratorObject, js_async_generator_object, JS_ASYNC_GENERATOR_OBJECT_FIELDS) \
  V(JSPromise, js_promise, JS_PROMISE_FIELDS)               \
  V(JSAsyncFromSyncIterator, js_async_from_sync_iterator, JS_ASYNC_FROM_SYNC_ITERATOR_FIELDS) \
  V(JSDisposableStack, js_disposable_stack, JS_DISPOSABLE_STACK_FIELDS) \
  V(BigInt, bigint, BIGINT_FIELDS) \
  V(JSRegExp, js_regexp, JS_REG_EXP_FIELDS)                 \
  V(JSRegExpStringIterator, js_regexp_string_iterator, JS_REG_EXP_STRING_ITERATOR_FIELDS) \
  V(JSIteratorHelper, js_iterator_helper, JS_ITERATOR_HELPER_FIELDS) \
  V(JSWrapForValidIterator, js_wrap_for_valid_iterator, JS_WRAP_FOR_VALID_ITERATOR_FIELDS) \
  V(ValidityCell, validity_cell, VALIDITY_CELL_FIELDS) \
  V(SourceTextModule, source_text_module, SOURCE_TEXT_MODULE_FIELDS) \
  V(JSModuleNamespace, js_module_namespace, JS_MODULE_NAMESPACE_FIELDS)

/* -- the expansion -- */
#define LAYOUT_INDEX(T, P, name, kind) T##_##name##_index,
#define LAYOUT_OFFSET(T, P, name, kind) T##_##name##_offset = T##_##name##_index * kTaggedSize,
#define LAYOUT_MASK_TAGGED 1
#define LAYOUT_MASK_SMI 1
#define LAYOUT_MASK_RAW 0
#define LAYOUT_MASK_DOUBLE 0
#define LAYOUT_MASK_PTR 0
#define LAYOUT_MASK(T, P, name, kind) | (LAYOUT_MASK_##kind << T##_##name##_index)

#define LAYOUT_ACCESSORS(T, P, name, kind) LAYOUT_ACCESSORS_##kind(T, P, name)
#define LAYOUT_ACCESSORS_TAGGED(T, P, name)                                          \
  KILN_INLINE Tagged P##_##name(Tagged o) { return field_read(o, T##_##name##_offset); } \
  KILN_INLINE void P##_set_##name(Tagged o, Tagged v) { field_write(o, T##_##name##_offset, v); }
#define LAYOUT_ACCESSORS_SMI(T, P, name)                                             \
  KILN_INLINE int64_t P##_##name(Tagged o) {                                          \
    return smi_value(field_read(o, T##_##name##_offset));                            \
  }                                                                                  \
  KILN_INLINE void P##_set_##name(Tagged o, int64_t v) {                             \
    DCHECK(smi_is_valid(v));                                                          \
    field_write_no_barrier(o, T##_##name##_offset, smi_from_int((int32_t)v));         \
  }
#define LAYOUT_ACCESSORS_RAW(T, P, name)                                             \
  KILN_INLINE uint64_t P##_##name(Tagged o) { return field_read(o, T##_##name##_offset); } \
  KILN_INLINE void P##_set_##name(Tagged o, uint64_t v) {                            \
    field_write_no_barrier(o, T##_##name##_offset, (Tagged)v);                        \
  }
#define LAYOUT_ACCESSORS_DOUBLE(T, P, name)                                          \
  KILN_INLINE double P##_##name(Tagged o) {                                           \
    double d;                                                                        \
    memcpy(&d, field_slot(o, T##_##name##_offset), sizeof d);                        \
    return d;                                                                        \
  }                                                                                  \
  KILN_INLINE void P##_set_##name(Tagged o, double d) {                              \
    memcpy(field_slot(o, T##_##name##_offset), &d, sizeof d);                        \
  }
#define LAYOUT_ACCESSORS_PTR(T, P, name)                                             \
  KILN_INLINE void *P##_##name(Tagged o) {                                            \
    return (void *)field_read(o, T##_##name##_offset);                               \
  }                                                                                  \
  KILN_INLINE void P##_set_##name(Tagged o, void *v) {                               \
    field_write_no_barrier(o, T##_##name##_offset, (Tagged)v);                        \
  }

#define DECLARE_LAYOUT(T, P, FIELDS)                                    \
  enum { FIELDS(LAYOUT_INDEX, T, P) T##_kHeaderWords };                 \
  enum { FIELDS(LAYOUT_OFFSET, T, P) T##_kHeaderSize = T##_kHeaderWords * kTaggedSize }; \
  enum { T##_kTaggedMask = 0 FIELDS(LAYOUT_MASK, T, P) };               \
  FIELDS(LAYOUT_ACCESSORS, T, P)

LAYOUT_LIST(DECLARE_LAYOUT)

/* Relations the code relies on. */
_Static_assert((int)FixedArray_length_index == 1 && (int)SeqString_length_index == 1,
               "variable-size objects keep their length in word 1");
_Static_assert((int)SeqString_raw_hash_index == 2 && (int)Symbol_raw_hash_index == 2,
               "every Name keeps its hash in word 2");
_Static_assert((int)BigInt_length_index == 1, "a BigInt keeps its limb count in word 1");
_Static_assert((int)JSArray_length_index == (int)JSObject_kHeaderWords, "JSArray extends JSObject");

/* ---- Maps and instance types ------------------------------------------------------ */

/* Map.bits, as drawn above MAP_FIELDS. */
enum {
  kMapInstanceTypeShift = 0,
  kMapInstanceSizeShift = 16,
  kMapInObjectShift = 32,
  kMapElementsKindShift = 40,
  kMapFlagsShift = 48,
};

typedef enum {
  MAP_IS_DICTIONARY = 1 << 0,   /* properties live in a NameDictionary */
  MAP_IS_EXTENSIBLE = 1 << 1,
  MAP_IS_PROTOTYPE = 1 << 2,    /* some object's prototype: never shared with non-prototypes */
  MAP_IS_CALLABLE = 1 << 3,
  MAP_IS_CONSTRUCTOR = 1 << 4,
  MAP_IS_UNDETECTABLE = 1 << 5,
  MAP_IS_DEPRECATED = 1 << 6,
  MAP_HAS_NAMED_INTERCEPTOR = 1 << 7,
  MAP_HAS_READ_ONLY_LENGTH = 1 << 8, /* a JSArray whose "length" is non-writable */
  MAP_IS_TRACED = 1 << 15,      /* made while JS ran, under --trace-maps or --dump-maps
                                   (debug/debug-maps.c draws these) */
} MapFlag;

KILN_INLINE InstanceType map_instance_type(Tagged map) {
  return (InstanceType)((map_bits(map) >> kMapInstanceTypeShift) & 0xffff);
}
KILN_INLINE size_t map_instance_size(Tagged map) {
  return ((map_bits(map) >> kMapInstanceSizeShift) & 0xffff) * kTaggedSize;
}
KILN_INLINE int map_inobject_properties(Tagged map) {
  return (int)((map_bits(map) >> kMapInObjectShift) & 0xff);
}
KILN_INLINE int map_elements_kind(Tagged map) {
  return (int)((map_bits(map) >> kMapElementsKindShift) & 0xff);
}
KILN_INLINE bool map_has_flag(Tagged map, MapFlag flag) {
  return ((map_bits(map) >> kMapFlagsShift) & flag) != 0;
}
void map_set_bits_field(Tagged map, int shift, int width, uint64_t value);
KILN_INLINE void map_set_instance_size(Tagged map, size_t bytes) {
  map_set_bits_field(map, kMapInstanceSizeShift, 16, bytes / kTaggedSize);
}
KILN_INLINE void map_set_inobject_properties(Tagged map, int n) {
  map_set_bits_field(map, kMapInObjectShift, 8, (uint64_t)n);
}
KILN_INLINE void map_set_elements_kind(Tagged map, int kind) {
  map_set_bits_field(map, kMapElementsKindShift, 8, (uint64_t)kind);
}
KILN_INLINE void map_set_flag(Tagged map, MapFlag flag, bool on) {
  uint64_t f = (map_bits(map) >> kMapFlagsShift) & 0xffff;
  map_set_bits_field(map, kMapFlagsShift, 16, on ? (f | flag) : (f & ~(uint64_t)flag));
}

KILN_INLINE InstanceType heap_object_type(Tagged o) {
  return map_instance_type(heap_object_map(o));
}

/* Type checks through map->instance_type (seed 003). */
#define DEFINE_TYPE_CHECK(name, cond)                                            \
  KILN_INLINE bool name(Tagged v) {                                             \
    if (!is_heap_object(v)) return false;                                       \
    InstanceType t = heap_object_type(v);                                       \
    return cond;                                                                \
  }
DEFINE_TYPE_CHECK(is_string, t <= LAST_STRING_TYPE)
DEFINE_TYPE_CHECK(is_name, t <= LAST_NAME_TYPE)
DEFINE_TYPE_CHECK(is_symbol, t == SYMBOL_TYPE)
DEFINE_TYPE_CHECK(is_heap_number, t == HEAP_NUMBER_TYPE)
DEFINE_TYPE_CHECK(is_oddball, t == ODDBALL_TYPE)
DEFINE_TYPE_CHECK(is_map, t == MAP_TYPE)
DEFINE_TYPE_CHECK(is_fixed_array, t == FIXED_ARRAY_TYPE)
DEFINE_TYPE_CHECK(is_fixed_double_array, t == FIXED_DOUBLE_ARRAY_TYPE)
DEFINE_TYPE_CHECK(is_accessor_pair, t == ACCESSOR_PAIR_TYPE)
DEFINE_TYPE_CHECK(is_foreign, t == FOREIGN_TYPE)
DEFINE_TYPE_CHECK(is_js_receiver, t >= FIRST_JS_RECEIVER_TYPE)
DEFINE_TYPE_CHECK(is_js_object, t >= FIRST_JS_RECEIVER_TYPE)
DEFINE_TYPE_CHECK(is_js_array, t == JS_ARRAY_TYPE)
DEFINE_TYPE_CHECK(is_name_dictionary, t == NAME_DICTIONARY_TYPE)
DEFINE_TYPE_CHECK(is_number_dictionary, t == NUMBER_DICTIONARY_TYPE)
DEFINE_TYPE_CHECK(is_shared_function_info, t == SHARED_FUNCTION_INFO_TYPE)
DEFINE_TYPE_CHECK(is_bytecode_array, t == BYTECODE_ARRAY_TYPE)
DEFINE_TYPE_CHECK(is_script, t == SCRIPT_TYPE)
DEFINE_TYPE_CHECK(is_context, t == CONTEXT_TYPE || t == NATIVE_CONTEXT_TYPE)
DEFINE_TYPE_CHECK(is_native_context, t == NATIVE_CONTEXT_TYPE)
DEFINE_TYPE_CHECK(is_js_function, t == JS_FUNCTION_TYPE)
DEFINE_TYPE_CHECK(is_js_bound_function, t == JS_BOUND_FUNCTION_TYPE)
DEFINE_TYPE_CHECK(is_js_primitive_wrapper, t == JS_PRIMITIVE_WRAPPER_TYPE)
DEFINE_TYPE_CHECK(is_js_array_iterator, t == JS_ARRAY_ITERATOR_TYPE)
DEFINE_TYPE_CHECK(is_js_string_iterator, t == JS_STRING_ITERATOR_TYPE)
DEFINE_TYPE_CHECK(is_js_proxy, t == JS_PROXY_TYPE)
DEFINE_TYPE_CHECK(is_js_arguments_object, t == JS_ARGUMENTS_OBJECT_TYPE)
DEFINE_TYPE_CHECK(is_js_array_buffer, t == JS_ARRAY_BUFFER_TYPE)
DEFINE_TYPE_CHECK(is_js_typed_array, t == JS_TYPED_ARRAY_TYPE)
DEFINE_TYPE_CHECK(is_js_data_view, t == JS_DATA_VIEW_TYPE)
DEFINE_TYPE_CHECK(is_ordered_hash_table, t == ORDERED_HASH_MAP_TYPE || t == ORDERED_HASH_SET_TYPE)
DEFINE_TYPE_CHECK(is_ephemeron_hash_table, t == EPHEMERON_HASH_TABLE_TYPE)
DEFINE_TYPE_CHECK(is_weak_fixed_array, t == WEAK_FIXED_ARRAY_TYPE)
DEFINE_TYPE_CHECK(is_validity_cell, t == VALIDITY_CELL_TYPE)
DEFINE_TYPE_CHECK(is_js_map, t == JS_MAP_TYPE)
DEFINE_TYPE_CHECK(is_js_set, t == JS_SET_TYPE)
DEFINE_TYPE_CHECK(is_js_map_iterator, t == JS_MAP_ITERATOR_TYPE)
DEFINE_TYPE_CHECK(is_js_set_iterator, t == JS_SET_ITERATOR_TYPE)
DEFINE_TYPE_CHECK(is_js_weak_map, t == JS_WEAK_MAP_TYPE)
DEFINE_TYPE_CHECK(is_js_weak_set, t == JS_WEAK_SET_TYPE)
DEFINE_TYPE_CHECK(is_js_weak_ref, t == JS_WEAK_REF_TYPE)
DEFINE_TYPE_CHECK(is_js_finalization_registry, t == JS_FINALIZATION_REGISTRY_TYPE)
DEFINE_TYPE_CHECK(is_js_date, t == JS_DATE_TYPE)
DEFINE_TYPE_CHECK(is_js_generator_object, t == JS_GENERATOR_OBJECT_TYPE ||
                                              t == JS_ASYNC_FUNCTION_OBJECT_TYPE ||
                                              t == JS_ASYNC_GENERATOR_OBJECT_TYPE)
DEFINE_TYPE_CHECK(is_js_async_function_object, t == JS_ASYNC_FUNCTION_OBJECT_TYPE)
DEFINE_TYPE_CHECK(is_js_async_generator_object, t == JS_ASYNC_GENERATOR_OBJECT_TYPE)
DEFINE_TYPE_CHECK(is_js_promise, t == JS_PROMISE_TYPE)
DEFINE_TYPE_CHECK(is_js_async_from_sync_iterator, t == JS_ASYNC_FROM_SYNC_ITERATOR_TYPE)
DEFINE_TYPE_CHECK(is_bigint, t == BIGINT_TYPE)
DEFINE_TYPE_CHECK(is_js_disposable_stack, t == JS_DISPOSABLE_STACK_TYPE)
DEFINE_TYPE_CHECK(is_js_async_disposable_stack, t == JS_ASYNC_DISPOSABLE_STACK_TYPE)
DEFINE_TYPE_CHECK(is_js_regexp, t == JS_REG_EXP_TYPE)
DEFINE_TYPE_CHECK(is_js_regexp_string_iterator, t == JS_REG_EXP_STRING_ITERATOR_TYPE)
DEFINE_TYPE_CHECK(is_js_iterator_helper, t == JS_ITERATOR_HELPER_TYPE)
DEFINE_TYPE_CHECK(is_js_wrap_for_valid_iterator, t == JS_WRAP_FOR_VALID_ITERATOR_TYPE)
#undef DEFINE_TYPE_CHECK

KILN_INLINE bool is_number(Tagged v) { return is_smi(v) || is_heap_number(v); }

/* Checked cast (seed 003's Cast): returns the value, after a type check in debug builds. */
#ifdef KILN_DEBUG
#define CAST(check, v) ((check(v)) ? (v) : (FATAL("cast failed: %s", #check), (v)))
#else
#define CAST(check, v) (v)
#endif

/* ---- FixedArray element access ---------------------------------------------------- */

KILN_INLINE Tagged *fixed_array_data(Tagged a) {
  return field_slot(a, FixedArray_kHeaderSize);
}
KILN_INLINE Tagged fixed_array_get(Tagged a, int64_t i) {
  DCHECK(i >= 0 && i < fixed_array_length(a));
  return fixed_array_data(a)[i];
}
KILN_INLINE void fixed_array_set(Tagged a, int64_t i, Tagged v) {
  DCHECK(i >= 0 && i < fixed_array_length(a));
  Tagged *slot = fixed_array_data(a) + i;
  *slot = v;
  heap_write_barrier(a, slot, v);
}
KILN_INLINE double *fixed_double_array_data(Tagged a) {
  return (double *)field_slot(a, FixedDoubleArray_kHeaderSize);
}
KILN_INLINE uint8_t *byte_array_data(Tagged a) {
  return (uint8_t *)field_slot(a, ByteArray_kHeaderSize);
}

/* ---- Object bodies (objects/body.c) ----------------------------------------------- */

typedef enum { BODY_FIXED, BODY_TAGGED_TAIL, BODY_RAW_TAIL, BODY_JS, BODY_FREE } BodyKind;

typedef struct {
  uint8_t header_words;  /* words of the fixed layout */
  uint8_t body;          /* BodyKind */
  uint8_t elem_size;     /* bytes per tail element */
  uint32_t tagged_mask;  /* bit i: header word i is tagged */
} BodyDescriptor;

extern const BodyDescriptor kBodyDescriptors[kInstanceTypeCount];

/* The size in bytes of an object whose map is `map`. */
size_t heap_object_size_with_map(Tagged o, Tagged map);
KILN_INLINE size_t heap_object_size(Tagged o) {
  return heap_object_size_with_map(o, heap_object_map(o));
}

/* Calls visit(slot, ctx) for every tagged slot of o except the map word. */
typedef void (*SlotVisitor)(Tagged *slot, void *ctx);
void heap_object_visit_slots(Tagged o, Tagged map, SlotVisitor visit, void *ctx);

#endif /* KILN_OBJECTS_OBJECTS_H_ */
