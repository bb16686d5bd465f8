#include <stdio.h>
#include <stdlib.h>

#include "queue.h"

int main(int argc, char **argv) {
  queue q;
  char line[256];
  int i;
  queue_init(&q);
  for (i = 1; i < argc; i++) {
    if (queue_push(&q, atoi(argv[i])) != 0) {
      fprintf(stderr, "qtool: queue full after %d items\n", QUEUE_CAPACITY);
      return 1;
    }
  }
  if (queue_format(&q, line, sizeof line) != 0) return 1;
  printf("%s\n", line);
  return 0;
}
