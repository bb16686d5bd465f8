#include <stdio.h>
#include <string.h>

#include "queue.h"

static int failures = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                     \
    }                                                                 \
  } while (0)

static void test_fifo_order(void) {
  queue q;
  int v = 0;
  queue_init(&q);
  CHECK(queue_push(&q, 1) == 0);
  CHECK(queue_push(&q, 2) == 0);
  CHECK(queue_pop(&q, &v) == 0 && v == 1);
  CHECK(queue_pop(&q, &v) == 0 && v == 2);
  CHECK(queue_pop(&q, &v) == -1);
}

static void test_capacity(void) {
  queue q;
  int i;
  queue_init(&q);
  for (i = 0; i < QUEUE_CAPACITY; i++) CHECK(queue_push(&q, i) == 0);
  CHECK(queue_push(&q, 99) == -1);
  CHECK(queue_size(&q) == QUEUE_CAPACITY);
}

static void test_format(void) {
  queue q;
  char out[64];
  queue_init(&q);
  queue_push(&q, 3);
  queue_push(&q, 14);
  CHECK(queue_format(&q, out, sizeof out) == 0);
  CHECK(strcmp(out, "3,14") == 0);
  CHECK(queue_format(&q, out, 3) == -1);
}

int main(void) {
  test_fifo_order();
  test_capacity();
  test_format();
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("queue_test: all checks passed\n");
  return 0;
}
