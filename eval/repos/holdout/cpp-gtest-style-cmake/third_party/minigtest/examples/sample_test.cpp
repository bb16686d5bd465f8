// Sample use of minigtest.  Build it by hand:
//
//   c++ -std=c++14 -I../include -o sample_test sample_test.cpp
//       ../src/minigtest.cc ../src/minigtest_main.cc
//   ./sample_test --minigtest_filter='Factorial.*'
#include <stdexcept>
#include <string>
#include <vector>

#include "minigtest/minigtest.h"

namespace {

long Factorial(int n) {
  if (n < 0) throw std::domain_error("negative factorial");
  return n <= 1 ? 1 : n * Factorial(n - 1);
}

}  // namespace

TEST(Factorial, OfZeroIsOne) { EXPECT_EQ(Factorial(0), 1); }

TEST(Factorial, OfPositiveNumbers) {
  EXPECT_EQ(Factorial(1), 1);
  EXPECT_EQ(Factorial(5), 120);
  EXPECT_GT(Factorial(10), Factorial(9));
}

TEST(Factorial, RejectsNegativeNumbers) { EXPECT_THROW(Factorial(-1), std::domain_error); }

TEST(Vector, AssertStopsTheTest) {
  std::vector<std::string> words = {"a", "b"};
  ASSERT_EQ(words.size(), 2u);  // the lines below would crash otherwise
  EXPECT_EQ(words[1], "b");
}
