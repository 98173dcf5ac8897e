/* type_pointer.c: seed 000's `type-pointer` add-on, in C on Node-API, made
 * memory-safe.
 *
 * The JS API hands out "addresses": the real address of a malloc'd tp_slot,
 * printed as "0x%" PRIxPTR. Seed 000 turned such a number straight back into
 * a pointer, so a freed or made-up address was a use-after-free or a wild
 * read. Here an address is only ever a key to look up.
 *
 * Layout of one slot and what it keeps alive:
 *
 *   tp_slot (malloc'd)         holder (JS object)       any JS value
 *   | holder_ref | ---ref 1--> | value: <own data> | --> | number, object, |
 *                                                       | undefined, ...  |
 *
 * The holder exists because Node 20's napi_create_reference accepts only
 * objects, functions and symbols (napi_invalid_arg for a number or string).
 * Every value, whatever its type, goes through the same holder.
 *
 * Invariants (per environment: main thread and each worker has its own
 * tp_state, set with napi_set_instance_data):
 *   I1  An address that came from JS becomes a pointer only in
 *       tp_slot_resolve, and only after the table says it is a slot this
 *       environment owns. Parsing, hashing and probing treat it as an
 *       integer and never read through it.
 *   I2  The table holds exactly the slots this environment has malloc'd and
 *       not yet handed back to free(): live slots (holder_ref != NULL) and
 *       quarantined slots (holder_ref == NULL).
 *   I3  A quarantined slot sits in the quarantine ring, which holds at most
 *       TP_QUARANTINE slots. When it is full the oldest slot leaves the
 *       table and is free()d. Until then malloc cannot reuse its address, so
 *       a stale address is reported as "freed", not mistaken for a new slot.
 *   I4  A slot's memory belongs to one environment from malloc to free, so
 *       an address is a key of at most one environment's table at a time.
 *   I5  When the environment shuts down, tp_state_finalize deletes every
 *       reference and frees every slot, the table and the state.
 */

#define NAPI_VERSION 8
#include <node_api.h>

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Freed slots held back from free(). 4096 slots cost about 128 KiB. */
#define TP_QUARANTINE 4096
#define TP_TABLE_MIN_CAP 64
/* Longest accepted address string: "0x" and 16 hex digits. */
#define TP_ADDR_MAX_LEN 18
/* Largest integer a JS number holds exactly: 2^53 - 1. */
#define TP_MAX_SAFE_INTEGER 9007199254740991.0

typedef struct tp_slot {
  napi_ref holder_ref; /* strong (count 1) ref to the holder; NULL once freed */
} tp_slot;

/* Open-addressing hash set of slot addresses, linear probing.
 * keys[i] == 0 means empty; cap is a power of two; len <= cap / 2. */
typedef struct tp_table {
  uintptr_t *keys;
  size_t cap;
  size_t len;
} tp_table;

/* Per-environment state, owned by the environment's instance data. */
typedef struct tp_state {
  tp_table table;
  size_t live;                          /* slots with holder_ref != NULL */
  size_t q_head;                        /* index of the oldest freed slot */
  size_t q_len;                         /* freed slots in quarantine */
  tp_slot *quarantine[TP_QUARANTINE];   /* ring buffer, oldest at q_head */
} tp_state;

/* ---- errors -------------------------------------------------------------- */

/* Throws a TypeError "type-pointer: <fn>: <what>" with code `code`. */
static void tp_throw_type(napi_env env, const char *code, const char *fn,
                          const char *what) {
  char msg[256];
  snprintf(msg, sizeof msg, "type-pointer: %s: %s", fn, what);
  napi_throw_type_error(env, code, msg);
}

/* After a failed napi_* call: make sure an exception is pending. */
static void tp_throw_last(napi_env env) {
  const napi_extended_error_info *info = NULL;
  char msg[160] = "type-pointer: Node-API call failed";
  bool pending = false;
  if (napi_get_last_error_info(env, &info) == napi_ok && info != NULL &&
      info->error_message != NULL)
    snprintf(msg, sizeof msg, "type-pointer: %s", info->error_message);
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, "ERR_TP_NAPI", msg);
}

