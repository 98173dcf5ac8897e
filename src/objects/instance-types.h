/*
 * instance-types.h: the one list of heap object kinds.
 *
 * Every heap object's Map records one of these instance types. INSTANCE_TYPE_LIST drives the
 * InstanceType enum, the name table used by %DebugPrint, and the body table the collector
 * and the heap verifier use to size objects and find their tagged slots (objects/body.c).
 *
 * V(TYPE, Layout, body, elem_size):
 *   Layout     the field list in objects/layouts.h that the object starts with;
 *   body       how the object continues after those fields:
 *                FIXED        nothing: the size is the layout's header size;
 *                TAGGED_TAIL  `length` tagged words (FixedArray and its relatives);
 *                RAW_TAIL     `length` elements of elem_size bytes the GC does not visit;
 *                JS           tagged words up to the Map's instance size (in-object fields);
 *                FREE         a filler whose size is in its `size` field.
 *
 * Order matters: Names come first with strings before symbols, and JS receivers come last,
 * so the type checks is_string, is_name and is_js_receiver are range checks.
 */
#ifndef KILN_OBJECTS_INSTANCE_TYPES_H_
#define KILN_OBJECTS_INSTANCE_TYPES_H_

#define STRING_TYPE_LIST(V)                                           \
  V(INTERNALIZED_ONE_BYTE_STRING_TYPE, SeqString, RAW_TAIL, 1)        \
  V(INTERNALIZED_TWO_BYTE_STRING_TYPE, SeqString, RAW_TAIL, 2)        \
  V(SEQ_ONE_BYTE_STRING_TYPE, SeqString, RAW_TAIL, 1)                 \
  V(SEQ_TWO_BYTE_STRING_TYPE, SeqString, RAW_TAIL, 2)                 \
  V(CONS_ONE_BYTE_STRING_TYPE, ConsString, FIXED, 0)                  \
  V(CONS_TWO_BYTE_STRING_TYPE, ConsString, FIXED, 0)

#define HEAP_TYPE_LIST(V)                                             \
  V(SYMBOL_TYPE, Symbol, FIXED, 0)                                    \
  V(HEAP_NUMBER_TYPE, HeapNumber, FIXED, 0)                           \
  V(ODDBALL_TYPE, Oddball, FIXED, 0)                                  \
  V(MAP_TYPE, Map, FIXED, 0)                                          \
  V(FIXED_ARRAY_TYPE, FixedArray, TAGGED_TAIL, 8)                     \
  V(PROPERTY_ARRAY_TYPE, FixedArray, TAGGED_TAIL, 8)                  \
  V(DESCRIPTOR_ARRAY_TYPE, FixedArray, TAGGED_TAIL, 8)                \
  V(TRANSITION_ARRAY_TYPE, FixedArray, TAGGED_TAIL, 8)                \
  V(NAME_DICTIONARY_TYPE, FixedArray, TAGGED_TAIL, 8)                 \
  V(NUMBER_DICTIONARY_TYPE, FixedArray, TAGGED_TAIL, 8)               \
  V(FIXED_DOUBLE_ARRAY_TYPE, FixedDoubleArray, RAW_TAIL, 8)           \
  V(BYTE_ARRAY_TYPE, ByteArray, RAW_TAIL, 1)                          \
  V(ACCESSOR_PAIR_TYPE, AccessorPair, FIXED, 0)                       \
  V(FOREIGN_TYPE, Foreign, FIXED, 0)                                  \
  V(FREE_SPACE_TYPE, FreeSpace, FREE, 0)                              \
  V(ONE_POINTER_FILLER_TYPE, HeapObject, FIXED, 0)                    \
  V(SHARED_FUNCTION_INFO_TYPE, SharedFunctionInfo, FIXED, 0)          \
  V(BYTECODE_ARRAY_TYPE, BytecodeArray, RAW_TAIL, 1)                  \
  V(SCRIPT_TYPE, Script, FIXED, 0)                                    \
  V(SCOPE_INFO_TYPE, FixedArray, TAGGED_TAIL, 8)                      \
  V(FEEDBACK_VECTOR_TYPE, FixedArray, TAGGED_TAIL, 8)                 \
  V(CONTEXT_TYPE, Context, TAGGED_TAIL, 8)                            \
  V(NATIVE_CONTEXT_TYPE, Context, TAGGED_TAIL, 8)                     \
  V(ORDERED_HASH_MAP_TYPE, FixedArray, TAGGED_TAIL, 8)                \
  V(ORDERED_HASH_SET_TYPE, FixedArray, TAGGED_TAIL, 8)                \
  V(EPHEMERON_HASH_TABLE_TYPE, FixedArray, TAGGED_TAIL, 8)            \
  V(WEAK_FIXED_ARRAY_TYPE, FixedArray, TAGGED_TAIL, 8) \
  V(BIGINT_TYPE, BigInt, RAW_TAIL, 8)                                \
  V(VALIDITY_CELL_TYPE, ValidityCell, FIXED, 0) \
  V(SOURCE_TEXT_MODULE_TYPE, SourceTextModule, FIXED, 0)

