#include <math.h>

#include "bits/popcount.h"

unsigned popcount64(uint64_t x) {
  unsigned n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

double density(uint64_t x) { return round(1000.0 * popcount64(x) / 64.0) / 1000.0; }
