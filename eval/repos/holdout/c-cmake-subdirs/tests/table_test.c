#include <stdio.h>
#include <string.h>

#include "kv/table.h"

static int failures;
#define ASSERT(c) do { if (!(c)) { fprintf(stderr, "line %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(int argc, char **argv) {
  int verbose = argc > 1 && strcmp(argv[1], "--verbose") == 0;
  kv_table *t = kv_new();
  int v = 0;
  char key[16];
  ASSERT(kv_put(t, "one", 1) == 0);
  ASSERT(kv_put(t, "one", 11) == 0);
  ASSERT(kv_get(t, "one", &v) == 0 && v == 11);
  ASSERT(kv_get(t, "two", &v) == -1);
  for (int i = 0; i < 100; i++) {
    snprintf(key, sizeof key, "k%d", i);
    ASSERT(kv_put(t, key, i) == 0);
  }
  ASSERT(kv_size(t) == 101);
  ASSERT(kv_get(t, "k42", &v) == 0 && v == 42);
  kv_free(t);
  if (verbose) printf("table_test: %d failure(s)\n", failures);
  return failures != 0;
}
