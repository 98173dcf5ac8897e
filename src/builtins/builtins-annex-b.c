/*
 * builtins-annex-b.c: the Annex B (web compatibility) built-ins that belong to no other
 * family file: the global functions escape and unescape (ES2025 B.2.1) and the
 * String.prototype HTML methods anchor, big, blink, ... (B.2.2.2 - B.2.2.14). The other
 * Annex B built-ins live with their family: substr and trimLeft/trimRight in
 * builtins-string.c, getYear/setYear/toGMTString in builtins-date.c, __proto__ and
 * __defineGetter__ & co in builtins-object.c, RegExp.prototype.compile in
 * builtins-regexp.c.
 */
#include "builtins/builtins-utils.h"

#include <stdlib.h>

#define ANNEX_B_GLOBAL_BUILTINS(V) \
  V(GlobalEscape, "escape", 1)     \
  V(GlobalUnescape, "unescape", 1)

/* V(Name, key, tag, attribute, length): the HTML methods, each CreateHTML(this, tag,
 * attribute, argument) (an empty attribute: the method takes no argument, length 0). */
#define ANNEX_B_HTML_METHODS(V)                        \
  V(StringPrototypeAnchor, "anchor", "a", "name", 1)      \
  V(StringPrototypeBig, "big", "big", "", 0)              \
  V(StringPrototypeBlink, "blink", "blink", "", 0)        \
  V(StringPrototypeBold, "bold", "b", "", 0)              \
  V(StringPrototypeFixed, "fixed", "tt", "", 0)           \
  V(StringPrototypeFontcolor, "fontcolor", "font", "color", 1) \
  V(StringPrototypeFontsize, "fontsize", "font", "size", 1) \
  V(StringPrototypeItalics, "italics", "i", "", 0)        \
  V(StringPrototypeLink, "link", "a", "href", 1)          \
  V(StringPrototypeSmall, "small", "small", "", 0)        \
  V(StringPrototypeStrike, "strike", "strike", "", 0)     \
  V(StringPrototypeSub, "sub", "sub", "", 0)              \
  V(StringPrototypeSup, "sup", "sup", "", 0)

ANNEX_B_GLOBAL_BUILTINS(BUILTIN_DECLARE)

/* ---- escape / unescape (B.2.1) --------------------------------------------------------- */

/* The code units escape leaves alone: ASCII word characters and @*+-./ */
static bool annex_b_unescaped(uint16_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '@' || c == '*' || c == '+' || c == '-' || c == '.' || c == '/';
}

static void annex_b_append_hex(BuiltinsBuffer *b, uint16_t c, int digits) {
  static const char kHex[] = "0123456789ABCDEF";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    builtins_buffer_append_unit(b, (uint16_t)kHex[(c >> shift) & 0xF]);
  }
}

/* ES2025 B.2.1.1 escape ( string ) */
BUILTIN(GlobalEscape) {
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  size_t len;
  uint16_t *u = builtins_string_units(iso, H(s), &len);
  if (u == NULL) return HANDLE_NULL;
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  for (size_t k = 0; k < len; k++) {
    if (annex_b_unescaped(u[k])) {
      builtins_buffer_append_unit(&b, u[k]);
    } else if (u[k] < 256) {
      builtins_buffer_append_unit(&b, '%');
      annex_b_append_hex(&b, u[k], 2);
    } else {
      builtins_buffer_append_ascii(&b, "%u");
      annex_b_append_hex(&b, u[k], 4);
    }
  }
  free(u);
  return builtins_buffer_finish(iso, &b);
}

