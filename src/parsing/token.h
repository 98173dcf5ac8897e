/*
 * token.h: the tokens of ES2025 (ECMA-262 12 ECMAScript Language: Lexical Grammar).
 *
 * TOKEN_LIST(T, K) lists every token once: T(name, text) for punctuators and the
 * literal/identifier classes, K(name, text) for the reserved words that the scanner turns
 * into keyword tokens. Contextual keywords (let, static, yield, await, async, of, get, set,
 * target, meta, from, as, and the strict-mode reserved words implements, interface,
 * package, private, protected, public) are IDENTIFIER tokens: the parser decides by
 * context. A reserved word written with a \u escape is TOKEN_ESCAPED_KEYWORD: usable only
 * where an IdentifierName is (property names), never as a keyword (ES2025 12.7.2).
 */
#ifndef KILN_PARSING_TOKEN_H_
#define KILN_PARSING_TOKEN_H_

#define TOKEN_LIST(T, K)                                                              \
  T(EOS, "end of input")                                                             \
  T(ILLEGAL, "illegal token")     /* the scanner reported an error */                 \
  T(IDENTIFIER, "identifier")                                                        \
  T(ESCAPED_KEYWORD, "escaped keyword")                                              \
  T(PRIVATE_NAME, "private name") /* #x: value is "#x" */                            \
  T(NUMBER, "number")                                                                \
  T(BIGINT, "bigint")                                                                \
  T(STRING, "string")                                                                \
  T(TEMPLATE_SPAN, "template")    /* `...${ or }...${ */                             \
  T(TEMPLATE_TAIL, "template")    /* `...` or }...` */                               \
  T(REGEXP, "regular expression") /* only after scanner_rescan_regexp */             \
  /* Punctuators */                                                                  \
  T(LPAREN, "(") T(RPAREN, ")") T(LBRACK, "[") T(RBRACK, "]") T(LBRACE, "{")          \
  T(RBRACE, "}") T(SEMICOLON, ";") T(COMMA, ",") T(DOT, ".") T(ELLIPSIS, "...")       \
  T(QUESTION, "?") T(QUESTION_DOT, "?.") T(COLON, ":") T(ARROW, "=>")                 \
  T(INC, "++") T(DEC, "--") T(NOT, "!") T(BIT_NOT, "~")                               \
  /* Binary operators (the parser maps them to AstBinaryOp / AstLogicalOp) */         \
  T(ADD, "+") T(SUB, "-") T(MUL, "*") T(DIV, "/") T(MOD, "%") T(EXP, "**")            \
  T(SHL, "<<") T(SAR, ">>") T(SHR, ">>>") T(BIT_AND, "&") T(BIT_OR, "|")             \
  T(BIT_XOR, "^") T(AND, "&&") T(OR, "||") T(NULLISH, "??")                           \
  T(EQ, "==") T(NE, "!=") T(EQ_STRICT, "===") T(NE_STRICT, "!==")                     \
  T(LT, "<") T(GT, ">") T(LTE, "<=") T(GTE, ">=")                                     \
  /* Assignment operators */                                                         \
  T(ASSIGN, "=") T(ASSIGN_ADD, "+=") T(ASSIGN_SUB, "-=") T(ASSIGN_MUL, "*=")          \
  T(ASSIGN_DIV, "/=") T(ASSIGN_MOD, "%=") T(ASSIGN_EXP, "**=") T(ASSIGN_SHL, "<<=")   \
  T(ASSIGN_SAR, ">>=") T(ASSIGN_SHR, ">>>=") T(ASSIGN_BIT_AND, "&=")                  \
  T(ASSIGN_BIT_OR, "|=") T(ASSIGN_BIT_XOR, "^=") T(ASSIGN_AND, "&&=")                 \
  T(ASSIGN_OR, "||=") T(ASSIGN_NULLISH, "?\?=")                                        \
  /* Reserved words (ES2025 12.7.2 ReservedWord, minus await and yield) */            \
  K(BREAK, "break") K(CASE, "case") K(CATCH, "catch") K(CLASS, "class")               \
  K(CONST, "const") K(CONTINUE, "continue") K(DEBUGGER, "debugger")                   \
  K(DEFAULT, "default") K(DELETE, "delete") K(DO, "do") K(ELSE, "else")               \
  K(ENUM, "enum") K(EXPORT, "export") K(EXTENDS, "extends") K(FALSE, "false")         \
  K(FINALLY, "finally") K(FOR, "for") K(FUNCTION, "function") K(IF, "if")             \
  K(IMPORT, "import") K(IN, "in") K(INSTANCEOF, "instanceof") K(NEW, "new")           \
  K(NULL, "null") K(RETURN, "return") K(SUPER, "super") K(SWITCH, "switch")           \
  K(THIS, "this") K(THROW, "throw") K(TRUE, "true") K(TRY, "try")                     \
  K(TYPEOF, "typeof") K(VAR, "var") K(VOID, "void") K(WHILE, "while")                 \
  K(WITH, "with")

typedef enum {
#define T(name, text) TOKEN_##name,
  TOKEN_LIST(T, T)
#undef T
  kTokenCount
} TokenType;

/* The token's text ("(", "break") or class description ("identifier"). */
const char *token_text(TokenType type);

static inline int token_is_keyword(TokenType t) { return t >= TOKEN_BREAK && t <= TOKEN_WITH; }
static inline int token_is_assign_op(TokenType t) {
  return t >= TOKEN_ASSIGN && t <= TOKEN_ASSIGN_NULLISH;
}

#endif /* KILN_PARSING_TOKEN_H_ */
