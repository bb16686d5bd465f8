#include <string.h>

#include "semver.h"
#include "unity.h"

static semver_t v;

void setUp(void)
{
    memset(&v, 0xAB, sizeof v);
}

void tearDown(void) {}

static void test_parses_plain_version(void)
{
    TEST_ASSERT_EQUAL_INT(0, semver_parse("1.20.3", &v));
    TEST_ASSERT_EQUAL_UINT(1, v.major);
    TEST_ASSERT_EQUAL_UINT(20, v.minor);
    TEST_ASSERT_EQUAL_UINT(3, v.patch);
    TEST_ASSERT_EQUAL_STRING("", v.prerelease);
    TEST_ASSERT_EQUAL_STRING("", v.build);
}

static void test_parses_prerelease_and_build(void)
{
    TEST_ASSERT_EQUAL_INT(0, semver_parse("v2.0.0-rc.1+sha.5114f85", &v));
    TEST_ASSERT_EQUAL_UINT(2, v.major);
    TEST_ASSERT_EQUAL_STRING("rc.1", v.prerelease);
    TEST_ASSERT_EQUAL_STRING("sha.5114f85", v.build);
}

static void test_build_without_prerelease(void)
{
    TEST_ASSERT_EQUAL_INT(0, semver_parse("1.0.0+20240101", &v));
    TEST_ASSERT_EQUAL_STRING("", v.prerelease);
    TEST_ASSERT_EQUAL_STRING("20240101", v.build);
}

static void test_rejects_malformed_versions(void)
{
    static const char *const bad[] = {
        "", "1", "1.2", "1.2.", "1..3", "01.2.3", "1.2.3-", "1.2.3-a..b",
        "1.2.3+", "1.2.3 ", "a.b.c", "1.2.3-rc!", "1.2.3.4",
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        TEST_ASSERT_EQUAL_INT_MESSAGE(-1, semver_parse(bad[i], &v), bad[i]);
}

static void test_failed_parse_leaves_output_alone(void)
{
    semver_t before;
    memcpy(&before, &v, sizeof v);
    TEST_ASSERT_EQUAL_INT(-1, semver_parse("1.2.x", &v));
    TEST_ASSERT_TRUE(memcmp(&before, &v, sizeof v) == 0);
}

static void test_format_round_trips(void)
{
    static const char *const texts[] = {"0.0.0", "10.20.30", "1.0.0-alpha.1",
                                        "1.0.0+build.7", "3.1.4-beta+exp.sha"};
    char buf[64];
    size_t i;
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        TEST_ASSERT_EQUAL_INT(0, semver_parse(texts[i], &v));
        TEST_ASSERT_EQUAL_INT((int)strlen(texts[i]), semver_format(&v, buf, sizeof buf));
        TEST_ASSERT_EQUAL_STRING(texts[i], buf);
    }
}

static void test_key_packs_components(void)
{
    TEST_ASSERT_EQUAL_INT(0, semver_parse("1.2.3", &v));
    TEST_ASSERT_EQUAL_HEX64(0x0000010000200003ULL, semver_key(&v));
    TEST_ASSERT_EQUAL_INT(0, semver_parse("4095.0.1-rc", &v));
    TEST_ASSERT_EQUAL_UINT64(4502500115742721ULL, semver_key(&v));
}

int main(void)
{
    UNITY_BEGIN();
    RUN_TEST(test_parses_plain_version);
    RUN_TEST(test_parses_prerelease_and_build);
    RUN_TEST(test_build_without_prerelease);
    RUN_TEST(test_rejects_malformed_versions);
    RUN_TEST(test_failed_parse_leaves_output_alone);
    RUN_TEST(test_format_round_trips);
    RUN_TEST(test_key_packs_components);
    return UNITY_END();
}
