/* microunit: a tiny Unity-style test harness kept with the project's tests. */
#ifndef MICROUNIT_H
#define MICROUNIT_H

void mu_begin(const char *suite);
int mu_end(void);
void mu_run(void (*fn)(void), const char *name);
void mu_fail(const char *file, int line, const char *msg);

#define MU_BEGIN() mu_begin(__FILE__)
#define MU_END() mu_end()
#define RUN_TEST(fn) mu_run(fn, #fn)
#define TEST_ASSERT_TRUE(c) \
  do { if (!(c)) { mu_fail(__FILE__, __LINE__, "expected true: " #c); return; } } while (0)
#define TEST_ASSERT_FALSE(c) TEST_ASSERT_TRUE(!(c))
#define TEST_ASSERT_EQUAL_UINT(e, a) \
  do { if ((unsigned)(e) != (unsigned)(a)) { mu_fail(__FILE__, __LINE__, "expected " #e " == " #a); return; } } while (0)

#endif
