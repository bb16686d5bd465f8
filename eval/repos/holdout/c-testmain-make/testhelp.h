/* testhelp.h -- the few macros ini.c's built-in tests use.
 *
 * test_cond("description", expression) prints a numbered line for each check
 * and counts the failures; test_report() prints a summary and exits with a
 * status that make(1) understands.
 */
#ifndef INI_TESTHELP_H
#define INI_TESTHELP_H

#include <stdio.h>
#include <stdlib.h>

static int test_checks = 0;
static int test_failures = 0;

#define test_cond(descr, _c)                                                  \
    do {                                                                      \
        test_checks++;                                                        \
        printf("%3d - %-50s ", test_checks, descr);                           \
        if (_c) {                                                             \
            printf("PASSED\n");                                               \
        } else {                                                              \
            printf("FAILED (%s:%d)\n", __FILE__, __LINE__);                   \
            test_failures++;                                                  \
        }                                                                     \
    } while (0)

#define test_report()                                                         \
    do {                                                                      \
        printf("%d tests, %d passed, %d failed\n", test_checks,               \
               test_checks - test_failures, test_failures);                   \
        if (test_failures) {                                                  \
            fprintf(stderr, "%d check(s) failed\n", test_failures);          \
            exit(1);                                                          \
        }                                                                     \
    } while (0)

#endif /* INI_TESTHELP_H */
