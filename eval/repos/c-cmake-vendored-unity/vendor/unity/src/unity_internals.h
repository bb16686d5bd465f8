/* unity_internals.h -- the parts of the framework test files do not call
 * directly; include unity.h instead. */
#ifndef UNITY_INTERNALS_H
#define UNITY_INTERNALS_H

#include <setjmp.h>
#include <stddef.h>

#ifdef UNITY_SUPPORT_64
#include <stdint.h>
typedef int64_t UNITY_INT;
typedef uint64_t UNITY_UINT;
#define UNITY_INT_FMT "%lld"
#define UNITY_UINT_FMT "%llu"
#define UNITY_INT_CAST long long
#define UNITY_UINT_CAST unsigned long long
#else
typedef long UNITY_INT;
typedef unsigned long UNITY_UINT;
#define UNITY_INT_FMT "%ld"
#define UNITY_UINT_FMT "%lu"
#define UNITY_INT_CAST long
#define UNITY_UINT_CAST unsigned long
#endif

typedef void (*UnityTestFunction)(void);

typedef enum {
    UNITY_DISPLAY_STYLE_INT,
    UNITY_DISPLAY_STYLE_UINT,
    UNITY_DISPLAY_STYLE_HEX
} UNITY_DISPLAY_STYLE_T;

struct UNITY_STORAGE_T {
    const char *TestFile;
    const char *CurrentTestName;
    unsigned long CurrentTestLineNumber;
    unsigned long NumberOfTests;
    unsigned long TestFailures;
    unsigned long TestIgnores;
    int CurrentTestFailed;
    int CurrentTestIgnored;
    jmp_buf AbortFrame;
};

extern struct UNITY_STORAGE_T Unity;

void UnityBegin(const char *filename);
int UnityEnd(void);
void UnityDefaultTestRun(UnityTestFunction func, const char *name, int line);

void UnityAssertEqualNumber(UNITY_INT expected, UNITY_INT actual,
                            const char *msg, unsigned long line,
                            UNITY_DISPLAY_STYLE_T style);
void UnityAssertEqualString(const char *expected, const char *actual,
                            const char *msg, unsigned long line);
void UnityAssertTrue(int condition, const char *expr, const char *msg,
                     unsigned long line);
#ifdef UNITY_INCLUDE_DOUBLE
void UnityAssertDoubleWithin(double delta, double expected, double actual,
                             const char *msg, unsigned long line);
#endif
void UnityFail(const char *msg, unsigned long line);
void UnityIgnore(const char *msg, unsigned long line);

#define UNITY_TEST_ABORT() longjmp(Unity.AbortFrame, 1)

#endif /* UNITY_INTERNALS_H */
