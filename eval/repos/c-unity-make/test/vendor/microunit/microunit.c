#include "microunit.h"

#include <stdio.h>

static const char *current_suite;
static int tests_run, tests_failed, current_failed;

void mu_begin(const char *suite) {
  current_suite = suite;
  tests_run = tests_failed = 0;
}

void mu_fail(const char *file, int line, const char *msg) {
  fprintf(stderr, "%s:%d: FAIL: %s\n", file, line, msg);
  current_failed = 1;
}

void mu_run(void (*fn)(void), const char *name) {
  current_failed = 0;
  fn();
  tests_run++;
  if (current_failed) tests_failed++;
  printf("%s:%s:%s\n", current_suite, name, current_failed ? "FAIL" : "PASS");
}

int mu_end(void) {
  printf("-----------------------\n%d Tests %d Failures\n", tests_run, tests_failed);
  return tests_failed != 0 || tests_run == 0;
}
