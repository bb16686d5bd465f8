#ifndef BITS_BITSET_H
#define BITS_BITSET_H

#include <stdint.h>

typedef struct {
  uint64_t words[4];
} bitset256;

void bitset_clear(bitset256 *s);
void bitset_set(bitset256 *s, unsigned bit);
int bitset_test(const bitset256 *s, unsigned bit);
unsigned bitset_count(const bitset256 *s);

#endif
