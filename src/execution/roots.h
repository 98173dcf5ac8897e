/*
 * roots.h: the roots table. Maps, oddballs and other immortal singletons live here, each at
 * a fixed index of isolate->roots, so C code reaches them without a lookup and a Handle to a
 * root (root_handle) is a pointer into the table. The collector visits the table as a root.
 */
#ifndef KILN_EXECUTION_ROOTS_H_
#define KILN_EXECUTION_ROOTS_H_

/* The maps of the non-JS kinds: V(root name, instance type). */
#define MAP_ROOT_LIST(V)                                                        \
  V(free_space_map, FREE_SPACE_TYPE)                                             \
  V(one_pointer_filler_map, ONE_POINTER_FILLER_TYPE)                             \
  V(heap_number_map, HEAP_NUMBER_TYPE)                                           \
  V(undefined_map, ODDBALL_TYPE)                                                 \
  V(null_map, ODDBALL_TYPE)                                                      \
  V(boolean_map, ODDBALL_TYPE)                                                   \
  V(the_hole_map, ODDBALL_TYPE)                                                  \
  V(fixed_array_map, FIXED_ARRAY_TYPE)                                           \
  V(property_array_map, PROPERTY_ARRAY_TYPE)                                     \
  V(descriptor_array_map, DESCRIPTOR_ARRAY_TYPE)                                 \
  V(transition_array_map, TRANSITION_ARRAY_TYPE)                                 \
  V(name_dictionary_map, NAME_DICTIONARY_TYPE)                                   \
  V(number_dictionary_map, NUMBER_DICTIONARY_TYPE)                               \
  V(fixed_double_array_map, FIXED_DOUBLE_ARRAY_TYPE)                             \
  V(byte_array_map, BYTE_ARRAY_TYPE)                                             \
  V(internalized_one_byte_string_map, INTERNALIZED_ONE_BYTE_STRING_TYPE)         \
  V(internalized_two_byte_string_map, INTERNALIZED_TWO_BYTE_STRING_TYPE)         \
  V(one_byte_string_map, SEQ_ONE_BYTE_STRING_TYPE)                               \
  V(two_byte_string_map, SEQ_TWO_BYTE_STRING_TYPE)                               \
  V(cons_one_byte_string_map, CONS_ONE_BYTE_STRING_TYPE)                         \
  V(cons_two_byte_string_map, CONS_TWO_BYTE_STRING_TYPE)                         \
  V(symbol_map, SYMBOL_TYPE)                                                     \
  V(accessor_pair_map, ACCESSOR_PAIR_TYPE)                                       \
  V(foreign_map, FOREIGN_TYPE)                                                   \
  V(shared_function_info_map, SHARED_FUNCTION_INFO_TYPE)                         \
  V(bytecode_array_map, BYTECODE_ARRAY_TYPE)                                     \
  V(script_map, SCRIPT_TYPE)                                                     \
  V(scope_info_map, SCOPE_INFO_TYPE)                                             \
  V(feedback_vector_map, FEEDBACK_VECTOR_TYPE)                                   \
  V(context_map, CONTEXT_TYPE)                                                   \
  V(native_context_map, NATIVE_CONTEXT_TYPE)                                     \
  V(ordered_hash_map_map, ORDERED_HASH_MAP_TYPE)                                 \
  V(ordered_hash_set_map, ORDERED_HASH_SET_TYPE)                                 \
  V(ephemeron_hash_table_map, EPHEMERON_HASH_TABLE_TYPE)                         \
  V(weak_fixed_array_map, WEAK_FIXED_ARRAY_TYPE) \
  V(bigint_map, BIGINT_TYPE) \
  V(validity_cell_map, VALIDITY_CELL_TYPE) \
  V(source_text_module_map, SOURCE_TEXT_MODULE_TYPE)

/* The oddballs: V(root name, kind, to_string text, typeof text, ToNumber value). */
#define ODDBALL_ROOT_LIST(V)                                        \
  V(undefined_value, ODDBALL_UNDEFINED, "undefined", "undefined")   \
  V(null_value, ODDBALL_NULL, "null", "object")                     \
  V(true_value, ODDBALL_TRUE, "true", "boolean")                    \
  V(false_value, ODDBALL_FALSE, "false", "boolean")                 \
  V(the_hole_value, ODDBALL_THE_HOLE, "hole", "undefined")

