#include "semver.h"
#include "unity.h"

static semver_t version;

void setUp(void) {}
void tearDown(void) {}

static int satisfies(const char *v, const char *constraint)
{
    TEST_ASSERT_EQUAL_INT_MESSAGE(0, semver_parse(v, &version), v);
    return semver_satisfies(&version, constraint);
}

static void test_comparison_operators(void)
{
    TEST_ASSERT_EQUAL_INT(1, satisfies("1.2.3", "1.2.3"));
    TEST_ASSERT_EQUAL_INT(1, satisfies("1.2.3", "=1.2.3"));
    TEST_ASSERT_EQUAL_INT(0, satisfies("1.2.4", "=1.2.3"));
    TEST_ASSERT_EQUAL_INT(1, satisfies("1.2.4", ">1.2.3"));
    TEST_ASSERT_EQUAL_INT(1, satisfies("1.2.3", ">=1.2.3"));
    TEST_ASSERT_EQUAL_INT(0, satisfies("1.2.3", "<1.2.3"));
    TEST_ASSERT_EQUAL_INT(1, satisfies("1.2.3-rc.1", "<1.2.3"));
    TEST_ASSERT_EQUAL_INT(1, satisfies("0.9.0", "<=1.0.0"));
}

static void test_caret_keeps_major(void)
{
    TEST_ASSERT_EQUAL_INT(1, satisfies("1.9.9", "^1.2.3"));
    TEST_ASSERT_EQUAL_INT(0, satisfies("2.0.0", "^1.2.3"));
    TEST_ASSERT_EQUAL_INT(0, satisfies("2.0.0-alpha", "^1.2.3"));
    TEST_ASSERT_EQUAL_INT(0, satisfies("1.2.2", "^1.2.3"));
}

static void test_caret_below_one_keeps_minor(void)
{
    TEST_ASSERT_EQUAL_INT(1, satisfies("0.4.9", "^0.4.1"));
    TEST_ASSERT_EQUAL_INT(0, satisfies("0.5.0", "^0.4.1"));
}

static void test_tilde_keeps_minor(void)
{
    TEST_ASSERT_EQUAL_INT(1, satisfies("1.2.9", "~1.2.3"));
    TEST_ASSERT_EQUAL_INT(0, satisfies("1.3.0", "~1.2.3"));
}

static void test_bad_constraints(void)
{
    TEST_ASSERT_EQUAL_INT(-1, satisfies("1.0.0", ">>1.0.0"));
    TEST_ASSERT_EQUAL_INT(-1, satisfies("1.0.0", "=>1.0.0"));
    TEST_ASSERT_EQUAL_INT(-1, satisfies("1.0.0", "^1.0"));
    TEST_ASSERT_EQUAL_INT(-1, satisfies("1.0.0", ""));
}

int main(void)
{
    UNITY_BEGIN();
    RUN_TEST(test_comparison_operators);
    RUN_TEST(test_caret_keeps_major);
    RUN_TEST(test_caret_below_one_keeps_minor);
    RUN_TEST(test_tilde_keeps_minor);
    RUN_TEST(test_bad_constraints);
    return UNITY_END();
}