/* Evaluates a napi_* call; on failure throws and returns NULL. */
#define TP_CALL(env, call)                \
  do {                                    \
    if ((call) != napi_ok) {              \
      tp_throw_last(env);                 \
      return NULL;                        \
    }                                     \
  } while (0)

/* ---- the address table --------------------------------------------------- */

/* Mixes the address bits (splitmix64 finaliser); malloc alignment leaves the
 * low bits equal, so they must not pick the bucket alone. */
static size_t tp_hash(uintptr_t key, size_t mask) {
  uint64_t h = (uint64_t)key;
  h ^= h >> 30;
  h *= UINT64_C(0xbf58476d1ce4e5b9);
  h ^= h >> 27;
  h *= UINT64_C(0x94d049bb133111eb);
  h ^= h >> 31;
  return (size_t)h & mask;
}

/* Index of `key` in the table, or SIZE_MAX. Never dereferences `key` (I1). */
static size_t tp_table_find(const tp_table *t, uintptr_t key) {
  if (key == 0 || t->cap == 0) return SIZE_MAX;
  size_t mask = t->cap - 1;
  for (size_t i = tp_hash(key, mask);; i = (i + 1) & mask) {
    if (t->keys[i] == key) return i;
    if (t->keys[i] == 0) return SIZE_MAX;
  }
}

/* Stores `key` in `keys` (capacity mask + 1), which has a free bucket. */
static void tp_table_place(uintptr_t *keys, size_t mask, uintptr_t key) {
  size_t i = tp_hash(key, mask);
  while (keys[i] != 0) i = (i + 1) & mask;
  keys[i] = key;
}

/* Doubles the capacity (or makes the first array). False if out of memory. */
static bool tp_table_grow(tp_table *t) {
  size_t cap = t->cap ? t->cap * 2 : TP_TABLE_MIN_CAP;
  uintptr_t *keys = calloc(cap, sizeof *keys);
  if (keys == NULL) return false;
  for (size_t i = 0; i < t->cap; i++)
    if (t->keys[i] != 0) tp_table_place(keys, cap - 1, t->keys[i]);
  free(t->keys);
  t->keys = keys;
  t->cap = cap;
  return true;
}

/* Adds `key`, which must not be present (I4). False if out of memory. */
static bool tp_table_insert(tp_table *t, uintptr_t key) {
  if ((t->len + 1) * 2 > t->cap && !tp_table_grow(t)) return false;
  tp_table_place(t->keys, t->cap - 1, key);
  t->len++;
  return true;
}

/* True if bucket `home` lies cyclically in (hole, j]: an entry at j whose
 * home is there must stay, since moving it to the hole would hide it. */
static bool tp_table_stays(size_t hole, size_t j, size_t home) {
  if (hole <= j) return hole < home && home <= j;
  return hole < home || home <= j;
}

/* Removes `key` if present, shifting later entries of its probe run back so
 * that no tombstones are needed (Knuth, TAOCP 6.4, Algorithm R). */
static void tp_table_remove(tp_table *t, uintptr_t key) {
  size_t hole = tp_table_find(t, key);
  if (hole == SIZE_MAX) return;
  size_t mask = t->cap - 1;
  for (size_t j = (hole + 1) & mask; t->keys[j] != 0; j = (j + 1) & mask) {
    if (tp_table_stays(hole, j, tp_hash(t->keys[j], mask))) continue;
    t->keys[hole] = t->keys[j];
    hole = j;
  }
  t->keys[hole] = 0;
  t->len--;
}

/* ---- slots --------------------------------------------------------------- */

/* Puts a freed slot in quarantine; if full, the oldest slot leaves the table
 * and is free()d, and only from then on may malloc hand its address out. */
