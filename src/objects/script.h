/*
 * script.h: Script objects (one per compiled source text) and source positions.
 *
 * Script layout: objects.h SCRIPT_FIELDS. Source positions in the AST, in SharedFunctionInfo
 * start/end and in bytecode source position tables are byte offsets into the source's
 * UTF-8 (WTF-8) form, the text the parser scanned. line_ends is computed on first use: a
 * FixedArray of Smis, the byte offset where each line starts (line 1 at 0; a line ends at
 * LF, CR not followed by LF, CRLF, U+2028 or U+2029).
 */
#ifndef KILN_OBJECTS_SCRIPT_H_
#define KILN_OBJECTS_SCRIPT_H_

#include "execution/isolate.h"

/* Script.flags bits. */
typedef enum {
  SCRIPT_IS_EVAL = 1 << 0,       /* eval or new Function code */
} ScriptFlag;

/* A new Script for source (a String) and name (a String or undefined). May allocate. */
Handle script_new(Isolate *iso, Handle source, Handle name, int flags);

/* The 1-based line and column of byte offset pos in the script's source; the column counts
 * UTF-16 code units from the line's start, plus one. May allocate (line_ends on first use);
 * false with an exception pending if that fails. Positions out of range clamp to the end. */
bool script_line_column(Isolate *iso, Handle script, int pos, int *line, int *column);

#endif /* KILN_OBJECTS_SCRIPT_H_ */
