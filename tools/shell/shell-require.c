/*
 * shell-require.c: `require(name)` in the kiln shell (issue 9), Node's CommonJS subset:
 *
 *   require('type-pointer')   the TypePointer class of seed 000 (below);
 *   require('./lib.js')       a file relative to the requiring module (the global require:
 *                             relative to the calling script's file), run once as CommonJS:
 *                             (function (exports, require, module, __filename, __dirname) {
 *                             ...}), its module.exports returned and cached by real path.
 *   anything else             Error "Cannot find module 'x'" (code MODULE_NOT_FOUND).
 *
 * State lives on the JS heap, so the collector owns it and nothing leaks: every require
 * function's builtin_data is a record { dir, cache } (dir: the module's directory, or
 * undefined for the global require; cache: a null-prototype object from resolved path or
 * built-in name to the module object, shared by the realm's require functions).
 *
 * TypePointer (seed 000, made safe): mallocValueAddr(value) puts value in a new strong
 * global handle (handles/global-handles.h) and returns the slot's address as "0x...";
 * readValueByAddr / writeValueByAddr / freeValueByAddr take that string or a number. Each
 * method's builtin_data is the slot table, a null-prototype object from address string to
 * true (live) or false (freed by this module). An address is turned into a pointer only
 * when the table says live AND global_handle_is_live agrees; anything else is a TypeError
 * with Node's add-on codes (bindings/node): ERR_TP_BAD_ADDRESS (not a number or hex
 * string), ERR_TP_FREED, ERR_TP_UNKNOWN_ADDRESS (made up, or another realm's). So freed and
 * made-up addresses never touch memory, and engine-internal global handles cannot be read
 * or freed through it.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "handles/global-handles.h"
#include "heap/factory.h"
#include "interpreter/frames.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "shell.h"

enum { kAddrMaxLen = 18 }; /* "0x" and 16 hex digits */
#define REQUIRE_MAX_SAFE_INTEGER 9007199254740991.0

/* ---- errors ---------------------------------------------------------------------------- */

/* Throws a new error of kind with message and an own "code" property. */
static Handle require_throw(Isolate *iso, ErrorKind kind, const char *code, const char *message) {
  Handle msg = string_new_utf8(iso, message, strlen(message));
  if (handle_is_null(msg)) return HANDLE_NULL;
  Handle error = runtime_new_error(iso, kind, msg);
  if (handle_is_null(error)) return HANDLE_NULL;
  Handle code_value = builtins_string(iso, code);
  if (handle_is_null(code_value) || !builtins_set(iso, error, "code", code_value)) return HANDLE_NULL;
  isolate_throw(iso, H(error));
  return HANDLE_NULL;
}

/* ---- type-pointer: addresses ------------------------------------------------------------ */

static void tp_format(uintptr_t addr, char *buf, size_t n) { snprintf(buf, n, "0x%" PRIxPTR, addr); }

/* "0x" or "0X" and 1 to 16 hex digits. */
static bool tp_parse_hex(const char *s, size_t len, uintptr_t *out) {
  if (len < 3 || len > kAddrMaxLen || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
  uint64_t v = 0;
  for (size_t i = 2; i < len; i++) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return false;
    v = v << 4 | (uint64_t)d;
  }
  *out = (uintptr_t)v;
  return true;
}

/* An address argument: an integer Number in [1, 2^53-1] or a hex string. Reads only the JS
 * value, never the memory it names. */
static bool tp_parse_addr(Isolate *iso, Tagged arg, uintptr_t *out) {
  if (is_number(arg)) {
    double d = runtime_number_value(arg);
    if (!isfinite(d) || d < 1 || d > REQUIRE_MAX_SAFE_INTEGER || floor(d) != d) return false;
    *out = (uintptr_t)d;
    return true;
  }
  if (!is_string(arg) || seq_string_length(arg) > kAddrMaxLen) return false;
  size_t len;
  char *text = string_to_utf8(iso, arg, &len);
  bool ok = text != NULL && tp_parse_hex(text, len, out);
  free(text);
  return ok;
}

/* The table of this module's slots: the method's builtin_data. */
static Handle tp_table(Isolate *iso, BuiltinArgs *args) {
  return handle_new(iso, js_function_builtin_data(*args->target));
}

/* table[hex] (true, false or undefined). */
static Handle tp_table_get(Isolate *iso, Handle table, const char *hex) {
  return builtins_get(iso, table, hex);
}

