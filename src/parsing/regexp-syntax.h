/*
 * regexp-syntax.h: the early errors of a RegularExpressionLiteral's pattern (ES2025 22.2.1
 * Patterns and 22.2.1.1 Static Semantics: Early Errors, with annex B.1.2's extensions for
 * patterns without the u and v flags). The parser calls it for every regexp literal so
 * that an invalid pattern is a SyntaxError before the script runs (ES2025 13.2.7.2).
 *
 * It only validates: the RegExp engine compiles the pattern later.
 */
#ifndef KILN_PARSING_REGEXP_SYNTAX_H_
#define KILN_PARSING_REGEXP_SYNTAX_H_

#include <stdbool.h>
#include <stddef.h>

/* Checks pattern (WTF-8, length bytes) under flags (already valid flag letters). On error
 * returns false, writes a message and sets *error_offset to the byte offset in pattern. */
bool regexp_syntax_check(const char *pattern, size_t length, const char *flags, char *message,
                         size_t message_size, int *error_offset);

#endif /* KILN_PARSING_REGEXP_SYNTAX_H_ */
