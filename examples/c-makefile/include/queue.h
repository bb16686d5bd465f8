#ifndef QUEUE_H
#define QUEUE_H

#include <stddef.h>

#ifndef QUEUE_CAPACITY
#error "QUEUE_CAPACITY must be defined by the build"
#endif

typedef struct {
  int items[QUEUE_CAPACITY];
  size_t head;
  size_t count;
} queue;

void queue_init(queue *q);
int queue_push(queue *q, int value);
int queue_pop(queue *q, int *value);
size_t queue_size(const queue *q);
int queue_format(const queue *q, char *out, size_t out_len);

#endif