/* The live slot arg names, or NULL with a TypeError pending (fn names the method). */
static Tagged *tp_resolve(Isolate *iso, BuiltinArgs *args, Handle arg, const char *fn) {
  uintptr_t addr = 0;
  char hex[kAddrMaxLen + 1], message[256];
  if (!tp_parse_addr(iso, H(arg), &addr)) {
    snprintf(message, sizeof message, "type-pointer: %s: address must be a positive integer "
             "or a hex string such as '0x55d0c8a1b2c0'", fn);
    require_throw(iso, kError_TYPE_ERROR, "ERR_TP_BAD_ADDRESS", message);
    return NULL;
  }
  tp_format(addr, hex, sizeof hex);
  Handle state = tp_table_get(iso, tp_table(iso, args), hex);
  if (handle_is_null(state)) return NULL;
  if (H(state) == ROOT(iso, true_value) && global_handle_is_live(iso, addr)) return (Tagged *)addr;
  bool freed = H(state) == ROOT(iso, false_value);
  snprintf(message, sizeof message, "type-pointer: %s: %s %s", fn, hex,
           freed ? "has been freed" : "is not a live slot of this environment");
  require_throw(iso, kError_TYPE_ERROR, freed ? "ERR_TP_FREED" : "ERR_TP_UNKNOWN_ADDRESS", message);
  return NULL;
}

static Handle tp_addr_string(Isolate *iso, Tagged *slot) {
  char hex[kAddrMaxLen + 1];
  tp_format((uintptr_t)slot, hex, sizeof hex);
  return string_new_utf8(iso, hex, strlen(hex));
}

/* ---- type-pointer: the class ------------------------------------------------------------- */

/* new TypePointer(): an ordinary object inheriting TypePointer.prototype. */
static Handle tp_construct(Isolate *iso, BuiltinArgs *args) {
  if (is_undefined(iso, *args->new_target)) {
    isolate_throw_error(iso, kError_TYPE_ERROR,
                        "Class constructor TypePointer cannot be invoked without 'new'");
    return HANDLE_NULL;
  }
  Handle proto = runtime_get_prototype_from_constructor(
      iso, handle_new(iso, *args->new_target), NATIVE_CONTEXT_object_prototype);
  BUILTIN_TRY(proto);
  return runtime_object_create(iso, proto);
}

/* mallocValueAddr(value) -> "0x...": a new strong global handle holding value. */
static Handle tp_malloc(Isolate *iso, BuiltinArgs *args) {
  Handle table = tp_table(iso, args);
  Handle slot = global_handle_new(iso, H(BUILTIN_ARG(0)));
  Handle addr = tp_addr_string(iso, slot.loc);
  if (handle_is_null(addr)) { global_handle_free(iso, slot); return HANDLE_NULL; }
  if (!runtime_set_property(iso, table, addr, ROOT_HANDLE(iso, true_value), true)) {
    global_handle_free(iso, slot);
    return HANDLE_NULL;
  }
  return addr;
}

/* readValueByAddr(addr) -> the value. */
static Handle tp_read(Isolate *iso, BuiltinArgs *args) {
  Tagged *slot = tp_resolve(iso, args, BUILTIN_ARG(0), "readValueByAddr");
  return slot ? handle_new(iso, *slot) : HANDLE_NULL;
}

/* writeValueByAddr(addr, value) -> "0x...": the slot now holds value (the old one is no
 * longer kept alive by it). */
static Handle tp_write(Isolate *iso, BuiltinArgs *args) {
  Tagged *slot = tp_resolve(iso, args, BUILTIN_ARG(0), "writeValueByAddr");
  if (slot == NULL) return HANDLE_NULL;
  *slot = H(BUILTIN_ARG(1)); /* a global handle is a root: no write barrier */
  return tp_addr_string(iso, slot);
}

/* freeValueByAddr(addr) -> true: releases the slot; the address is dead afterwards. */
static Handle tp_free(Isolate *iso, BuiltinArgs *args) {
  Tagged *slot = tp_resolve(iso, args, BUILTIN_ARG(0), "freeValueByAddr");
  if (slot == NULL) return HANDLE_NULL;
  Handle addr = tp_addr_string(iso, slot);
  BUILTIN_TRY(addr);
  if (!runtime_set_property(iso, tp_table(iso, args), addr, ROOT_HANDLE(iso, false_value), true))
    return HANDLE_NULL;
  global_handle_free(iso, (Handle){slot});
  return ROOT_HANDLE(iso, true_value);
}

