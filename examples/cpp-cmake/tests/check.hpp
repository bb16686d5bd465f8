#pragma once

#include <cstdio>

inline int& check_failures() {
  static int failures = 0;
  return failures;
}

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      std::fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
      ++check_failures();                                                        \
    }                                                                            \
  } while (0)

#define CHECK_REPORT() (check_failures() == 0 ? 0 : (std::fprintf(stderr, "%d failed\n", check_failures()), 1))
