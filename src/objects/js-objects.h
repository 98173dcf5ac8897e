/*
 * js-objects.h: JSObject and JSArray: creation, property lookup, property and element
 * operations (objects/js-objects.c). The interpreter's API to the object model.
 *
 * JSObject: | map | properties | elements | in-object property 0 | ... |
 * A fast-mode object's named properties are described by its map's descriptors: data
 * properties are fields (field i lives in-object when i < the map's in-object count, else at
 * i - that count in the PropertyArray `properties`); accessor properties are descriptor
 * constants (an AccessorPair). A dictionary-mode object (map flag MAP_IS_DICTIONARY) keeps
 * them all in a NameDictionary in `properties`. Indexed properties are elements
 * (objects/elements.h): a name that is an array index ("0", "1", ... "4294967294") always
 * means an element.
 *
 * Names passed in must be internalized strings or symbols (callers run string_internalize
 * first); they are compared by pointer.
 *
 * Dictionary mode starts when: a property other than the last added is deleted (deleting
 * the last added one goes back along the transition tree); a property's attributes or kind
 * change; an object would get more than kMaxFastProperties fields; or a map already has
 * kMaxTransitions transitions. Objects never go back to fast mode.
 *
 * Errors: JS_ERROR_TYPE objects come from error_map, which reserves field 0 (in-object slot
 * 0, no descriptor) for the ErrorKind as a Smi; "message" is an ordinary own data property
 * (DONT_ENUM). js_error_kind reads slot 0; the slot stays in place in dictionary mode.
 *
 * Results: functions returning bool return false both when the operation is refused (a
 * read-only property, a non-extensible object: no exception) and when it throws (the
 * exception is pending); isolate_has_pending_exception tells the two apart. An empty Handle
 * always means an exception is pending.
 */
#ifndef KILN_OBJECTS_JS_OBJECTS_H_
#define KILN_OBJECTS_JS_OBJECTS_H_

#include "execution/isolate.h"
#include "objects/descriptors.h"
#include "objects/elements.h"

/* Creates the object model's roots (see roots.h OTHER_ROOT_LIST). Bootstrap only. */
bool objects_setup_roots(Isolate *iso);

/* ---- creation (all may allocate) ---- */

Handle js_object_new(Isolate *iso);                    /* {} */
Handle js_object_new_with_map(Isolate *iso, Handle map);
/* An array with the given length and store capacity. A packed kind with length > 0 becomes
 * holey (its slots are holes until set). */
Handle js_array_new(Isolate *iso, ElementsKind kind, uint32_t length, uint32_t capacity);
/* An error object of the given kind with own "message" (a string). */
Handle js_error_new(Isolate *iso, ErrorKind kind, Handle message);
ErrorKind js_error_kind(Tagged error);

/* ---- lookup ---- */

typedef enum {
  LOOKUP_NOT_FOUND,
  LOOKUP_IN_OBJECT,     /* a field at byte `offset` of the holder */
  LOOKUP_BACKING_STORE, /* a field at `index` of the holder's PropertyArray */
  LOOKUP_DESCRIPTOR,    /* the constant of `descriptor` in holder_map (an AccessorPair) */
  LOOKUP_DICTIONARY,    /* entry `index` of the holder's NameDictionary */
  LOOKUP_ELEMENT,       /* element `element` of the holder */
  LOOKUP_ARRAY_LENGTH,  /* the length of a JSArray holder */
} LookupState;

typedef struct {
  LookupState state;
  Handle holder;          /* the object that has the property (empty when not found) */
  Handle holder_map;      /* its map: the inline caches' key for (offset / index) */
  PropertyDetails details;
  int descriptor;         /* LOOKUP_IN_OBJECT, _BACKING_STORE, _DESCRIPTOR */
  int offset;             /* LOOKUP_IN_OBJECT */
  int index;              /* LOOKUP_BACKING_STORE, LOOKUP_DICTIONARY */
  uint32_t element;       /* LOOKUP_ELEMENT */
} LookupResult;

/* ES2025 10.1.8.1 OrdinaryGet's search: finds name on obj or its prototype chain. Makes
 * handles but does not allocate on the JS heap. Returns out->state != LOOKUP_NOT_FOUND. */