#define JS_TYPE_LIST(V)                                               \
  V(JS_OBJECT_TYPE, JSObject, JS, 0)                                  \
  V(JS_ERROR_TYPE, JSObject, JS, 0)                                   \
  V(JS_ARRAY_TYPE, JSArray, JS, 0)                                    \
  V(JS_FUNCTION_TYPE, JSFunction, JS, 0)                              \
  V(JS_BOUND_FUNCTION_TYPE, JSBoundFunction, JS, 0)                   \
  V(JS_PRIMITIVE_WRAPPER_TYPE, JSPrimitiveWrapper, JS, 0)            \
  V(JS_ARRAY_ITERATOR_TYPE, JSArrayIterator, JS, 0)                   \
  V(JS_STRING_ITERATOR_TYPE, JSStringIterator, JS, 0)                 \
  V(JS_PROXY_TYPE, JSProxy, JS, 0)                                    \
  V(JS_ARGUMENTS_OBJECT_TYPE, JSArgumentsObject, JS, 0)              \
  V(JS_ARRAY_BUFFER_TYPE, JSArrayBuffer, JS, 0)                       \
  V(JS_TYPED_ARRAY_TYPE, JSArrayBufferView, JS, 0)                    \
  V(JS_DATA_VIEW_TYPE, JSArrayBufferView, JS, 0)                      \
  V(JS_MAP_TYPE, JSCollection, JS, 0)                                 \
  V(JS_SET_TYPE, JSCollection, JS, 0)                                 \
  V(JS_MAP_ITERATOR_TYPE, JSCollectionIterator, JS, 0)                \
  V(JS_SET_ITERATOR_TYPE, JSCollectionIterator, JS, 0)                \
  V(JS_WEAK_MAP_TYPE, JSCollection, JS, 0)                            \
  V(JS_WEAK_SET_TYPE, JSCollection, JS, 0)                            \
  V(JS_WEAK_REF_TYPE, JSWeakRef, JS, 0)                               \
  V(JS_FINALIZATION_REGISTRY_TYPE, JSFinalizationRegistry, JS, 0)     \
  V(JS_DATE_TYPE, JSDate, JS, 0)                                      \
  V(JS_GENERATOR_OBJECT_TYPE, JSGeneratorObject, JS, 0)               \
  V(JS_ASYNC_FUNCTION_OBJECT_TYPE, JSAsyncFunctionObject, JS, 0)      \
  V(JS_ASYNC_GENERATOR_OBJECT_TYPE, JSAsyncGeneratorObject, JS, 0)    \
  V(JS_PROMISE_TYPE, JSPromise, JS, 0)                                \
  V(JS_ASYNC_FROM_SYNC_ITERATOR_TYPE, JSAsyncFromSyncIterator, JS, 0)  \
  V(JS_DISPOSABLE_STACK_TYPE, JSDisposableStack, JS, 0)               \
  V(JS_ASYNC_DISPOSABLE_STACK_TYPE, JSDisposableStack, JS, 0) \
  V(JS_REG_EXP_TYPE, JSRegExp, JS, 0)                                 \
  V(JS_REG_EXP_STRING_ITERATOR_TYPE, JSRegExpStringIterator, JS, 0) \
  V(JS_ITERATOR_HELPER_TYPE, JSIteratorHelper, JS, 0)                 \
  V(JS_WRAP_FOR_VALID_ITERATOR_TYPE, JSWrapForValidIterator, JS, 0) \
  V(JS_RAW_JSON_TYPE, JSObject, JS, 0) \
  V(JS_MODULE_NAMESPACE_TYPE, JSModuleNamespace, JS, 0)

#define INSTANCE_TYPE_LIST(V) STRING_TYPE_LIST(V) HEAP_TYPE_LIST(V) JS_TYPE_LIST(V)

typedef enum {
#define V(TYPE, Layout, body, elem_size) TYPE,
  INSTANCE_TYPE_LIST(V)
#undef V
  kInstanceTypeCount,
  FIRST_STRING_TYPE = INTERNALIZED_ONE_BYTE_STRING_TYPE,
  LAST_STRING_TYPE = CONS_TWO_BYTE_STRING_TYPE,
  FIRST_NAME_TYPE = FIRST_STRING_TYPE,
  LAST_NAME_TYPE = SYMBOL_TYPE,
  FIRST_JS_RECEIVER_TYPE = JS_OBJECT_TYPE,
  LAST_JS_RECEIVER_TYPE = kInstanceTypeCount - 1,
} InstanceType;

/* The name of an instance type, "JS_OBJECT_TYPE" and so on. */
const char *instance_type_name(InstanceType type);

#endif /* KILN_OBJECTS_INSTANCE_TYPES_H_ */
