/* unity.h -- a small unit test framework for C.
 *
 * A test file defines setUp(), tearDown() and a number of void(void) test
 * functions, and a main() that runs them:
 *
 *     int main(void) {
 *         UNITY_BEGIN();
 *         RUN_TEST(test_something);
 *         return UNITY_END();
 *     }
 *
 * Optional features, enabled with a define when compiling unity.c and the tests:
 *   UNITY_SUPPORT_64      64-bit integer assertions (TEST_ASSERT_EQUAL_UINT64, ...)
 *   UNITY_INCLUDE_DOUBLE  floating point assertions (TEST_ASSERT_DOUBLE_WITHIN)
 */
#ifndef UNITY_H
#define UNITY_H

#define UNITY_VERSION_MAJOR 1
#define UNITY_VERSION_MINOR 3

#include "unity_internals.h"

#ifdef __cplusplus
extern "C" {
#endif

void setUp(void);
void tearDown(void);

#ifdef __cplusplus
}
#endif

#define UNITY_BEGIN() UnityBegin(__FILE__)
#define UNITY_END() UnityEnd()
#define RUN_TEST(func) UnityDefaultTestRun(func, #func, __LINE__)

#define TEST_FAIL_MESSAGE(msg) UnityFail((msg), __LINE__)
#define TEST_FAIL() UnityFail(NULL, __LINE__)
#define TEST_IGNORE_MESSAGE(msg) UnityIgnore((msg), __LINE__)
#define TEST_IGNORE() UnityIgnore(NULL, __LINE__)

#define TEST_ASSERT_MESSAGE(cond, msg) UnityAssertTrue(!!(cond), #cond, (msg), __LINE__)
#define TEST_ASSERT(cond) TEST_ASSERT_MESSAGE(cond, NULL)
#define TEST_ASSERT_TRUE(cond) TEST_ASSERT_MESSAGE(cond, NULL)
#define TEST_ASSERT_FALSE(cond) UnityAssertTrue(!(cond), "!(" #cond ")", NULL, __LINE__)
#define TEST_ASSERT_NULL(ptr) UnityAssertTrue((ptr) == NULL, #ptr " == NULL", NULL, __LINE__)
#define TEST_ASSERT_NOT_NULL(ptr) UnityAssertTrue((ptr) != NULL, #ptr " != NULL", NULL, __LINE__)

#define TEST_ASSERT_EQUAL_INT_MESSAGE(e, a, msg) \
    UnityAssertEqualNumber((UNITY_INT)(e), (UNITY_INT)(a), (msg), __LINE__, UNITY_DISPLAY_STYLE_INT)
#define TEST_ASSERT_EQUAL_INT(e, a) TEST_ASSERT_EQUAL_INT_MESSAGE(e, a, NULL)
#define TEST_ASSERT_EQUAL(e, a) TEST_ASSERT_EQUAL_INT(e, a)
#define TEST_ASSERT_EQUAL_UINT(e, a) \
    UnityAssertEqualNumber((UNITY_INT)(e), (UNITY_INT)(a), NULL, __LINE__, UNITY_DISPLAY_STYLE_UINT)
#define TEST_ASSERT_EQUAL_HEX(e, a) \
    UnityAssertEqualNumber((UNITY_INT)(e), (UNITY_INT)(a), NULL, __LINE__, UNITY_DISPLAY_STYLE_HEX)
#define TEST_ASSERT_EQUAL_STRING_MESSAGE(e, a, msg) UnityAssertEqualString((e), (a), (msg), __LINE__)
#define TEST_ASSERT_EQUAL_STRING(e, a) TEST_ASSERT_EQUAL_STRING_MESSAGE(e, a, NULL)

#ifdef UNITY_SUPPORT_64
#define TEST_ASSERT_EQUAL_INT64(e, a) \
    UnityAssertEqualNumber((UNITY_INT)(e), (UNITY_INT)(a), NULL, __LINE__, UNITY_DISPLAY_STYLE_INT)
#define TEST_ASSERT_EQUAL_UINT64(e, a) \
    UnityAssertEqualNumber((UNITY_INT)(e), (UNITY_INT)(a), NULL, __LINE__, UNITY_DISPLAY_STYLE_UINT)
#define TEST_ASSERT_EQUAL_HEX64(e, a) \
    UnityAssertEqualNumber((UNITY_INT)(e), (UNITY_INT)(a), NULL, __LINE__, UNITY_DISPLAY_STYLE_HEX)
#endif

#ifdef UNITY_INCLUDE_DOUBLE
#define TEST_ASSERT_DOUBLE_WITHIN(delta, e, a) UnityAssertDoubleWithin((delta), (e), (a), NULL, __LINE__)
#endif

#endif /* UNITY_H */
