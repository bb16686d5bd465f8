#include <algorithm>
#include <string>
#include <vector>

#include "minigtest/minigtest.h"
#include "semver/version.hpp"

using semver::parse;

TEST(Compare, CoreFieldsNumerically) {
  EXPECT_LT(parse("1.9.0"), parse("1.10.0"));
  EXPECT_LT(parse("1.0.9"), parse("1.0.10"));
  EXPECT_GT(parse("2.0.0"), parse("1.99.99"));
  EXPECT_EQ(semver::compare(parse("3.1.4"), parse("3.1.4")), 0);
}

TEST(Compare, PrereleaseSortsBeforeRelease) {
  EXPECT_LT(parse("1.0.0-alpha"), parse("1.0.0"));
  EXPECT_GT(parse("1.0.1-alpha"), parse("1.0.0"));
}

TEST(Compare, SpecificationExample) {
  // The ordering given in section 11 of the specification.
  const std::vector<std::string> ordered = {
      "1.0.0-alpha",      "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
      "1.0.0-beta.2",     "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0",
  };
  for (size_t i = 0; i + 1 < ordered.size(); ++i) {
    EXPECT_LT(parse(ordered[i]), parse(ordered[i + 1]));
    EXPECT_GT(parse(ordered[i + 1]), parse(ordered[i]));
  }
}

TEST(Compare, BuildMetadataIsIgnored) {
  EXPECT_EQ(parse("1.0.0+a"), parse("1.0.0+b"));
  EXPECT_EQ(parse("1.0.0-rc.1+x"), parse("1.0.0-rc.1"));
}

TEST(Compare, SortsAList) {
  std::vector<semver::Version> versions;
  for (const char* text : {"1.10.0", "1.2.0", "1.2.0-rc.2", "0.9.12", "1.2.0-rc.10"}) {
    versions.push_back(parse(text));
  }
  std::sort(versions.begin(), versions.end());
  std::string joined;
  for (const auto& v : versions) joined += semver::to_string(v) + " ";
  EXPECT_EQ(joined, "0.9.12 1.2.0-rc.2 1.2.0-rc.10 1.2.0 1.10.0 ");
}

TEST(Bump, NextVersions) {
  semver::Version v = parse("1.4.2-beta.3+ci.77");
  EXPECT_EQ(semver::to_string(semver::next_major(v)), "2.0.0");
  EXPECT_EQ(semver::to_string(semver::next_minor(v)), "1.5.0");
  EXPECT_EQ(semver::to_string(semver::next_patch(v)), "1.4.2");
  EXPECT_EQ(semver::to_string(semver::next_patch(parse("1.4.2"))), "1.4.3");
}
