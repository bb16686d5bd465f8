#include "shift.h"

char shift_char(char c, int n) {
  int k = ((n % 26) + 26) % 26;
  if (c >= 'a' && c <= 'z') return (char)('a' + (c - 'a' + k) % 26);
  if (c >= 'A' && c <= 'Z') return (char)('A' + (c - 'A' + k) % 26);
  return c;
}
