/*
 * utf8.c: UTF-8/WTF-8 decoding and WTF-8 encoding. See utf8.h.
 */
#include "base/utf8.h"

/* WHATWG UTF-8 decoder, one code point; ED accepts A0..BF (WTF-8 surrogates). */
uint32_t utf8_decode_next(const uint8_t *s, size_t len, size_t *pos) {
  uint8_t b = s[(*pos)++];
  if (b < 0x80) return b;
  int need;
  uint32_t cp;
  uint8_t lower = 0x80, upper = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    need = 1, cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 2, cp = b & 0x0F;
    if (b == 0xE0) lower = 0xA0; /* no overlong forms */
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3, cp = b & 0x07;
    if (b == 0xF0) lower = 0x90; /* no overlong forms */
    if (b == 0xF4) upper = 0x8F; /* nothing above U+10FFFF */
  } else {
    return kReplacementCharacter; /* 80..C1, F5..FF: never a lead byte */
  }
  for (; need > 0; need--) {
    if (*pos >= len) return kReplacementCharacter;
    uint8_t c = s[*pos];
    /* The offending byte is not consumed: it may start the next sequence. */
    if (c < lower || c > upper) return kReplacementCharacter;
    lower = 0x80, upper = 0xBF;
    cp = cp << 6 | (c & 0x3F);
    (*pos)++;
  }
  return cp;
}

size_t utf8_measure(const uint8_t *s, size_t len, uint32_t *max_unit) {
  size_t units = 0, pos = 0;
  uint32_t max = 0;
  while (pos < len) {
    uint32_t cp = utf8_decode_next(s, len, &pos);
    if (cp > 0xFFFF) {
      units += 2;
      max = 0xFFFF; /* the trail surrogate is at least 0xDC00; 0xFFFF just says two-byte */
    } else {
      units++;
      if (cp > max) max = cp;
    }
  }
  *max_unit = max;
  return units;
}

void utf8_decode_to_one_byte(const uint8_t *s, size_t len, uint8_t *out) {
  size_t pos = 0;
  while (pos < len) {
    uint32_t cp = utf8_decode_next(s, len, &pos);
    DCHECK(cp <= 0xFF);
    *out++ = (uint8_t)cp;
  }
}

void utf8_decode_to_two_byte(const uint8_t *s, size_t len, uint16_t *out) {
  size_t pos = 0;
  while (pos < len) {
    uint32_t cp = utf8_decode_next(s, len, &pos);
    if (cp > 0xFFFF) {
      cp -= 0x10000;
      *out++ = (uint16_t)(0xD800 | (cp >> 10));
      *out++ = (uint16_t)(0xDC00 | (cp & 0x3FF));
    } else {
      *out++ = (uint16_t)cp;
    }
  }
}

/* ---- WTF-8 encoding ------------------------------------------------------------------ */

static void wtf8_emit(Wtf8Encoder *e, uint32_t cp) {
  uint8_t buf[4];
  size_t n;
  if (cp < 0x80) {
    buf[0] = (uint8_t)cp, n = 1;
  } else if (cp < 0x800) {
    buf[0] = (uint8_t)(0xC0 | cp >> 6), buf[1] = (uint8_t)(0x80 | (cp & 0x3F)), n = 2;
  } else if (cp < 0x10000) {
    buf[0] = (uint8_t)(0xE0 | cp >> 12), buf[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
    buf[2] = (uint8_t)(0x80 | (cp & 0x3F)), n = 3;
  } else {
    buf[0] = (uint8_t)(0xF0 | cp >> 18), buf[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
    buf[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F)), buf[3] = (uint8_t)(0x80 | (cp & 0x3F)), n = 4;
  }
  if (e->out) {
    for (size_t i = 0; i < n; i++) e->out[e->length + i] = (char)buf[i];
  }
  e->length += n;
}

void wtf8_encoder_init(Wtf8Encoder *e, char *out) {
  e->out = out;
  e->length = 0;
  e->lead = 0;
}

void wtf8_encoder_put(Wtf8Encoder *e, uint16_t unit) {
  if (e->lead) {
    uint16_t lead = e->lead;
    e->lead = 0;
    if (utf16_is_trail_surrogate(unit)) {
      wtf8_emit(e, 0x10000 + ((uint32_t)(lead - 0xD800) << 10) + (uint32_t)(unit - 0xDC00));
      return;
    }
    wtf8_emit(e, lead); /* a lone lead surrogate */
  }
  if (utf16_is_lead_surrogate(unit)) {
    e->lead = unit;
    return;
  }
  wtf8_emit(e, unit);
}

void wtf8_encoder_finish(Wtf8Encoder *e) {
  if (e->lead) wtf8_emit(e, e->lead);
  e->lead = 0;
}
