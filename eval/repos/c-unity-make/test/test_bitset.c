#include "bits/bitset.h"
#include "microunit.h"

static void test_set_and_test(void) {
  bitset256 s;
  bitset_clear(&s);
  bitset_set(&s, 3);
  bitset_set(&s, 200);
  TEST_ASSERT_TRUE(bitset_test(&s, 3));
  TEST_ASSERT_TRUE(bitset_test(&s, 200));
  TEST_ASSERT_FALSE(bitset_test(&s, 4));
}

static void test_count(void) {
  bitset256 s;
  bitset_clear(&s);
  for (unsigned b = 0; b < 256; b += 5) bitset_set(&s, b);
  TEST_ASSERT_EQUAL_UINT(52, bitset_count(&s));
}

int main(void) {
  MU_BEGIN();
  RUN_TEST(test_set_and_test);
  RUN_TEST(test_count);
  return MU_END();
}
