#include "hash/fnv1a.h"

#include <string.h>

uint32_t fnv1a32(const void *data, size_t len) {
  const unsigned char *p = data;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

uint32_t fnv1a32_str(const char *s) { return fnv1a32(s, strlen(s)); }