/* V(name, function, length) */
#define TYPE_POINTER_METHOD_LIST(V)        \
  V("mallocValueAddr", tp_malloc, 1)       \
  V("readValueByAddr", tp_read, 1)         \
  V("writeValueByAddr", tp_write, 2)       \
  V("freeValueByAddr", tp_free, 1)

/* The TypePointer class of realm nc, with a fresh slot table. The constructor comes
 * first, so the prototype's keys are in a class's order (constructor, then methods). */
static Handle tp_new_class(Isolate *iso, Handle nc) {
  Handle table = runtime_object_create(iso, ROOT_HANDLE(iso, null_value));
  BUILTIN_TRY(table);
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  BUILTIN_TRY(proto);
  Handle function_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  Handle cls = builtins_install_hidden_constructor(iso, nc, "TypePointer", tp_construct, proto,
                                                   function_proto);
  BUILTIN_TRY(cls);
  /* A class without an explicit constructor has length 0, as Node's TypePointer. */
  Handle zero = handle_new(iso, smi_from_int(0));
  if (!builtins_define_value(iso, cls, "length", zero, READ_ONLY | DONT_ENUM)) return HANDLE_NULL;
#define V(name, fn, length)                                                \
  {                                                                        \
    Handle m = builtins_install_method(iso, nc, proto, name, fn, length);  \
    BUILTIN_TRY(m);                                                        \
    sfi_set_builtin_data(js_function_shared(H(m)), H(table));              \
  }
  TYPE_POINTER_METHOD_LIST(V)
#undef V
  return cls;
}

/* ---- CommonJS files ---------------------------------------------------------------------- */

/* The directory of the script the innermost JS frame runs, malloc'd; "." when unknown. */
static char *require_caller_dir(Isolate *iso) {
  JSStack *stack = frames_stack(iso);
  char *dir = NULL;
  if (stack && stack->current) {
    Tagged fn = stack->current->fp[kFrameClosure];
    Tagged script = is_js_function(fn) ? sfi_script(js_function_shared(fn)) : 0;
    if (script && is_script(script) && is_string(script_name(script))) {
      size_t len;
      dir = string_to_utf8(iso, script_name(script), &len);
      char *slash = dir ? strrchr(dir, '/') : NULL;
      if (slash) *slash = '\0';
      else { free(dir); dir = NULL; }
    }
  }
  return dir ? dir : strdup(".");
}

/* The real path of name relative to dir (trying name, then name + ".js"), malloc'd, or
 * NULL when there is no such file. */
static char *require_resolve(const char *dir, const char *name) {
  Buffer path;
  buffer_init(&path);
  if (name[0] != '/') { buffer_puts(&path, dir); buffer_putc(&path, '/'); }
  buffer_puts(&path, name);
  char *resolved = realpath(path.data, NULL);
  if (resolved == NULL) {
    buffer_puts(&path, ".js");
    resolved = realpath(path.data, NULL);
  }
  buffer_free(&path);
  return resolved;
}

static Handle require_new_function(Isolate *iso, Handle nc, Handle dir, Handle cache);

/* Runs the file at path as a CommonJS module recorded in cache[path]; returns its
 * module.exports. Calls user code. */
static Handle require_load_file(Isolate *iso, Handle nc, Handle cache, const char *path) {
  size_t length;
  char *source = run_read_file(path, &length);
  if (source == NULL) {
    isolate_throw_error(iso, kError_ERROR, "cannot read %s: %s", path, strerror(errno));
    return HANDLE_NULL;
  }
  Buffer wrapped;
  buffer_init(&wrapped);
  buffer_puts(&wrapped, "(function (exports, require, module, __filename, __dirname) { ");
  buffer_append(&wrapped, source, length);
  buffer_puts(&wrapped, "\n})");
  free(source);
  Handle fn = execution_run_script(iso, wrapped.data, wrapped.length, path);
  buffer_free(&wrapped);
  BUILTIN_TRY(fn);
  Handle module = runtime_new_object(iso), exports = runtime_new_object(iso);
  Handle filename = builtins_string(iso, path);
  BUILTIN_TRY(module); BUILTIN_TRY(exports); BUILTIN_TRY(filename);
  const char *slash = strrchr(path, '/');
  Handle dirname = string_new_utf8(iso, path, slash && slash != path ? (size_t)(slash - path) : 1);
  BUILTIN_TRY(dirname);
  Handle require = require_new_function(iso, nc, dirname, cache);
  BUILTIN_TRY(require);
  if (!builtins_set(iso, module, "exports", exports) || !builtins_set(iso, module, "id", filename) ||
      !builtins_set(iso, module, "filename", filename) ||
      !builtins_set(iso, module, "loaded", ROOT_HANDLE(iso, false_value)) ||
      !builtins_set(iso, cache, path, module)) {
    return HANDLE_NULL;
  }
  Handle argv[5] = {exports, require, module, filename, dirname};
  if (handle_is_null(execution_call(iso, fn, exports, 5, argv))) return HANDLE_NULL;
  if (!builtins_set(iso, module, "loaded", ROOT_HANDLE(iso, true_value))) return HANDLE_NULL;
  return builtins_get(iso, module, "exports");
}

