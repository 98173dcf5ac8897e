/*
 * string-table.c: the isolate's internalized strings (string-table.h), and
 * string_internalize / string_internalize_utf8 (declared in string.h).
 *
 * The table is a malloc'd open-addressing array of Tagged entries, probed triangularly
 * (i, i+1, i+3, i+6, ... mod a power of two, which visits every slot). An entry is
 *   kEmptyEntry    never used: a probe stops here;
 *   kDeletedEntry  a tombstone left by a dead string: a probe goes on past it;
 *   a SeqString of an internalized type, with its hash computed.
 * Live entries plus tombstones stay at most half the capacity; when an insertion would
 * pass that, the table is rebuilt from the cached hashes (tombstones dropped, and the
 * capacity sized to the live count, so it can also shrink).
 *
 * The entries are weak and are not GC roots: the collector calls string_table_process_weak,
 * which lets it rewrite an entry whose string moved and turn a dead one into a tombstone.
 * Nothing here allocates on the JS heap, so table operations may hold raw Tagged values;
 * string_internalize* finish their only allocation before they touch the table.
 *
 * A scavenge only needs the entries that are young strings, so the table keeps the slot
 * indexes that may hold one (`young`): every young entry's slot is listed, once. A slot is
 * listed when a young string goes into it; the list is filtered after each scavenge and
 * rebuilt by a rehash and by a full collection's pass. When the list cannot grow
 * (malloc), `young_overflow` makes the next scavenge visit the whole table.
 */
#include "objects/string-table.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "objects/string.h"

#define kEmptyEntry ((Tagged)0)
#define kDeletedEntry smi_from_int(1)
enum { kStringTableMinCapacity = 256 };

struct StringTable {
  Tagged *entries;
  size_t capacity;  /* a power of two */
  size_t count;     /* live strings */
  size_t deleted;   /* tombstones */
  size_t *young;    /* slots that may hold a young string (see above) */
  size_t young_count, young_capacity;
  bool young_overflow;
};

KILN_INLINE bool entry_is_string(Tagged e) { return e != kEmptyEntry && e != kDeletedEntry; }

struct StringTable *string_table_new(void) {
  struct StringTable *table = calloc(1, sizeof *table);
  if (table == NULL) return NULL;
  table->entries = calloc(kStringTableMinCapacity, sizeof(Tagged));
  if (table->entries == NULL) {
    free(table);
    return NULL;
  }
  table->capacity = kStringTableMinCapacity;
  return table;
}

void string_table_free(struct StringTable *table) {
  if (table == NULL) return;
  free(table->young);
  free(table->entries);
  free(table);
}

int string_table_count(struct StringTable *table) { return (int)table->count; }

/* Lists slot i as holding a young string; on malloc failure, falls back to full scans. */
static void string_table_note_young(struct StringTable *table, size_t i) {
  if (table->young_count == table->young_capacity) {
    size_t capacity = table->young_capacity ? table->young_capacity * 2 : 64;
    size_t *young = realloc(table->young, capacity * sizeof *young);
    if (young == NULL) {
      table->young_overflow = true;
      return;
    }
    table->young = young;
    table->young_capacity = capacity;
  }
  table->young[table->young_count++] = i;
}

/* Rebuilds the young list from the entries (after a rehash or a full pass). */
static void string_table_relist_young(struct StringTable *table) {
  table->young_count = 0;
  table->young_overflow = false;
  for (size_t i = 0; i < table->capacity; i++) {
    Tagged e = table->entries[i];
    if (entry_is_string(e) && page_is_young(e)) string_table_note_young(table, i);
  }
}

/* Applies is_live to slot i: rewrites a moved string, or turns a dead one into a tombstone. */
static void string_table_process_slot(struct StringTable *table, size_t i,
                                      WeakSlotUpdater is_live, void *ctx) {
  if (!is_live(&table->entries[i], ctx)) {
    table->entries[i] = kDeletedEntry;
    table->count--;
    table->deleted++;
  }
}

void string_table_process_weak(struct StringTable *table, WeakSlotUpdater is_live, void *ctx) {
  for (size_t i = 0; i < table->capacity; i++) {
    if (entry_is_string(table->entries[i])) string_table_process_slot(table, i, is_live, ctx);
  }
  string_table_relist_young(table);
}

void string_table_process_weak_young(struct StringTable *table, WeakSlotUpdater is_live,
                                     void *ctx) {
  if (table->young_overflow) {
    string_table_process_weak(table, is_live, ctx);
    return;
  }
  size_t kept = 0;
  for (size_t k = 0; k < table->young_count; k++) {
    size_t i = table->young[k];
    if (!entry_is_string(table->entries[i]) || !page_is_young(table->entries[i])) continue;
    string_table_process_slot(table, i, is_live, ctx);
    /* a survivor still young (in to-space) stays listed; a promoted one leaves */
    if (entry_is_string(table->entries[i]) && page_is_young(table->entries[i])) {
      table->young[kept++] = i;
    }
  }
  table->young_count = kept;
}

/* The internalized string with this raw hash and content, or 0. */
static Tagged string_table_lookup(struct StringTable *table, uint64_t raw_hash, StringView key) {
  size_t mask = table->capacity - 1;
  size_t i = raw_hash_value(raw_hash) & mask;
  for (size_t step = 1;; step++) {
    Tagged e = table->entries[i];
    if (e == kEmptyEntry) return 0;
    if (e != kDeletedEntry && seq_string_raw_hash(e) == raw_hash &&
        string_view_equals(string_view_of(e), key)) {
      return e;
    }
    i = (i + step) & mask;
  }
}

