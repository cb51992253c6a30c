// Pattern-match vectors for bit-parallel string kernels: for each character c of the pattern,
// a bitmask (one bit per position, `words` 64-bit words) of where c occurs. Characters below
// 256 use a direct table; others an open-addressing table, so any Unicode scalar works.
#ifndef CVK_PATTERN_H
#define CVK_PATTERN_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"

typedef struct {
  ptrdiff_t words;
  ptrdiff_t len;
  uint64_t *latin;  // 256 * words
  uint32_t *keys;   // cap slots, 0 = empty (scalars >= 256 are never 0)
  uint64_t *vals;   // cap * words
  ptrdiff_t cap;
  uint64_t zero[1];  // returned for characters not in the pattern when words == 1
  uint64_t *zeros;   // words zeros
  uint64_t small_latin[256];
  uint32_t small_keys[128];
  uint64_t small_vals[128];
} cvk_pattern;

CVK_INLINE ptrdiff_t cvk_pattern_slot(const cvk_pattern *p, uint32_t c) {
  ptrdiff_t mask = p->cap - 1;
  ptrdiff_t i = (ptrdiff_t)((c * 0x9E3779B1u) >> 7) & mask;
  while (p->keys[i] != 0 && p->keys[i] != c) i = (i + 1) & mask;
  return i;
}

/// Builds the vectors for s[0..<len]. Returns 0 on allocation failure.
static inline int cvk_pattern_init(cvk_pattern *p, const uint32_t *s, ptrdiff_t len) {
  ptrdiff_t words = (len + 63) / 64;
  if (words == 0) words = 1;
  p->words = words;
  p->len = len;
  ptrdiff_t big = 0;
  for (ptrdiff_t i = 0; i < len; i++) big += s[i] >= 256;
  ptrdiff_t cap = 16;
  while (cap < 2 * big) cap *= 2;
  p->cap = cap;
  p->zero[0] = 0;
  if (words == 1 && cap <= 128) {
    p->latin = p->small_latin;
    p->keys = p->small_keys;
    p->vals = p->small_vals;
    p->zeros = p->zero;
    memset(p->small_latin, 0, sizeof p->small_latin);
    memset(p->small_keys, 0, (size_t)cap * sizeof(uint32_t));
  } else {
    p->latin = (uint64_t *)calloc((size_t)(256 * words), sizeof(uint64_t));
    p->keys = (uint32_t *)calloc((size_t)cap, sizeof(uint32_t));
    p->vals = (uint64_t *)calloc((size_t)(cap * words), sizeof(uint64_t));
    p->zeros = (uint64_t *)calloc((size_t)words, sizeof(uint64_t));
    if (!p->latin || !p->keys || !p->vals || !p->zeros) return 0;
  }
  for (ptrdiff_t i = 0; i < len; i++) {
    uint32_t c = s[i];
    uint64_t bit = 1ULL << (i % 64);
    ptrdiff_t w = i / 64;
    if (c < 256) {
      p->latin[c * words + w] |= bit;
    } else {
      ptrdiff_t slot = cvk_pattern_slot(p, c);
      if (p->keys[slot] == 0) {
        p->keys[slot] = c;
        memset(p->vals + slot * words, 0, (size_t)words * sizeof(uint64_t));
      }
      p->vals[slot * words + w] |= bit;
    }
  }
  return 1;
}

static inline void cvk_pattern_free(cvk_pattern *p) {
  if (p->latin != p->small_latin) {
    free(p->latin);
    free(p->keys);
    free(p->vals);
    free(p->zeros);
  }
}

/// The `words` bitmask words of character c.
CVK_INLINE const uint64_t *cvk_pattern_get(const cvk_pattern *p, uint32_t c) {
  if (c < 256) return p->latin + (ptrdiff_t)c * p->words;
  ptrdiff_t slot = cvk_pattern_slot(p, c);
  return p->keys[slot] == c ? p->vals + slot * p->words : p->zeros;
}
#endif
