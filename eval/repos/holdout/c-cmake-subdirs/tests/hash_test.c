#include <stdio.h>

#include "hash/fnv1a.h"

int main(void) {
  int bad = 0;
  /* Published FNV-1a 32-bit test vectors. */
  if (fnv1a32_str("") != 0x811c9dc5u) bad++;
  if (fnv1a32_str("a") != 0xe40c292cu) bad++;
  if (fnv1a32_str("foobar") != 0xbf9cf968u) bad++;
  printf("hash_test: %d failure(s)\n", bad);
  return bad != 0;
}
