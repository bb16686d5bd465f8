/* unity.c -- the runner and assertions behind unity.h. */
#include "unity.h"

#include <stdio.h>
#include <string.h>

struct UNITY_STORAGE_T Unity;

static void print_location(unsigned long line)
{
    printf("%s:%lu:%s:", Unity.TestFile, line, Unity.CurrentTestName);
}

static void print_number(UNITY_INT value, UNITY_DISPLAY_STYLE_T style)
{
    switch (style) {
    case UNITY_DISPLAY_STYLE_UINT:
        printf(UNITY_UINT_FMT, (UNITY_UINT_CAST)(UNITY_UINT)value);
        break;
    case UNITY_DISPLAY_STYLE_HEX:
        printf("0x%llX", (unsigned long long)(UNITY_UINT)value);
        break;
    default:
        printf(UNITY_INT_FMT, (UNITY_INT_CAST)value);
        break;
    }
}

static void fail_here(unsigned long line, const char *msg)
{
    if (msg)
        printf(" %s", msg);
    printf("\n");
    (void)line;
    Unity.CurrentTestFailed = 1;
    UNITY_TEST_ABORT();
}

void UnityBegin(const char *filename)
{
    memset(&Unity, 0, sizeof Unity);
    Unity.TestFile = filename;
}

int UnityEnd(void)
{
    printf("\n-----------------------\n");
    printf("%lu Tests %lu Failures %lu Ignored\n", Unity.NumberOfTests,
           Unity.TestFailures, Unity.TestIgnores);
    printf(Unity.TestFailures == 0 ? "OK\n" : "FAIL\n");
    fflush(stdout);
    return (int)Unity.TestFailures;
}

void UnityDefaultTestRun(UnityTestFunction func, const char *name, int line)
{
    Unity.CurrentTestName = name;
    Unity.CurrentTestLineNumber = (unsigned long)line;
    Unity.CurrentTestFailed = 0;
    Unity.CurrentTestIgnored = 0;
    Unity.NumberOfTests++;

    if (setjmp(Unity.AbortFrame) == 0) {
        setUp();
        func();
    }
    if (setjmp(Unity.AbortFrame) == 0)
        tearDown();

    if (Unity.CurrentTestIgnored) {
        Unity.TestIgnores++;
    } else if (Unity.CurrentTestFailed) {
        Unity.TestFailures++;
    } else {
        printf("%s:%lu:%s:PASS\n", Unity.TestFile, Unity.CurrentTestLineNumber,
               Unity.CurrentTestName);
    }
    fflush(stdout);
}

void UnityAssertEqualNumber(UNITY_INT expected, UNITY_INT actual,
                            const char *msg, unsigned long line,
                            UNITY_DISPLAY_STYLE_T style)
{
    if (expected == actual)
        return;
    print_location(line);
    printf("FAIL: Expected ");
    print_number(expected, style);
    printf(" Was ");
    print_number(actual, style);
    fail_here(line, msg);
}

void UnityAssertEqualString(const char *expected, const char *actual,
                            const char *msg, unsigned long line)
{
    if (expected && actual && strcmp(expected, actual) == 0)
        return;
    if (!expected && !actual)
        return;
    print_location(line);
    printf("FAIL: Expected \"%s\" Was \"%s\"", expected ? expected : "(null)",
           actual ? actual : "(null)");
    fail_here(line, msg);
}

void UnityAssertTrue(int condition, const char *expr, const char *msg,
                     unsigned long line)
{
    if (condition)
        return;
    print_location(line);
    printf("FAIL: %s", expr);
    fail_here(line, msg);
}

#ifdef UNITY_INCLUDE_DOUBLE
void UnityAssertDoubleWithin(double delta, double expected, double actual,
                             const char *msg, unsigned long line)
{
    double diff = expected > actual ? expected - actual : actual - expected;
    if (diff <= delta)
        return;
    print_location(line);
    printf("FAIL: Expected %g Was %g (delta %g)", expected, actual, delta);
    fail_here(line, msg);
}
#endif

void UnityFail(const char *msg, unsigned long line)
{
    print_location(line);
    printf("FAIL");
    fail_here(line, msg);
}

void UnityIgnore(const char *msg, unsigned long line)
{
    print_location(line);
    printf("IGNORE");
    if (msg)
        printf(" %s", msg);
    printf("\n");
    Unity.CurrentTestIgnored = 1;
    UNITY_TEST_ABORT();
}
