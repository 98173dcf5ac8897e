/*
 * identity-hash.h: hashing keys for the keyed collections (objects/identity-hash.c).
 *
 * Map, Set, WeakMap and WeakSet compare keys with SameValueZero (ES2025 7.2.10), so a key's
 * hash must agree with it:
 *   - numbers hash by value: -0 and +0 alike, every NaN alike, a HeapNumber holding an
 *     int32 like the Smi;
 *   - strings by content (name_hash: the keyed SipHash cached in the string);
 *   - symbols by their random hash (name_hash);
 *   - undefined, null, true, false by kind;
 *   - JS receivers by an identity hash: a random 30-bit Smi made the first time the object
 *     is used as a key and stored on it as a hidden property under the private symbol
 *     ROOT(identity_hash_symbol) (js_object_add_hidden_property: works on non-extensible
 *     objects and proxies too, and is invisible to reflection and proxy traps). The
 *     collector moves objects, so an address cannot serve as a hash.
 * An object that has no identity hash yet is in no table, so lookups never need to make one.
 */
#ifndef KILN_OBJECTS_IDENTITY_HASH_H_
#define KILN_OBJECTS_IDENTITY_HASH_H_

#include "execution/isolate.h"

enum { kIdentityHashMask = (1 << 30) - 1 };

/* The hash of key under SameValueZero, in [0, 2^30). false when key is a JS receiver without
 * an identity hash (then it is in no collection). Never allocates on the JS heap. */
bool identity_hash_lookup(Isolate *iso, Tagged key, uint32_t *hash);
/* The same, making the identity hash of a receiver that has none. false with an exception
 * pending (out of memory). May allocate. */
bool identity_hash_get_or_create(Isolate *iso, Handle key, uint32_t *hash);

#endif /* KILN_OBJECTS_IDENTITY_HASH_H_ */
