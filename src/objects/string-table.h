/*
 * string-table.h: the isolate's table of internalized strings (objects/string-table.c).
 *
 * An open-addressing hash table, off the JS heap, whose entries are weak: the collector
 * updates an entry when its string moves and removes it when the string dies, so the table
 * never keeps a string alive. Lookup compares by content with the string's cached hash.
 */
#ifndef KILN_OBJECTS_STRING_TABLE_H_
#define KILN_OBJECTS_STRING_TABLE_H_

#include "execution/isolate.h"

struct StringTable *string_table_new(void);
void string_table_free(struct StringTable *table);
int string_table_count(struct StringTable *table);
/* GC: for each entry, is_live updates the slot and says if the string survived. */
void string_table_process_weak(struct StringTable *table, WeakSlotUpdater is_live, void *ctx);
/* The same for the young entries only (a scavenge: old strings neither move nor die). */
void string_table_process_weak_young(struct StringTable *table, WeakSlotUpdater is_live,
                                     void *ctx);

#endif /* KILN_OBJECTS_STRING_TABLE_H_ */
