#include <stdlib.h>
#include <string.h>

#include "semver.h"
#include "unity.h"

void setUp(void) {}
void tearDown(void) {}

static int cmp(const char *a, const char *b)
{
    semver_t va;
    semver_t vb;
    TEST_ASSERT_EQUAL_INT_MESSAGE(0, semver_parse(a, &va), a);
    TEST_ASSERT_EQUAL_INT_MESSAGE(0, semver_parse(b, &vb), b);
    return semver_compare(&va, &vb);
}

static void test_numeric_fields_compare_as_numbers(void)
{
    TEST_ASSERT_TRUE(cmp("1.2.3", "1.2.10") < 0);
    TEST_ASSERT_TRUE(cmp("1.10.0", "1.9.9") > 0);
    TEST_ASSERT_TRUE(cmp("2.0.0", "10.0.0") < 0);
    TEST_ASSERT_EQUAL_INT(0, cmp("1.2.3", "v1.2.3"));
}

static void test_prerelease_sorts_before_release(void)
{
    TEST_ASSERT_TRUE(cmp("1.0.0-alpha", "1.0.0") < 0);
    TEST_ASSERT_TRUE(cmp("1.0.0", "1.0.0-rc.1") > 0);
}

static void test_build_metadata_is_ignored(void)
{
    TEST_ASSERT_EQUAL_INT(0, cmp("1.0.0+a", "1.0.0+b"));
    TEST_ASSERT_EQUAL_INT(0, cmp("1.0.0-rc.1+x", "1.0.0-rc.1"));
}

/* Every neighbour in this list must sort before the next one. */
static void test_full_precedence_chain(void)
{
    static const char *const chain[] = {
        "1.0.0-alpha",      "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
        "1.0.0-beta.2",     "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0",
        "1.0.1-0",          "1.0.1",         "1.1.0",            "2.0.0",
    };
    size_t i;
    for (i = 0; i + 1 < sizeof chain / sizeof chain[0]; i++) {
        TEST_ASSERT_MESSAGE(cmp(chain[i], chain[i + 1]) < 0, chain[i]);
        TEST_ASSERT_MESSAGE(cmp(chain[i + 1], chain[i]) > 0, chain[i + 1]);
    }
}

static int by_precedence(const void *a, const void *b)
{
    return semver_compare((const semver_t *)a, (const semver_t *)b);
}

static void test_qsort_with_compare(void)
{
    static const char *const input[] = {"1.0.0", "0.9.0", "1.0.0-rc.2", "1.0.0-rc.10", "0.10.0"};
    static const char *const sorted[] = {"0.9.0", "0.10.0", "1.0.0-rc.2", "1.0.0-rc.10", "1.0.0"};
    semver_t versions[5];
    char buf[32];
    size_t i;

    for (i = 0; i < 5; i++)
        TEST_ASSERT_EQUAL_INT(0, semver_parse(input[i], &versions[i]));
    qsort(versions, 5, sizeof versions[0], by_precedence);
    for (i = 0; i < 5; i++) {
        semver_format(&versions[i], buf, sizeof buf);
        TEST_ASSERT_EQUAL_STRING(sorted[i], buf);
    }
}

int main(void)
{
    UNITY_BEGIN();
    RUN_TEST(test_numeric_fields_compare_as_numbers);
    RUN_TEST(test_prerelease_sorts_before_release);
    RUN_TEST(test_build_metadata_is_ignored);
    RUN_TEST(test_full_precedence_chain);
    RUN_TEST(test_qsort_with_compare);
    return UNITY_END();
}
