// Character shingles hashed to 64 bits, one-permutation MinHash with optimal densification,
// LSH band keys, and the radix sort that groups equal band keys.
#include <stdlib.h>
#include <string.h>

#include "CVendorKernels.h"
#include "dispatch.h"

// MurmurHash3's 64-bit finaliser: a bijection with full avalanche, so every output bit depends
// on every input bit (the bins and values below are cut from different bits of one hash).
CVK_INLINE uint64_t fmix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Maps the high 32 bits of x uniformly onto [0, k) without a division (Lemire's reduction).
CVK_INLINE uint32_t reduce32(uint64_t x, ptrdiff_t k) {
  return (uint32_t)(((x >> 32) * (uint64_t)k) >> 32);
}

// Shingle hash: a polynomial rolling hash of the n scalars (mod 2^64, odd base larger than any
// scalar, so one multiply-add per position instead of n), seeded, then the fmix64 finaliser so
// that every output bit depends on every scalar of the shingle.
ptrdiff_t cvk_shingle_hashes(const uint32_t *units, ptrdiff_t len, ptrdiff_t n, uint64_t seed,
                             uint64_t *out) {
  if (len <= 0 || n <= 0) return 0;
  const uint64_t base = 0x9E3779B97F4A7C15ULL;
  ptrdiff_t width = len < n ? len : n;
  ptrdiff_t count = len - width + 1;
  uint64_t salt = fmix64(seed ^ (0xD6E8FEB86659FD93ULL * (uint64_t)width));
  uint64_t top = 1;  // base^(width-1)
  for (ptrdiff_t t = 1; t < width; t++) top *= base;
  uint64_t h = 0;
  for (ptrdiff_t t = 0; t < width; t++) h = h * base + (uint64_t)units[t] + 1;
  out[0] = fmix64(h ^ salt);
  for (ptrdiff_t i = 1; i < count; i++) {
    h = (h - ((uint64_t)units[i - 1] + 1) * top) * base + (uint64_t)units[i + width - 1] + 1;
    out[i] = fmix64(h ^ salt);
  }
  return count;
}

ptrdiff_t cvk_utf8_scalar_count(const uint8_t *bytes, ptrdiff_t len) {
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 0; i < len; i++) n += (bytes[i] & 0xC0) != 0x80;
  return n;
}

ptrdiff_t cvk_shingle_hashes_utf8(const uint8_t *bytes, ptrdiff_t len, ptrdiff_t n, uint64_t seed,
                                  uint32_t *scratch, uint64_t *out) {
  // Decode (the input is valid UTF-8: Swift strings always are).
  ptrdiff_t count = 0;
  for (ptrdiff_t i = 0; i < len;) {
    uint32_t b = bytes[i];
    uint32_t c;
    int extra;
    if (b < 0x80) { c = b; extra = 0; }
    else if (b < 0xE0) { c = b & 0x1F; extra = 1; }
    else if (b < 0xF0) { c = b & 0x0F; extra = 2; }
    else { c = b & 0x07; extra = 3; }
    i++;
    for (int t = 0; t < extra && i < len; t++, i++) c = (c << 6) | (bytes[i] & 0x3F);
    scratch[count++] = c;
  }
  return cvk_shingle_hashes(scratch, count, n, seed, out);
}

CVK_INLINE void oph_body(const uint64_t *hashes, ptrdiff_t count, ptrdiff_t k, uint64_t seed,
                         uint32_t *sig, uint8_t *filled) {
  uint64_t salt = fmix64(seed + 0x632BE59BD9B4E019ULL);
  for (ptrdiff_t b = 0; b < k; b++) { sig[b] = 0xFFFFFFFFu; filled[b] = 0; }
  // The shingle hashes are already fully mixed (fmix64), so one odd multiply after the seeded
  // XOR is enough to permute them per seed: the high bits (the bin) depend on every input bit.
  for (ptrdiff_t i = 0; i < count; i++) {
    uint64_t x = fmix64(hashes[i] ^ salt);
    uint32_t bin = reduce32(x, k);
    uint32_t v = (uint32_t)x;
    if (v < sig[bin]) sig[bin] = v;
    filled[bin] = 1;
  }
}

static void oph_base(const uint64_t *h, ptrdiff_t c, ptrdiff_t k, uint64_t s, uint32_t *sig,
                     uint8_t *f) {
  oph_body(h, c, k, s, sig, f);
}

CVK_TARGET_FAST static void oph_fast(const uint64_t *h, ptrdiff_t c, ptrdiff_t k, uint64_t s,
                                     uint32_t *sig, uint8_t *f) {
  oph_body(h, c, k, s, sig, f);
}

