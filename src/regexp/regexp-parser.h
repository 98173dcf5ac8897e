/*
 * regexp-parser.h: pattern text -> the regexp AST (regexp/regexp-parser.c).
 *
 * The parser implements ES2025 22.2.1 Patterns with its early errors, and Annex B.1.2's
 * legacy grammar when neither /u nor /v is given. It resolves everything that depends on
 * the pattern's flags so the compiler never looks at syntax again:
 *   - characters are code points under /u and /v (a surrogate pair in the source is one
 *     character), code units otherwise;
 *   - `.`, \d \s \w and their negations, \p{..}, and bracket classes become CLASS nodes
 *     whose set is already computed (/v set operations included). A /v class that holds
 *     strings becomes an ALT of SEQs of CHARs, longest strings first (ES2025 22.2.2.7
 *     CompileAtom), then the single characters, then the empty string;
 *   - each CHAR, CLASS, BACKREF and word-boundary node carries the ignoreCase in force
 *     at its place (modifiers (?i:...) change it); CLASS sets are NOT yet closed over
 *     case: the compiler does that, then applies `negated`;
 *   - named backreferences are resolved to the group numbers carrying the name (several
 *     when duplicate names sit in different alternatives).
 * Nodes live in an arena freed with the AST. Nesting deeper than kRegExpMaxDepth is an
 * error (the parser and compiler recurse on nesting; the matcher never recurses).
 */
#ifndef KILN_REGEXP_REGEXP_PARSER_H_
#define KILN_REGEXP_REGEXP_PARSER_H_

#include "regexp/regexp.h"
#include "regexp/regexp-unicode.h"

enum { kRegExpMaxDepth = 800, kRegExpInfinity = UINT32_MAX };

/* V(name, message): the SyntaxError texts, after "Invalid regular expression: /p/f: ". */
#define REGEXP_ERROR_LIST(V)                                                           \
  V(UNTERMINATED_GROUP, "Unterminated group")                                          \
  V(UNMATCHED_PAREN, "Unmatched ')'")                                                  \
  V(NOTHING_TO_REPEAT, "Nothing to repeat")                                            \
  V(QUANTIFIER_ORDER, "numbers out of order in {} quantifier")                         \
  V(INCOMPLETE_QUANTIFIER, "Incomplete quantifier")                                    \
  V(LONE_QUANTIFIER_BRACKETS, "Lone quantifier brackets")                              \
  V(UNTERMINATED_CLASS, "Unterminated character class")                                \
  V(RANGE_ORDER, "Range out of order in character class")                              \
  V(INVALID_CLASS_RANGE, "Invalid character class")                                    \
  V(ESCAPE_AT_END, "\\ at end of pattern")                                             \
  V(INVALID_ESCAPE, "Invalid escape")                                                  \
  V(INVALID_UNICODE_ESCAPE, "Invalid Unicode escape")                                  \
  V(INVALID_CLASS_ESCAPE, "Invalid class escape")                                      \
  V(INVALID_DECIMAL_ESCAPE, "Invalid decimal escape")                                  \
  V(INVALID_REFERENCE, "Invalid reference")                                            \
  V(INVALID_GROUP, "Invalid group")                                                    \
  V(INVALID_CAPTURE_NAME, "Invalid capture group name")                                \
  V(DUPLICATE_CAPTURE_NAME, "Duplicate capture group name")                            \
  V(INVALID_NAMED_REFERENCE, "Invalid named reference")                                \
  V(UNKNOWN_NAMED_REFERENCE, "Invalid named capture referenced")                       \
  V(INVALID_PROPERTY_NAME, "Invalid property name")                                    \
  V(INVALID_CLASS_PROPERTY_NAME, "Invalid property name in character class")           \
  V(NEGATED_CLASS_STRINGS, "Negated character class may contain strings")              \
  V(INVALID_SET_OPERATION, "Invalid set operation in character class")                 \
  V(INVALID_CLASS_SET_CHARACTER, "Invalid character in character class")               \
  V(INVALID_MODIFIERS, "Invalid flags in modifier group")                              \
  V(REPEATED_MODIFIER, "Repeated flag in modifier group")                              \
  V(TOO_DEEP, "Regular expression too deeply nested")                                  \
  V(OUT_OF_MEMORY, "Out of memory while compiling")

typedef enum {
#define V(name, msg) RE_ERROR_##name,
  REGEXP_ERROR_LIST(V)
#undef V
  RE_ERROR_COUNT
} RegExpError;

const char *regexp_error_message(RegExpError error);

typedef enum {
  RE_NODE_EMPTY,
  RE_NODE_CHAR,       /* c */
  RE_NODE_CLASS,      /* set, negated */
  RE_NODE_SEQ,        /* items, in matching order left to right */
  RE_NODE_ALT,        /* items, tried in order */
  RE_NODE_GROUP,      /* capturing group `index` around body */
  RE_NODE_LOOK,       /* lookahead/lookbehind, positive/negative, around body */
  RE_NODE_REPEAT,     /* body{min,max}, greedy or lazy; captures [capture_start, end) */
  RE_NODE_BACKREF,    /* \n or \k<name>: groups[0..count) (the one that is set is used) */
  RE_NODE_ASSERT,     /* ^ $ \b \B */
} RegExpNodeType;

typedef enum {
  RE_ASSERT_START,          /* ^ without /m */
  RE_ASSERT_END,            /* $ without /m */
  RE_ASSERT_LINE_START,     /* ^ with /m */
  RE_ASSERT_LINE_END,       /* $ with /m */
  RE_ASSERT_WORD,           /* \b */
  RE_ASSERT_NOT_WORD,       /* \B */
} RegExpAssertKind;

typedef struct RegExpNode RegExpNode;
struct RegExpNode {
  RegExpNodeType type;
  bool ignore_case;           /* CHAR, CLASS, BACKREF, ASSERT (word): /i in force here */
  union {
    uint32_t c;
    struct { RegExpCharSet *set; bool negated; } cls;
    struct { RegExpNode **items; uint32_t count; } list;
    struct { RegExpNode *body; int index; } group;
    struct { RegExpNode *body; bool behind, negative; } look;
    struct {
      RegExpNode *body;
      uint32_t min, max;      /* max == kRegExpInfinity: unbounded */
      bool greedy;
      int capture_start, capture_end;
    } repeat;
    struct { int *groups; int count; } backref;
    RegExpAssertKind assertion;
  } u;
};

typedef struct RegExpArena RegExpArena;

typedef struct {
  RegExpNode *root;
  int capture_count;              /* including group 0 */
  /* capture_names[i] (1 <= i < capture_count): the group's name as UTF-16, or NULL */
  uint16_t **capture_names;
  uint32_t *capture_name_lengths;
  RegExpFlags flags;
  RegExpArena *arena;             /* every node and name; sets are listed to be freed */
  RegExpCharSet **sets;
  uint32_t set_count, set_capacity;
} RegExpAst;

/* Parses pattern (length code units) under flags. Returns true with *ast filled, or false
 * with *error and *error_pos (a code unit index) set; ast is left empty either way only
 * on failure. Free with regexp_ast_free. */
bool regexp_parse(const uint16_t *pattern, size_t length, RegExpFlags flags, RegExpAst *ast,
                  RegExpError *error, size_t *error_pos);
void regexp_ast_free(RegExpAst *ast);

/* Arena allocation, for the compiler's scratch too. NULL when memory runs out. */
void *regexp_arena_alloc(RegExpArena *arena, size_t size);

#endif /* KILN_REGEXP_REGEXP_PARSER_H_ */
