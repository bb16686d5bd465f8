#include <stdio.h>
#include <stdlib.h>

#include "shift.h"

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 13;
  int c;
  while ((c = getchar()) != EOF) putchar(shift_char((char)c, n));
  return 0;
}
