#include <stdio.h>
#include <string.h>
int main(void) {
  FILE *f = fopen("testdata/expected.txt", "r");
  if (!f) { perror("testdata/expected.txt"); return 1; }
  char buf[64] = {0};
  fgets(buf, sizeof buf, f);
  fclose(f);
  if (strcmp(buf, "ok\n") != 0) { printf("FAIL: got %s\n", buf); return 1; }
  printf("1 test passed\n");
  return 0;
}
