#ifndef BITS_POPCOUNT_H
#define BITS_POPCOUNT_H

#include <stdint.h>

unsigned popcount64(uint64_t x);
double density(uint64_t x);

#endif
