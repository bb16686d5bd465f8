#include <stdio.h>

#include "format_util.h"
#include "queue.h"

int append_int(char *out, size_t out_len, size_t *pos, const char *sep, int value) {
  int n = snprintf(out + *pos, out_len - *pos, "%s%d", sep, value);
  if (n < 0 || (size_t)n >= out_len - *pos) return -1;
  *pos += (size_t)n;
  return 0;
}

int queue_format(const queue *q, char *out, size_t out_len) {
  size_t pos = 0;
  size_t i;
  if (out_len == 0) return -1;
  out[0] = '\0';
  for (i = 0; i < q->count; i++) {
    int v = q->items[(q->head + i) % QUEUE_CAPACITY];
    if (append_int(out, out_len, &pos, i ? "," : "", v) != 0) return -1;
  }
  return 0;
}
