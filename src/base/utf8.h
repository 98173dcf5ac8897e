/*
 * utf8.h: UTF-8 and WTF-8 decoding and encoding, on C buffers only (base/utf8.c).
 *
 * Kiln strings are UTF-16 code units and may hold lone surrogates, which UTF-8 cannot
 * express. WTF-8 (https://simonsapin.github.io/wtf-8/) extends UTF-8 by encoding a lone
 * surrogate as the 3-byte sequence of its code point (ED A0..BF xx); a surrogate pair is
 * always written as the 4-byte UTF-8 of its supplementary code point.
 *
 * Decoding follows the WHATWG Encoding Standard's UTF-8 decoder, except that ED may be
 * followed by A0..BF (the surrogates), so that WTF-8 round-trips. Each ill-formed
 * "maximal subpart" becomes one U+FFFD: a bad lead byte, or a truncated sequence up to
 * (not including) the byte that broke it, which then starts the next sequence.
 * (A CESU-style pair, two 3-byte surrogate encodings, decodes to the two code units, which
 * Kiln then reads as the pair; re-encoding gives the 4-byte form.)
 */
#ifndef KILN_BASE_UTF8_H_
#define KILN_BASE_UTF8_H_

#include "base/globals.h"

enum { kReplacementCharacter = 0xFFFD };

/* Decodes the code point at s[*pos] (s has len bytes, *pos < len) and advances *pos past
 * it; ill-formed input gives U+FFFD, as described above. */
uint32_t utf8_decode_next(const uint8_t *s, size_t len, size_t *pos);

/* The number of UTF-16 code units s decodes to; *max_unit gets the largest one (0 if none). */
size_t utf8_measure(const uint8_t *s, size_t len, uint32_t *max_unit);

/* Decodes s into out, which has room for utf8_measure(s, len) units. The one-byte form
 * needs every unit <= 0xFF (utf8_measure's max_unit says). */
void utf8_decode_to_one_byte(const uint8_t *s, size_t len, uint8_t *out);
void utf8_decode_to_two_byte(const uint8_t *s, size_t len, uint16_t *out);

/* A streaming WTF-8 encoder of UTF-16 code units. With out == NULL it only counts bytes,
 * so the usual pattern is one counting pass, a malloc, then a writing pass. */
typedef struct {
  char *out;          /* NULL: count only */
  size_t length;      /* bytes produced so far */
  uint16_t lead;      /* a pending lead surrogate, or 0 */
} Wtf8Encoder;

void wtf8_encoder_init(Wtf8Encoder *e, char *out);
void wtf8_encoder_put(Wtf8Encoder *e, uint16_t unit);
/* Flushes a pending lone lead surrogate. */
void wtf8_encoder_finish(Wtf8Encoder *e);

KILN_INLINE bool utf16_is_lead_surrogate(uint32_t u) { return (u & 0xFC00) == 0xD800; }
KILN_INLINE bool utf16_is_trail_surrogate(uint32_t u) { return (u & 0xFC00) == 0xDC00; }

#endif /* KILN_BASE_UTF8_H_ */
