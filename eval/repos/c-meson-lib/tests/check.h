/* Tiny assertion helpers shared by the test programs.  A test program exits
 * with 0 when every CHECK held, 1 otherwise (what `meson test` expects). */
#ifndef URLQ_TESTS_CHECK_H
#define URLQ_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            check_failures++;                                                 \
        }                                                                     \
    } while (0)

#define CHECK_STR(expected, actual)                                           \
    do {                                                                      \
        const char *e_ = (expected);                                          \
        const char *a_ = (actual);                                            \
        if (!a_ || strcmp(e_, a_) != 0) {                                     \
            fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", __FILE__, \
                    __LINE__, e_, a_ ? a_ : "(null)");                        \
            check_failures++;                                                 \
        }                                                                     \
    } while (0)

#define CHECK_DONE()                                                          \
    (printf("%s: %s\n", __FILE__, check_failures ? "FAILED" : "ok"),          \
     check_failures ? 1 : 0)

#endif
