// Per-row top-k selection over tiles of scores, with one binary min-heap per row whose root
// is the worst kept entry. The scan compares 16 scores at a time against the root and only
// touches the heap when one of them beats it; after the first few tiles almost no score does,
// so the pass runs at memory speed (vectorised in the AVX2 variant).
#include <math.h>

#include "CVendorKernels.h"
#include "dispatch.h"

// a is worse than b: lower score, or equal score and higher index.
CVK_INLINE int worse(float sa, int32_t ia, float sb, int32_t ib) {
  return sa < sb || (sa == sb && ia > ib);
}

CVK_INLINE void sift_down(float *s, int32_t *id, ptrdiff_t size, ptrdiff_t i) {
  for (;;) {
    ptrdiff_t l = 2 * i + 1, r = l + 1, w = i;
    if (l < size && worse(s[l], id[l], s[w], id[w])) w = l;
    if (r < size && worse(s[r], id[r], s[w], id[w])) w = r;
    if (w == i) return;
    float ts = s[i]; s[i] = s[w]; s[w] = ts;
    int32_t ti = id[i]; id[i] = id[w]; id[w] = ti;
    i = w;
  }
}

CVK_INLINE void heap_push(float *s, int32_t *id, int32_t *size, ptrdiff_t k, float v,
                          int32_t j) {
  if (*size < k) {
    ptrdiff_t i = (*size)++;
    s[i] = v; id[i] = j;
    while (i > 0) {
      ptrdiff_t p = (i - 1) / 2;
      if (!worse(s[i], id[i], s[p], id[p])) break;
      float ts = s[i]; s[i] = s[p]; s[p] = ts;
      int32_t ti = id[i]; id[i] = id[p]; id[p] = ti;
      i = p;
    }
  } else if (worse(s[0], id[0], v, j)) {
    s[0] = v; id[0] = j;
    sift_down(s, id, k, 0);
  }
}

CVK_INLINE void merge_row(const float *row, ptrdiff_t cols, int32_t col_offset, ptrdiff_t k,
                          float *s, int32_t *id, int32_t *size) {
  ptrdiff_t c = 0;
  // Fill phase: until the heap is full every non-NaN score enters.
  for (; c < cols && *size < k; c++) {
    if (row[c] == row[c]) heap_push(s, id, size, k, row[c], col_offset + (int32_t)c);
  }
  float thr = *size > 0 ? s[0] : -INFINITY;
  for (; c + 16 <= cols; c += 16) {
    int any = 0;
    for (int t = 0; t < 16; t++) any |= row[c + t] > thr;
    if (any) {
      for (int t = 0; t < 16; t++) {
        if (row[c + t] > thr) {
          heap_push(s, id, size, k, row[c + t], col_offset + (int32_t)(c + t));
          thr = s[0];
        }
      }
    }
  }
  for (; c < cols; c++) {
    if (row[c] > thr) {
      heap_push(s, id, size, k, row[c], col_offset + (int32_t)c);
      thr = s[0];
    }
  }
}

CVK_INLINE void merge_tile_body(const float *tile, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld,
                                int32_t col_offset, ptrdiff_t k, float *hs, int32_t *hi,
                                int32_t *sizes) {
  if (k <= 0) return;
  for (ptrdiff_t r = 0; r < rows; r++)
    merge_row(tile + r * ld, cols, col_offset, k, hs + r * k, hi + r * k, sizes + r);
}

static void merge_tile_base(const float *tile, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld,
                            int32_t col_offset, ptrdiff_t k, float *hs, int32_t *hi,
                            int32_t *sizes) {
  merge_tile_body(tile, rows, cols, ld, col_offset, k, hs, hi, sizes);
}

CVK_TARGET_FAST static void merge_tile_fast(const float *tile, ptrdiff_t rows, ptrdiff_t cols,
                                            ptrdiff_t ld, int32_t col_offset, ptrdiff_t k,
                                            float *hs, int32_t *hi, int32_t *sizes) {
  merge_tile_body(tile, rows, cols, ld, col_offset, k, hs, hi, sizes);
}

void cvk_topk_merge_tile(const float *tile, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld,
                         int32_t col_offset, ptrdiff_t k, float *heap_scores,
                         int32_t *heap_ids, int32_t *heap_sizes) {
  if (cvk_use_fast())
    merge_tile_fast(tile, rows, cols, ld, col_offset, k, heap_scores, heap_ids, heap_sizes);
  else
    merge_tile_base(tile, rows, cols, ld, col_offset, k, heap_scores, heap_ids, heap_sizes);
}

void cvk_topk_finish(ptrdiff_t rows, ptrdiff_t k, float *hs, int32_t *hi,
                     const int32_t *sizes) {
  if (k <= 0) return;
  for (ptrdiff_t r = 0; r < rows; r++) {
    float *s = hs + r * k;
    int32_t *id = hi + r * k;
    ptrdiff_t n = sizes[r];
    // Heap sort: repeatedly move the worst to the end, leaving best-first order.
    for (ptrdiff_t end = n - 1; end > 0; end--) {
      float ts = s[0]; s[0] = s[end]; s[end] = ts;
      int32_t ti = id[0]; id[0] = id[end]; id[end] = ti;
      sift_down(s, id, end, 0);
    }
    for (ptrdiff_t i = n; i < k; i++) { s[i] = -INFINITY; id[i] = -1; }
  }
}

// ---- Two-sided threshold scan ----
// Used where one score matrix feeds both row and column top-k lists: a score matters when it
// beats its row's k-th best or its column's. Blocks of 16 are reduced without branches (min,
// compare, or), which clang vectorises; only a block with a hit is walked element by element.
CVK_INLINE ptrdiff_t first_above_body(const float *s, const float *col_min, ptrdiff_t n,
                                      ptrdiff_t start, float row_min) {
  ptrdiff_t i = start;
  for (; i + 16 <= n; i += 16) {
    int any = 0;
    for (int l = 0; l < 16; l++) {
      float t = col_min[i + l] < row_min ? col_min[i + l] : row_min;
      any |= s[i + l] > t;
    }
    if (any) break;
  }
  for (; i < n; i++) {
    float t = col_min[i] < row_min ? col_min[i] : row_min;
    if (s[i] > t) return i;
  }
  return n;
}

static ptrdiff_t first_above_base(const float *s, const float *c, ptrdiff_t n, ptrdiff_t st,
                                  float r) {
  return first_above_body(s, c, n, st, r);
}

CVK_TARGET_FAST static ptrdiff_t first_above_fast(const float *s, const float *c, ptrdiff_t n,
                                                  ptrdiff_t st, float r) {
  return first_above_body(s, c, n, st, r);
}

ptrdiff_t cvk_first_above(const float *scores, const float *col_min, ptrdiff_t n,
                          ptrdiff_t start, float row_min) {
  return cvk_use_fast() ? first_above_fast(scores, col_min, n, start, row_min)
                        : first_above_base(scores, col_min, n, start, row_min);
}
