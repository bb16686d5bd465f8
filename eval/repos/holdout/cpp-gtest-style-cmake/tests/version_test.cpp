// Checks that the version compiled into the library is the one CMake's
// project() declares.  CTest passes that version as the only argument.
#include <cstdio>
#include <string>

#include "minigtest/minigtest.h"
#include "semver/version.hpp"

namespace {
std::string expected_version;
}

TEST(LibraryVersion, MatchesProjectVersion) {
  EXPECT_EQ(std::string(semver::library_version()), expected_version);
}

TEST(LibraryVersion, IsItselfASemanticVersion) {
  EXPECT_TRUE(semver::try_parse(semver::library_version()).has_value());
  EXPECT_EQ(std::string(semver::library_version()), SEMVERPP_VERSION);
}

int main(int argc, char** argv) {
  minigtest::InitMinigtest(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s EXPECTED_VERSION\n", argv[0]);
    return 2;
  }
  expected_version = argv[1];
  return minigtest::RunAllTests();
}
