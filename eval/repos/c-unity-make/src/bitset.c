#include "bits/bitset.h"
#include "bits/popcount.h"

void bitset_clear(bitset256 *s) {
  for (int i = 0; i < 4; i++) s->words[i] = 0;
}

void bitset_set(bitset256 *s, unsigned bit) { s->words[(bit / 64) % 4] |= (uint64_t)1 << (bit % 64); }

int bitset_test(const bitset256 *s, unsigned bit) { return (s->words[(bit / 64) % 4] >> (bit % 64)) & 1; }

unsigned bitset_count(const bitset256 *s) {
  unsigned n = 0;
  for (int i = 0; i < 4; i++) n += popcount64(s->words[i]);
  return n;
}
