#ifndef FORMAT_UTIL_H
#define FORMAT_UTIL_H

#include <stddef.h>

/* Appends "sep value" to out at *pos; returns -1 when out is too small. */
int append_int(char *out, size_t out_len, size_t *pos, const char *sep, int value);

#endif
