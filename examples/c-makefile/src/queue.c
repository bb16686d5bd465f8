#include "queue.h"

void queue_init(queue *q) {
  q->head = 0;
  q->count = 0;
}

int queue_push(queue *q, int value) {
  if (q->count == QUEUE_CAPACITY) return -1;
  q->items[(q->head + q->count) % QUEUE_CAPACITY] = value;
  q->count++;
  return 0;
}

int queue_pop(queue *q, int *value) {
  if (q->count == 0) return -1;
  *value = q->items[q->head];
  q->head = (q->head + 1) % QUEUE_CAPACITY;
  q->count--;
  return 0;
}

size_t queue_size(const queue *q) { return q->count; }