/* The value of n hex digits at u (-1 when one is not a hex digit). */
static int32_t annex_b_hex_value(const uint16_t *u, int n) {
  int32_t v = 0;
  for (int i = 0; i < n; i++) {
    uint16_t c = u[i];
    int d = c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/* ES2025 B.2.1.2 unescape ( string ): %uXXXX and %XX sequences become code units; any
 * other % stays as it is. */
BUILTIN(GlobalUnescape) {
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  size_t len;
  uint16_t *u = builtins_string_units(iso, H(s), &len);
  if (u == NULL) return HANDLE_NULL;
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  for (size_t k = 0; k < len; k++) {
    uint16_t c = u[k];
    if (c == '%') {
      int32_t v;
      if (k + 6 <= len && u[k + 1] == 'u' && (v = annex_b_hex_value(u + k + 2, 4)) >= 0) {
        c = (uint16_t)v;
        k += 5;
      } else if (k + 3 <= len && (v = annex_b_hex_value(u + k + 1, 2)) >= 0) {
        c = (uint16_t)v;
        k += 2;
      }
    }
    builtins_buffer_append_unit(&b, c);
  }
  free(u);
  return builtins_buffer_finish(iso, &b);
}

/* ---- String.prototype HTML methods (B.2.2.2 - B.2.2.14) ------------------------------ */

/* ES2025 B.2.2.2.1 CreateHTML ( string, tag, attribute, value ): <tag attribute="value">
 * string</tag>, with each " in value written &quot;. Calls user code (ToString). */
static Handle annex_b_create_html(Isolate *iso, BuiltinArgs *args, const char *method,
                                  const char *tag, const char *attribute) {
  Handle str = builtin_receiver(args);
  if (is_undefined(iso, H(str)) || is_null(iso, H(str))) {
    return builtins_throw_type_error(iso, "String.prototype.%s called on null or undefined",
                                     method);
  }
  Handle s = runtime_to_string(iso, str);
  BUILTIN_TRY(s);
  Handle v = HANDLE_NULL;
  if (attribute[0] != '\0') {
    v = runtime_to_string(iso, BUILTIN_ARG(0));
    BUILTIN_TRY(v);
  }
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  builtins_buffer_append_unit(&b, '<');
  builtins_buffer_append_ascii(&b, tag);
  if (!handle_is_null(v)) {
    size_t len;
    uint16_t *u = builtins_string_units(iso, H(v), &len);
    if (u == NULL) {
      builtins_buffer_free(&b);
      return HANDLE_NULL;
    }
    builtins_buffer_append_unit(&b, ' ');
    builtins_buffer_append_ascii(&b, attribute);
    builtins_buffer_append_ascii(&b, "=\"");
    for (size_t i = 0; i < len; i++) {
      if (u[i] == '"') {
        builtins_buffer_append_ascii(&b, "&quot;");
      } else {
        builtins_buffer_append_unit(&b, u[i]);
      }
    }
    free(u);
    builtins_buffer_append_unit(&b, '"');
  }
  builtins_buffer_append_unit(&b, '>');
  builtins_buffer_append_string(&b, H(s));
  builtins_buffer_append_ascii(&b, "</");
  builtins_buffer_append_ascii(&b, tag);
  builtins_buffer_append_unit(&b, '>');
  return builtins_buffer_finish(iso, &b);
}

#define ANNEX_B_HTML_DEFINE(Name, key, tag, attribute, length) \
  BUILTIN(Name) { return annex_b_create_html(iso, args, key, tag, attribute); }
ANNEX_B_HTML_METHODS(ANNEX_B_HTML_DEFINE)
#undef ANNEX_B_HTML_DEFINE

/* ---- installation -------------------------------------------------------------------- */

#define ANNEX_B_HTML_SPEC(Name, key, tag, attribute, length) {key, BUILTIN_NAME(Name), length},
static const BuiltinSpec kAnnexBGlobalBuiltins[] = {ANNEX_B_GLOBAL_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kAnnexBHtmlBuiltins[] = {ANNEX_B_HTML_METHODS(ANNEX_B_HTML_SPEC)};
#undef ANNEX_B_HTML_SPEC

bool builtins_install_annex_b(Isolate *iso, Handle nc) {
  Handle global = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_global_object);
  Handle string_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_string_prototype);
  return builtins_install_methods(iso, nc, global, kAnnexBGlobalBuiltins,
                                  KILN_ARRAY_SIZE(kAnnexBGlobalBuiltins)) &&
         builtins_install_methods(iso, nc, string_proto, kAnnexBHtmlBuiltins,
                                  KILN_ARRAY_SIZE(kAnnexBHtmlBuiltins));
}