static void tp_quarantine_push(tp_state *st, tp_slot *slot) {
  if (st->q_len == TP_QUARANTINE) {
    tp_slot *oldest = st->quarantine[st->q_head];
    tp_table_remove(&st->table, (uintptr_t)oldest);
    free(oldest);
    st->q_head = (st->q_head + 1) % TP_QUARANTINE;
    st->q_len--;
  }
  st->quarantine[(st->q_head + st->q_len) % TP_QUARANTINE] = slot;
  st->q_len++;
}

/* Writes "0x..." for `addr` into buf (at least 2 + 16 + 1 bytes). */
static void tp_format_addr(uintptr_t addr, char *buf, size_t size) {
  snprintf(buf, size, "0x%" PRIxPTR, addr);
}

/* Parses "0x" or "0X" then 1 to 16 hex digits (len <= TP_ADDR_MAX_LEN, so
 * no overflow of v). False if malformed or too large for a uintptr_t. */
static bool tp_parse_hex(const char *s, size_t len, uintptr_t *out) {
  if (len < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
  uint64_t v = 0;
  for (size_t i = 2; i < len; i++) {
    char c = s[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return false;
    v = v << 4 | (uint64_t)d;
  }
#if UINTPTR_MAX < UINT64_MAX
  if (v > UINTPTR_MAX) return false;
#endif
  *out = (uintptr_t)v;
  return true;
}

/* A number address must be an integer in [1, 2^53 - 1] that fits a pointer. */
static bool tp_parse_number(double d, uintptr_t *out) {
  if (!isfinite(d) || d < 1 || d > TP_MAX_SAFE_INTEGER || floor(d) != d)
    return false;
#if UINTPTR_MAX < UINT64_MAX
  if ((uint64_t)d > UINTPTR_MAX) return false;
#endif
  *out = (uintptr_t)d;
  return true;
}

/* Reads `arg` as an address: a number or a hex string. Reads only the JS
 * value, never memory at the address. False (nothing thrown) if malformed. */
static bool tp_parse_addr(napi_env env, napi_value arg, uintptr_t *out) {
  napi_valuetype type;
  if (napi_typeof(env, arg, &type) != napi_ok) return false;
  if (type == napi_number) {
    double d;
    return napi_get_value_double(env, arg, &d) == napi_ok &&
           tp_parse_number(d, out);
  }
  if (type != napi_string) return false;
  char buf[TP_ADDR_MAX_LEN + 1];
  size_t len = 0;
  /* UTF-8, not latin1: latin1 keeps only the low byte of each UTF-16 unit,
   * so U+0131 would read as '1'; in UTF-8 any non-ASCII byte fails. */
  if (napi_get_value_string_utf8(env, arg, NULL, 0, &len) != napi_ok ||
      len > TP_ADDR_MAX_LEN)
    return false;
  if (napi_get_value_string_utf8(env, arg, buf, sizeof buf, &len) != napi_ok)
    return false;
  return tp_parse_hex(buf, len, out);
}

/* The only place an address becomes a pointer (I1). Returns the live slot of
 * this environment that `arg` names, or throws a TypeError and returns NULL:
 * malformed, not in the table (made up, another environment's, or freed and
 * already out of quarantine), or in quarantine (freed). */
static tp_slot *tp_slot_resolve(napi_env env, tp_state *st, napi_value arg,
                                const char *fn) {
  uintptr_t addr = 0;
  char what[160], hex[TP_ADDR_MAX_LEN + 1];
  if (!tp_parse_addr(env, arg, &addr)) {
    tp_throw_type(env, "ERR_TP_BAD_ADDRESS", fn,
                  "address must be a positive integer or a hex string such "
                  "as '0x55d0c8a1b2c0'");
    return NULL;
  }
  tp_format_addr(addr, hex, sizeof hex);
  if (tp_table_find(&st->table, addr) == SIZE_MAX) {
    snprintf(what, sizeof what,
             "%s is not a live slot of this environment", hex);
    tp_throw_type(env, "ERR_TP_UNKNOWN_ADDRESS", fn, what);
    return NULL;
  }
  tp_slot *slot = (tp_slot *)addr; /* member of the table: ours (I2) */
  if (slot->holder_ref == NULL) {
    snprintf(what, sizeof what, "%s has been freed", hex);
    tp_throw_type(env, "ERR_TP_FREED", fn, what);
    return NULL;
  }
  return slot;
}

/* Stores `value` as the holder's own data property "value". Defining (not
 * assigning) means no setter on Object.prototype can run or intercept. */
static napi_status tp_holder_put(napi_env env, napi_value holder,
                                 napi_value value) {
  napi_property_descriptor d = {"value", NULL, NULL, NULL, NULL, value,
                                napi_writable | napi_configurable, NULL};
  return napi_define_properties(env, holder, 1, &d);
}

/* Returns the slot's holder object. The slot must be live. */
static napi_value tp_slot_holder(napi_env env, tp_slot *slot) {
  napi_value holder = NULL;
  TP_CALL(env, napi_get_reference_value(env, slot->holder_ref, &holder));
  return holder;
}

/* Returns the slot's address as a JS string "0x...". */
static napi_value tp_slot_addr_string(napi_env env, tp_slot *slot) {
  char hex[TP_ADDR_MAX_LEN + 1];
  napi_value result = NULL;
  tp_format_addr((uintptr_t)slot, hex, sizeof hex);
  TP_CALL(env, napi_create_string_utf8(env, hex, NAPI_AUTO_LENGTH, &result));
  return result;
}

/* Mallocs a slot holding `holder` and registers it. NULL (with an exception
 * pending) on failure, leaving nothing allocated. */
static tp_slot *tp_slot_new(napi_env env, tp_state *st, napi_value holder) {
  tp_slot *slot = malloc(sizeof *slot);
  if (slot == NULL) {
    napi_throw_error(env, "ERR_TP_NO_MEMORY", "type-pointer: out of memory");
    return NULL;
  }
  if (napi_create_reference(env, holder, 1, &slot->holder_ref) != napi_ok) {
    free(slot);
    tp_throw_last(env);
    return NULL;
  }
  if (!tp_table_insert(&st->table, (uintptr_t)slot)) {
    napi_delete_reference(env, slot->holder_ref);
    free(slot);
    napi_throw_error(env, "ERR_TP_NO_MEMORY", "type-pointer: out of memory");
    return NULL;
  }
  st->live++;
  return slot;
}

/* ---- JS entry points ----------------------------------------------------- */

/* Fetches up to two arguments (missing ones are undefined) and the state. */
static bool tp_args(napi_env env, napi_callback_info info, napi_value argv[2],
                    tp_state **st) {
  size_t argc = 2;
  void *data = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, &data) != napi_ok) {
    tp_throw_last(env);
    return false;
  }
  *st = data;
  return true;
}

