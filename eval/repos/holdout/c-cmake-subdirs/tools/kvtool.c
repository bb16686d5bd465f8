#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kv/table.h"

/* kvtool KEY=VALUE... GET-KEY: stores the pairs, prints the value of the last argument. */
int main(int argc, char **argv) {
  kv_table *t = kv_new();
  int v;
  if (argc < 2 || !t) return 2;
  for (int i = 1; i < argc - 1; i++) {
    char *eq = strchr(argv[i], '=');
    if (!eq) continue;
    *eq = '\0';
    kv_put(t, argv[i], atoi(eq + 1));
  }
  int found = kv_get(t, argv[argc - 1], &v) == 0;
  if (found) printf("%d\n", v);
  kv_free(t);
  return found ? 0 : 1;
}
