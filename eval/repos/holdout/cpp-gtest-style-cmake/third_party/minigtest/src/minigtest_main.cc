#include <cstdio>

#include "minigtest/minigtest.h"

int main(int argc, char** argv) {
  std::printf("Running main() from minigtest_main.cc\n");
  minigtest::InitMinigtest(&argc, argv);
  return minigtest::RunAllTests();
}