/* Internalized strings the engine names often: V(root name, text). */
#define STRING_ROOT_LIST(V)           \
  V(empty_string, "")                 \
  V(length_string, "length")          \
  V(prototype_string, "prototype")    \
  V(constructor_string, "constructor") \
  V(message_string, "message")        \
  V(name_string, "name")              \
  V(object_string, "object")          \
  V(number_string, "number")          \
  V(string_string, "string")          \
  V(symbol_string, "symbol")          \
  V(boolean_string, "boolean")        \
  V(function_string, "function")      \
  V(undefined_string, "undefined")    \
  V(null_string, "null")              \
  V(true_string, "true")              \
  V(false_string, "false")            \
  V(hole_string, "hole")              \
  V(nan_string, "NaN")                \
  V(infinity_string, "Infinity")      \
  V(out_of_memory_string, "out of memory") \
  V(value_of_string, "valueOf")       \
  V(to_string_string, "toString")     \
  V(get_string, "get")                \
  V(set_string, "set")                \
  V(value_string, "value")            \
  V(writable_string, "writable")      \
  V(enumerable_string, "enumerable")  \
  V(configurable_string, "configurable") \
  V(done_string, "done")              \
  V(next_string, "next")              \
  V(return_string, "return")          \
  V(throw_string, "throw")            \
  V(stack_string, "stack")            \
  V(callee_string, "callee")          \
  V(bigint_string, "bigint")          \
  V(default_string, "default")        \
  V(get_prototype_of_string, "getPrototypeOf") \
  V(set_prototype_of_string, "setPrototypeOf") \
  V(is_extensible_string, "isExtensible") \
  V(prevent_extensions_string, "preventExtensions") \
  V(get_own_property_descriptor_string, "getOwnPropertyDescriptor") \
  V(define_property_string, "defineProperty") \
  V(has_string, "has")                \
  V(delete_property_string, "deleteProperty") \
  V(own_keys_string, "ownKeys")       \
  V(apply_string, "apply")            \
  V(construct_string, "construct") \
  V(last_index_string, "lastIndex")   \
  V(index_string, "index")            \
  V(input_string, "input")            \
  V(groups_string, "groups")          \
  V(indices_string, "indices")        \
  V(exec_string, "exec")              \
  V(flags_string, "flags")

/* Everything else: V(root name). */
#define OTHER_ROOT_LIST(V)                                                      \
  V(meta_map)                    /* the map of maps; its own map is itself */    \
  V(empty_fixed_array)                                                          \
  V(empty_descriptor_array)                                                     \
  V(empty_property_dictionary)   /* a NameDictionary with no entries */         \
  V(nan_value)                                                                  \
  V(minus_zero_value)                                                           \
  V(initial_object_map)          /* the map of {} */                            \
  V(initial_array_map)           /* the map of [] (PACKED_SMI_ELEMENTS) */      \
  V(error_map)                   /* the map of error objects */                 \
  V(out_of_memory_error)         /* thrown when the heap limit is reached */    \
  V(elements_transition_symbol)  /* the key of elements-kind transitions */         \
  V(proxy_map)                   /* a Proxy whose target is not callable */         \
  V(callable_proxy_map)          /* callable, not a constructor */                  \
  V(constructor_proxy_map)       /* callable and a constructor */                   \
  V(identity_hash_symbol)        /* private key of objects' identity hash (made lazily) */ \
  V(weak_ref_kept_objects)       /* FixedArray: WeakRef targets kept alive this turn (or 0) */ \
  V(finalization_registries)     /* EphemeronHashTable: live registries (made lazily) */ \
  V(microtask_queue)             /* the job queue (execution/microtask-queue.h): a     \
                                    FixedArray ring, Smi 0 until the first job */       \
  V(pending_rejections)          /* promises rejected with no handler yet (the same),  \
                                    Smi 0 when none */ \
  V(termination_exception)       /* the uncatchable sentinel a terminating isolate   \
                                    unwinds with (isolate.h): an oddball of its own */ \
  V(shadow_realm_slot_symbol)    /* private key of a ShadowRealm's [[ShadowRealm]] and a \
                                    wrapped function's [[WrappedTargetFunction]] (lazy) */ \
  V(module_namespace_map)        /* module namespace objects (objects/source-text-module.h) */

/* The well-known symbols (ES2025 6.1.5.1): V(root name, description). Created by
 * runtime_setup_roots (runtime/runtime.h) during bootstrap, shared by every realm. */
#define WELL_KNOWN_SYMBOL_LIST(V)                                        \
  V(async_iterator_symbol, "Symbol.asyncIterator")                        \
  V(has_instance_symbol, "Symbol.hasInstance")                            \
  V(is_concat_spreadable_symbol, "Symbol.isConcatSpreadable")             \
  V(iterator_symbol, "Symbol.iterator")                                   \
  V(match_symbol, "Symbol.match")                                         \
  V(match_all_symbol, "Symbol.matchAll")                                  \
  V(replace_symbol, "Symbol.replace")                                     \
  V(search_symbol, "Symbol.search")                                       \
  V(species_symbol, "Symbol.species")                                     \
  V(split_symbol, "Symbol.split")                                         \
  V(to_primitive_symbol, "Symbol.toPrimitive")                            \
  V(to_string_tag_symbol, "Symbol.toStringTag")                           \
  V(unscopables_symbol, "Symbol.unscopables")                           \
  V(dispose_symbol, "Symbol.dispose")                                   \
  V(async_dispose_symbol, "Symbol.asyncDispose")

typedef enum {
#define V(name, ...) ROOT_##name,
  MAP_ROOT_LIST(V) ODDBALL_ROOT_LIST(V) STRING_ROOT_LIST(V) OTHER_ROOT_LIST(V)
  WELL_KNOWN_SYMBOL_LIST(V)
#undef V
  kRootCount
} RootIndex;

typedef enum {
  ODDBALL_UNDEFINED, ODDBALL_NULL, ODDBALL_TRUE, ODDBALL_FALSE, ODDBALL_THE_HOLE
} OddballKind;

#endif /* KILN_EXECUTION_ROOTS_H_ */