/* mallocValueAddr(value) -> "0x..." */
static napi_value tp_malloc_value(napi_env env, napi_callback_info info) {
  napi_value argv[2], holder;
  tp_state *st;
  if (!tp_args(env, info, argv, &st)) return NULL;
  TP_CALL(env, napi_create_object(env, &holder));
  TP_CALL(env, tp_holder_put(env, holder, argv[0]));
  tp_slot *slot = tp_slot_new(env, st, holder);
  return slot ? tp_slot_addr_string(env, slot) : NULL;
}

/* readValueByAddr(addr) -> value */
static napi_value tp_read_value(napi_env env, napi_callback_info info) {
  napi_value argv[2], holder, value = NULL;
  tp_state *st;
  if (!tp_args(env, info, argv, &st)) return NULL;
  tp_slot *slot = tp_slot_resolve(env, st, argv[0], "readValueByAddr");
  if (slot == NULL || (holder = tp_slot_holder(env, slot)) == NULL) return NULL;
  TP_CALL(env, napi_get_named_property(env, holder, "value", &value));
  return value;
}

/* writeValueByAddr(addr, value) -> "0x..."; the old value is released. */
static napi_value tp_write_value(napi_env env, napi_callback_info info) {
  napi_value argv[2], holder;
  tp_state *st;
  if (!tp_args(env, info, argv, &st)) return NULL;
  tp_slot *slot = tp_slot_resolve(env, st, argv[0], "writeValueByAddr");
  if (slot == NULL || (holder = tp_slot_holder(env, slot)) == NULL) return NULL;
  TP_CALL(env, tp_holder_put(env, holder, argv[1]));
  return tp_slot_addr_string(env, slot);
}

