#include "bits/popcount.h"
#include "microunit.h"

static void test_popcount(void) {
  TEST_ASSERT_EQUAL_UINT(0, popcount64(0));
  TEST_ASSERT_EQUAL_UINT(64, popcount64(~(uint64_t)0));
  TEST_ASSERT_EQUAL_UINT(3, popcount64(0x10101));
}

static void test_density(void) {
  TEST_ASSERT_TRUE(density(0xFFFFFFFFu) == 0.5);
  TEST_ASSERT_TRUE(density(1) == 0.016);
}

int main(void) {
  MU_BEGIN();
  RUN_TEST(test_popcount);
  RUN_TEST(test_density);
  return MU_END();
}