void cvk_minhash_oph(const uint64_t *hashes, ptrdiff_t count, ptrdiff_t k, uint64_t seed,
                     uint32_t *sig) {
  if (k <= 0) return;
  uint8_t stack_filled[1024];
  uint8_t *filled = stack_filled;
  uint8_t heap_filled_needed = k > 1024;
  if (heap_filled_needed) filled = (uint8_t *)malloc((size_t)k);
  if (cvk_use_fast())
    oph_fast(hashes, count, k, seed, sig, filled);
  else
    oph_base(hashes, count, k, seed, sig, filled);
  ptrdiff_t nonempty = 0;
  for (ptrdiff_t b = 0; b < k; b++) nonempty += filled[b];
  if (nonempty > 0 && nonempty < k) {
    // Optimal densification (Shrivastava 2017): an empty bin copies the first non-empty bin
    // in its own pseudo-random probe sequence. The sequence depends only on (seed, bin), so two
    // sets with the same non-empty bins fill an empty bin from the same donor, which keeps
    // Pr[sig_a[b] == sig_b[b]] equal to the Jaccard similarity.
    uint64_t salt = fmix64(seed ^ 0xD1B54A32D192ED03ULL);
    for (ptrdiff_t b = 0; b < k; b++) {
      if (filled[b]) continue;
      ptrdiff_t donor = -1;
      for (uint64_t attempt = 1; attempt <= 64 * (uint64_t)k && donor < 0; attempt++) {
        uint32_t d = reduce32(fmix64(salt ^ ((uint64_t)b << 32 | attempt)), k);
        if (filled[d]) donor = d;
      }
      // Probe budget exhausted (astronomically rare): fall back to the next non-empty bin.
      for (ptrdiff_t t = 1; donor < 0; t++)
        if (filled[(b + t) % k]) donor = (b + t) % k;
      sig[b] = sig[donor];
    }
  }
  if (heap_filled_needed) free(filled);
}

uint64_t cvk_band_key(const uint32_t *values, ptrdiff_t rows, uint64_t band_seed) {
  uint64_t h = fmix64(band_seed ^ 0xA0761D6478BD642FULL);
  for (ptrdiff_t r = 0; r < rows; r++) {
    h = (h ^ values[r]) * 0xE7037ED1A0B428DBULL;
    h ^= h >> 31;
  }
  return fmix64(h);
}

void cvk_sort_keys_ids(uint64_t *keys, uint32_t *ids, ptrdiff_t n, uint64_t *sk,
                       uint32_t *si) {
  // LSD radix sort, 8 passes of 8 bits; passes where every key has the same digit are skipped.
  uint64_t *src_k = keys, *dst_k = sk;
  uint32_t *src_i = ids, *dst_i = si;
  for (int shift = 0; shift < 64; shift += 8) {
    ptrdiff_t counts[256];
    memset(counts, 0, sizeof counts);
    for (ptrdiff_t i = 0; i < n; i++) counts[(src_k[i] >> shift) & 0xFF]++;
    int trivial = 0;
    for (int d = 0; d < 256; d++) if (counts[d] == n) trivial = 1;
    if (trivial) continue;
    ptrdiff_t pos = 0;
    for (int d = 0; d < 256; d++) { ptrdiff_t c = counts[d]; counts[d] = pos; pos += c; }
    for (ptrdiff_t i = 0; i < n; i++) {
      ptrdiff_t p = counts[(src_k[i] >> shift) & 0xFF]++;
      dst_k[p] = src_k[i];
      dst_i[p] = src_i[i];
    }
    uint64_t *tk = src_k; src_k = dst_k; dst_k = tk;
    uint32_t *ti = src_i; src_i = dst_i; dst_i = ti;
  }
  if (src_k != keys) {
    memcpy(keys, src_k, (size_t)n * sizeof *keys);
    memcpy(ids, src_i, (size_t)n * sizeof *ids);
  }
}

void cvk_minhash_text_utf8(const uint8_t *bytes, ptrdiff_t len, ptrdiff_t n, uint64_t shingle_seed,
                           ptrdiff_t k, uint64_t seed, uint32_t *scratch_units,
                           uint64_t *scratch_hashes, uint32_t *sig) {
  ptrdiff_t count = cvk_shingle_hashes_utf8(bytes, len, n, shingle_seed, scratch_units,
                                            scratch_hashes);
  cvk_minhash_oph(scratch_hashes, count, k, seed, sig);
}
