/* testutil.h -- the checks the test programs share. */
#ifndef B32_TESTUTIL_H
#define B32_TESTUTIL_H

#include <stdio.h>
#include <string.h>

static int test_failures;
static int test_checks;
static int test_verbose;

#define CHECK(cond)                                                        \
    do {                                                                   \
        test_checks++;                                                     \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                      \
            test_failures++;                                               \
        } else if (test_verbose) {                                         \
            printf("ok: %s\n", #cond);                                     \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *got_ = (got), *want_ = (want);                         \
        test_checks++;                                                     \
        if (strcmp(got_, want_) != 0) {                                    \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__,  \
                    __LINE__, got_, want_);                                \
            test_failures++;                                               \
        }                                                                  \
    } while (0)

static int test_summary(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, test_checks, test_failures);
    return test_failures == 0 ? 0 : 1;
}

#endif