bool property_lookup(Isolate *iso, Handle obj, Handle name, LookupResult *out);
/* The same, on obj only. */
bool property_lookup_own(Isolate *iso, Handle obj, Handle name, LookupResult *out);
/* The value a lookup found (an AccessorPair for accessors). May allocate (a boxed double
 * element, an array length above 2^31-1). */
Handle lookup_result_value(Isolate *iso, const LookupResult *lookup);

/* ---- named properties ---- */

/* [[Get]] for data properties through the chain: the value, undefined when absent, or for
 * an accessor property its AccessorPair (the interpreter calls the getter). May allocate. */
Handle js_object_get_property(Isolate *iso, Handle obj, Handle name);
/* ES2025 10.1.9.2 OrdinarySetWithOwnDescriptor with obj as receiver, for data properties:
 * updates an own writable property in place, or adds a new one (attributes NONE) unless an
 * inherited property is read-only or obj is not extensible. false, with no exception, when
 * refused, and when the property (own or inherited) is an accessor: the interpreter calls
 * the setter. Setting an array's "length" validates it (RangeError). May allocate. */
bool js_object_set_property(Isolate *iso, Handle obj, Handle name, Handle value);
/* ES2025 10.1.6.3 ValidateAndApplyPropertyDescriptor for a data descriptor with all fields:
 * adds or redefines own name with value and attributes. Refused (false) when obj is not
 * extensible (new property) or the property is DONT_DELETE and the change is not allowed.
 * May allocate. */
bool js_object_define_own_property(Isolate *iso, Handle obj, Handle name, Handle value,
                                   int attributes);
/* The same for an accessor property; pair is an AccessorPair. May allocate. */
bool js_object_define_accessor(Isolate *iso, Handle obj, Handle name, Handle pair,
                               int attributes);
/* ES2025 10.1.10.1 OrdinaryDelete: false when the own property is DONT_DELETE. May allocate
 * (dictionary mode). */
bool js_object_delete_property(Isolate *iso, Handle obj, Handle name);
/* ES2025 10.1.11.1 OrdinaryOwnPropertyKeys: a FixedArray of integer indexes ascending (as
 * internalized strings), then string keys in insertion order (an array's "length" first),
 * then symbols in insertion order. All keys, enumerable or not. May allocate. */
Handle js_object_own_property_keys(Isolate *iso, Handle obj);
/* Adds own property key (a private symbol, absent) = value, read-only and hidden, even to a
 * non-extensible object: the identity hash's storage (objects/identity-hash.h). May
 * allocate. */
bool js_object_add_hidden_property(Isolate *iso, Handle obj, Handle key, Handle value);
/* Moves obj's properties to a NameDictionary. May allocate. */
bool js_object_normalize_properties(Isolate *iso, Handle obj);

/* ---- elements ---- */

/* [[Get]] of element index through the prototype chain (undefined when absent). */
Handle js_object_get_element(Isolate *iso, Handle obj, uint32_t index);
/* [[Set]] of own element index (index <= kMaxArrayIndex). May allocate. */
bool js_object_set_element(Isolate *iso, Handle obj, uint32_t index, Handle value);
/* Array.prototype.push of one value. RangeError at length 2^32-1. May allocate. */
bool js_array_push(Isolate *iso, Handle array, Handle value);
/* Sets an array's length (ES2025 10.4.2.4 ArraySetLength): RangeError "Invalid array
 * length" unless length is an integer in [0, 2^32-1]. (js_array_set_length is the raw field
 * setter generated by objects.h.) May allocate. */
bool js_array_set_length_value(Isolate *iso, Handle array, double length);

/* ---- prototype and extensibility ---- */

/* ES2025 10.1.2.1 OrdinarySetPrototypeOf: false when obj is not extensible or the change
 * would make a cycle. prototype is null or a JS object. Gives obj a new map (not cached).
 * May allocate. */
bool js_object_set_prototype(Isolate *iso, Handle obj, Handle prototype);
KILN_INLINE Tagged js_object_get_prototype(Tagged obj) {
  return map_prototype(heap_object_map(obj));
}
/* ES2025 10.1.4.1 OrdinaryPreventExtensions. May allocate (a map copy). */
bool js_object_prevent_extensions(Isolate *iso, Handle obj);
KILN_INLINE bool js_object_is_extensible(Tagged obj) {
  return map_has_flag(heap_object_map(obj), MAP_IS_EXTENSIBLE);
}

#endif /* KILN_OBJECTS_JS_OBJECTS_H_ */