/* The first free slot (empty or tombstone) on s's probe sequence. */
static size_t string_table_free_slot(Tagged *entries, size_t capacity, uint64_t raw_hash) {
  size_t mask = capacity - 1;
  size_t i = raw_hash_value(raw_hash) & mask;
  for (size_t step = 1; entry_is_string(entries[i]); step++) i = (i + step) & mask;
  return i;
}

static bool string_table_rehash(struct StringTable *table, size_t min_live) {
  size_t capacity = kStringTableMinCapacity;
  while (capacity < min_live * 4) capacity *= 2; /* leave room to grow to 50% */
  Tagged *entries = calloc(capacity, sizeof(Tagged));
  if (entries == NULL) return false;
  for (size_t i = 0; i < table->capacity; i++) {
    Tagged e = table->entries[i];
    if (!entry_is_string(e)) continue;
    entries[string_table_free_slot(entries, capacity, seq_string_raw_hash(e))] = e;
  }
  free(table->entries);
  table->entries = entries;
  table->capacity = capacity;
  table->deleted = 0;
  string_table_relist_young(table);
  return true;
}

/* Adds s (internalized, hash computed, not yet present). false if malloc failed. */
static bool string_table_insert(struct StringTable *table, Tagged s) {
  DCHECK(string_is_internalized(s) && raw_hash_is_computed(seq_string_raw_hash(s)));
  if ((table->count + table->deleted + 1) * 2 > table->capacity &&
      !string_table_rehash(table, table->count + 1)) {
    return false;
  }
  size_t i = string_table_free_slot(table->entries, table->capacity, seq_string_raw_hash(s));
  if (table->entries[i] == kDeletedEntry) table->deleted--;
  table->entries[i] = s;
  table->count++;
  if (page_is_young(s)) string_table_note_young(table, i);
  return true;
}

/* ---- Internalization ----------------------------------------------------------------- */

/* Turns a SeqString into the internalized string of the same width (same layout, so only
 * the map word changes) and adds it to the table. */
static bool string_make_internalized(Isolate *iso, Tagged s) {
  DCHECK(string_is_sequential(s) && raw_hash_is_computed(seq_string_raw_hash(s)));
  Tagged map = string_is_one_byte(s) ? ROOT(iso, internalized_one_byte_string_map)
                                     : ROOT(iso, internalized_two_byte_string_map);
  heap_object_set_map(s, map);
  if (string_table_insert(iso->string_table, s)) return true;
  isolate_throw_out_of_memory(iso);
  return false;
}

Handle string_internalize(Isolate *iso, Handle s) {
  if (string_is_internalized(H(s))) return s;
  Handle flat = string_flatten(iso, s); /* the only allocation */
  if (handle_is_null(flat)) return flat;
  Tagged str = H(flat);
  if (string_is_internalized(str)) return flat;
  uint64_t raw_hash = string_raw_hash(iso, str);
  Tagged found = string_table_lookup(iso->string_table, raw_hash, string_view_of(str));
  if (found != 0) return handle_new(iso, found);
  return string_make_internalized(iso, str) ? flat : HANDLE_NULL;
}

static uint64_t string_view_raw_hash(Isolate *iso, StringView v) {
  StringHasher h;
  string_hasher_init(&h, iso);
  if (v.one_byte) string_hasher_add_one_byte(&h, v.one_byte, v.length);
  if (v.two_byte) string_hasher_add_two_byte(&h, v.two_byte, v.length);
  return string_hasher_finish(&h);
}

/* A new internalized string in old space with key's characters. May GC. */
static Handle string_internalize_new(Isolate *iso, StringView key, uint64_t raw_hash) {
  bool one_byte = key.two_byte == NULL;
  Handle h = string_allocate_seq(iso, key.length, one_byte, ALLOCATE_OLD);
  if (handle_is_null(h)) return h;
  Tagged s = H(h);
  if (key.length > 0 && one_byte) {
    memcpy(seq_one_byte_chars(s), key.one_byte, (size_t)key.length);
  } else if (key.length > 0) {
    memcpy(seq_two_byte_chars(s), key.two_byte, (size_t)key.length * sizeof(uint16_t));
  }
  seq_string_set_raw_hash(s, raw_hash);
  return string_make_internalized(iso, s) ? h : HANDLE_NULL;
}

/* Decodes utf8 into a C buffer (or uses the bytes themselves when they are ASCII), so
 * that the table can be searched before anything is allocated on the heap. */
Handle string_internalize_utf8(Isolate *iso, const char *utf8, size_t length) {
  const uint8_t *bytes = (const uint8_t *)utf8;
  uint32_t max_unit;
  size_t units = utf8_measure(bytes, length, &max_unit);
  if (units > (size_t)kMaxStringLength) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid string length");
    return HANDLE_NULL;
  }
  StringView key = {NULL, NULL, (int64_t)units};
  void *buffer = NULL;
  if (units == length && max_unit < 0x80) {
    key.one_byte = bytes;
  } else {
    buffer = malloc(units * (max_unit <= 0xFF ? 1 : 2));
    if (buffer == NULL) {
      isolate_throw_out_of_memory(iso);
      return HANDLE_NULL;
    }
    if (max_unit <= 0xFF) {
      utf8_decode_to_one_byte(bytes, length, buffer);
      key.one_byte = buffer;
    } else {
      utf8_decode_to_two_byte(bytes, length, buffer);
      key.two_byte = buffer;
    }
  }
  uint64_t raw_hash = string_view_raw_hash(iso, key);
  Tagged found = string_table_lookup(iso->string_table, raw_hash, key);
  Handle result = found != 0 ? handle_new(iso, found) : string_internalize_new(iso, key, raw_hash);
  free(buffer);
  return result;
}
