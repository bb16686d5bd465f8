#ifndef HASH_FNV1A_H
#define HASH_FNV1A_H

#include <stddef.h>
#include <stdint.h>

uint32_t fnv1a32(const void *data, size_t len);
uint32_t fnv1a32_str(const char *s);

#endif
