/*
 * regexp-interpreter.h: the backtracking matcher over regexp bytecode
 * (regexp/regexp-interpreter.c), and the search loop around it. regexp_exec (regexp.h)
 * is this function; see there for the contract.
 *
 * The backtrack stack is a malloc'd array of entries (choice points, register undo
 * records, and the resumable states of STAR loops), doubled as needed up to the
 * caller's limit: matching never recurses in C, whatever the pattern.
 */
#ifndef KILN_REGEXP_REGEXP_INTERPRETER_H_
#define KILN_REGEXP_REGEXP_INTERPRETER_H_

#include "regexp/regexp-compiler.h"

RegExpResult regexp_interpreter_exec(const RegExpCode *code, const void *subject,
                                     size_t length, bool two_byte, size_t start,
                                     int *captures, const RegExpExecLimits *limits);

#endif /* KILN_REGEXP_REGEXP_INTERPRETER_H_ */