/* ---- require ----------------------------------------------------------------------------- */

/* require('type-pointer'): the realm's TypePointer class, made on first use. */
static Handle require_type_pointer(Isolate *iso, Handle nc, Handle cache) {
  Handle cached = builtins_get(iso, cache, "type-pointer");
  BUILTIN_TRY(cached);
  if (!is_undefined(iso, H(cached))) return cached;
  Handle cls = tp_new_class(iso, nc);
  BUILTIN_TRY(cls);
  return builtins_set(iso, cache, "type-pointer", cls) ? cls : HANDLE_NULL;
}

static Handle require_not_found(Isolate *iso, const char *name) {
  char message[512];
  snprintf(message, sizeof message, "Cannot find module '%.400s'", name);
  return require_throw(iso, kError_ERROR, "MODULE_NOT_FOUND", message);
}

/* require('./file'): the cached module's exports, or the file run as a new module. */
static Handle require_file(Isolate *iso, Handle nc, Handle cache, Handle dir, const char *name) {
  size_t len;
  char *base = is_string(H(dir)) ? string_to_utf8(iso, H(dir), &len) : require_caller_dir(iso);
  char *path = base ? require_resolve(base, name) : NULL;
  free(base);
  if (path == NULL) return require_not_found(iso, name);
  Handle result = builtins_get(iso, cache, path);
  if (!handle_is_null(result)) {
    result = is_undefined(iso, H(result)) ? require_load_file(iso, nc, cache, path)
                                          : builtins_get(iso, result, "exports");
  }
  free(path);
  return result;
}

/* require(name): see the top of the file. */
static Handle require_builtin(Isolate *iso, BuiltinArgs *args) {
  Handle data = handle_new(iso, js_function_builtin_data(*args->target));
  Handle nc = builtins_realm(iso, args);
  Handle cache = builtins_get(iso, data, "cache");
  BUILTIN_TRY(cache);
  Handle dir = builtins_get(iso, data, "dir");
  BUILTIN_TRY(dir);
  Handle name_value = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(name_value);
  size_t len;
  char *name = string_to_utf8(iso, H(name_value), &len);
  if (name == NULL) { isolate_throw_out_of_memory(iso); return HANDLE_NULL; }
  Handle result;
  if (strcmp(name, "type-pointer") == 0) result = require_type_pointer(iso, nc, cache);
  else if (name[0] == '/' || !strncmp(name, "./", 2) || !strncmp(name, "../", 3))
    result = require_file(iso, nc, cache, dir, name);
  else result = require_not_found(iso, name);
  free(name);
  return result;
}

/* A require function for modules in dir (undefined: the global one) sharing cache. */
static Handle require_new_function(Isolate *iso, Handle nc, Handle dir, Handle cache) {
  Handle data = runtime_object_create(iso, ROOT_HANDLE(iso, null_value));
  BUILTIN_TRY(data);
  if (!builtins_set(iso, data, "dir", dir) || !builtins_set(iso, data, "cache", cache)) return HANDLE_NULL;
  Handle key = builtins_string(iso, "require");
  BUILTIN_TRY(key);
  Handle fn = builtins_new_function(iso, nc, key, 1, require_builtin);
  BUILTIN_TRY(fn);
  sfi_set_builtin_data(js_function_shared(H(fn)), H(data));
  return fn;
}

bool require_install(Isolate *iso, Handle native_context, Handle global) {
  Handle cache = runtime_object_create(iso, ROOT_HANDLE(iso, null_value));
  if (handle_is_null(cache)) return false;
  Handle fn = require_new_function(iso, native_context, ROOT_HANDLE(iso, undefined_value), cache);
  return !handle_is_null(fn) && builtins_define_value(iso, global, "require", fn, DONT_ENUM);
}
