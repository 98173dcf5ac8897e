/*
 * conversions.h: JavaScript's conversions between strings and numbers, and from numbers to
 * integers (numbers/conversions.c).
 *
 * Pure C over caller buffers: no JS heap, no isolate. Strings arrive as code units, one
 * byte each (Latin-1) or two (UTF-16) as the two_byte flag says, so both representations of
 * a flat JS string are read in place. Number -> string is dtoa.h.
 */
#ifndef KILN_NUMBERS_CONVERSIONS_H_
#define KILN_NUMBERS_CONVERSIONS_H_

#include "base/globals.h"

/* ---- Strings -> numbers ------------------------------------------------------------ */

/* ES2025 7.1.4.1.1 StringToNumber: trims StrWhiteSpaceChar (WhiteSpace and LineTerminator:
 * TAB VT FF SP NBSP ZWNBSP U+1680 U+2000-200A U+202F U+205F U+3000 LF CR U+2028 U+2029) from
 * both ends; "" gives 0; then the whole rest must be a StrNumericLiteral: an optionally
 * signed decimal literal (digits with optional '.' fraction and e/E exponent, or
 * "Infinity"), or an unsigned 0x/0X, 0o/0O, 0b/0B integer. No numeric separators, no
 * lower-case "infinity". Anything else gives NaN. "-0" gives -0. Correctly rounded. */
double conversions_string_to_number(const void *chars, size_t length, bool two_byte);

/* ES2025 19.2.4 parseFloat(string) after ToString: the longest prefix (after leading
 * whitespace) that is a StrDecimalLiteral ("Infinity" and signs included), NaN if none.
 * "3.5abc" -> 3.5, "1e" -> 1, "0x10" -> 0, "-0" -> -0, ".e1" -> NaN. */
double conversions_parse_float(const void *chars, size_t length, bool two_byte);

/* ES2025 19.2.5 parseInt(string, radix) after ToString(string) and ToInt32(radix): radix 0
 * means 10 (or 16 with a 0x/0X prefix); other radixes outside 2..36 give NaN; radix 16
 * strips an optional 0x. Reads the longest run of radix digits after whitespace and a sign;
 * NaN if there is none. The integer is correctly rounded for every radix (the spec allows
 * approximations beyond 20 digits; Kiln does not take them). "-0" gives -0. */
double conversions_parse_int(const void *chars, size_t length, bool two_byte, int32_t radix);

/* Is c a StrWhiteSpaceChar (WhiteSpace or LineTerminator, ES2025 12.2 and 12.3)? */
bool conversions_is_whitespace(uint32_t c);

/* ---- Numbers -> integers --------------------------------------------------------------- */

/* ES2025 7.1.6 ToInt32 and 7.1.7 ToUint32: NaN and the infinities give 0; otherwise the
 * value truncated towards zero, modulo 2^32. */
int32_t conversions_double_to_int32(double v);
uint32_t conversions_double_to_uint32(double v);

/* ES2025 7.1.8-7.1.11 ToInt16, ToUint16, ToInt8, ToUint8: the same modulo 2^16 or 2^8. */
int16_t conversions_double_to_int16(double v);
uint16_t conversions_double_to_uint16(double v);
int8_t conversions_double_to_int8(double v);
uint8_t conversions_double_to_uint8(double v);

/* ES2025 7.1.12 ToUint8Clamp: NaN gives 0; clamps to 0..255; rounds half to even. */
uint8_t conversions_double_to_uint8_clamp(double v);

/* ES2025 7.1.5 ToIntegerOrInfinity on a Number: NaN and both zeros give +0, infinities stay,
 * everything else is truncated towards zero. */
double conversions_to_integer_or_infinity(double v);

/* ES2025 6.1.6.1 IsIntegralNumber: finite with no fraction (-0 counts). */
bool conversions_double_is_integer(double v);

/* Is v an int32 that a Smi can hold without changing the Number: integral, in
 * [-2^31, 2^31 - 1] and not -0? Sets *out when it is. */
bool conversions_double_is_int32(double v, int32_t *out);

/* Is v an array index (ES2025 6.1.7: an integer in [0, 2^32 - 2])? Both zeros are index 0,
 * since ToString(-0) is "0". Sets *index when it is. */
bool conversions_double_to_array_index(double v, uint32_t *index);

/* ---- Integers -> strings ----------------------------------------------------------------- */

enum { kConversionsIntBufferSize = 12 }; /* "-2147483648" and the NUL */

/* The decimal digits of n, NUL-terminated, into buf (kConversionsIntBufferSize); returns
 * the length without the NUL. */
int conversions_int32_to_chars(int32_t n, char *buf);
int conversions_uint32_to_chars(uint32_t n, char *buf);

#endif /* KILN_NUMBERS_CONVERSIONS_H_ */