/* freeValueByAddr(addr) -> true; releases the value, quarantines the slot. */
static napi_value tp_free_value(napi_env env, napi_callback_info info) {
  napi_value argv[2], result = NULL;
  tp_state *st;
  if (!tp_args(env, info, argv, &st)) return NULL;
  tp_slot *slot = tp_slot_resolve(env, st, argv[0], "freeValueByAddr");
  if (slot == NULL) return NULL;
  TP_CALL(env, napi_delete_reference(env, slot->holder_ref));
  slot->holder_ref = NULL;
  st->live--;
  tp_quarantine_push(st, slot);
  TP_CALL(env, napi_get_boolean(env, true, &result));
  return result;
}

/* Sets obj[name] = n for tp_stats. */
static napi_status tp_set_count(napi_env env, napi_value obj, const char *name,
                                size_t n) {
  napi_value v;
  napi_status s = napi_create_double(env, (double)n, &v);
  return s == napi_ok ? napi_set_named_property(env, obj, name, v) : s;
}

/* stats() -> { live, quarantined, tableCapacity }, for leak tests. */
static napi_value tp_stats(napi_env env, napi_callback_info info) {
  napi_value argv[2], obj;
  tp_state *st;
  if (!tp_args(env, info, argv, &st)) return NULL;
  TP_CALL(env, napi_create_object(env, &obj));
  TP_CALL(env, tp_set_count(env, obj, "live", st->live));
  TP_CALL(env, tp_set_count(env, obj, "quarantined", st->q_len));
  TP_CALL(env, tp_set_count(env, obj, "tableCapacity", st->table.cap));
  return obj;
}

/* ---- environment lifetime ------------------------------------------------ */

/* Instance-data finalizer (I5): runs once when the environment (main thread
 * or worker) shuts down, before Node releases plain references. */
static void tp_state_finalize(napi_env env, void *data, void *hint) {
  tp_state *st = data;
  (void)hint;
  for (size_t i = 0; i < st->table.cap; i++) {
    if (st->table.keys[i] == 0) continue;
    tp_slot *slot = (tp_slot *)st->table.keys[i]; /* in the table: ours */
    if (slot->holder_ref != NULL) napi_delete_reference(env, slot->holder_ref);
    free(slot);
  }
  free(st->table.keys);
  free(st);
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  tp_state *st = calloc(1, sizeof *st);
  if (st == NULL) {
    napi_throw_error(env, "ERR_TP_NO_MEMORY", "type-pointer: out of memory");
    return NULL;
  }
  if (napi_set_instance_data(env, st, tp_state_finalize, NULL) != napi_ok) {
    free(st);
    tp_throw_last(env);
    return NULL;
  }
  napi_property_descriptor fns[] = {
      {"malloc", NULL, tp_malloc_value, NULL, NULL, NULL, napi_enumerable, st},
      {"read", NULL, tp_read_value, NULL, NULL, NULL, napi_enumerable, st},
      {"write", NULL, tp_write_value, NULL, NULL, NULL, napi_enumerable, st},
      {"free", NULL, tp_free_value, NULL, NULL, NULL, napi_enumerable, st},
      {"stats", NULL, tp_stats, NULL, NULL, NULL, napi_enumerable, st},
  };
  TP_CALL(env, napi_define_properties(env, exports, sizeof fns / sizeof fns[0],
                                      fns));
  return exports;
}
