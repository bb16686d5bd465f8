#include <string>
#include <vector>

#include "minigtest/minigtest.h"
#include "semver/version.hpp"

using semver::parse;
using semver::try_parse;
using semver::Version;

TEST(Parse, CoreVersion) {
  Version v = parse("1.22.333");
  EXPECT_EQ(v.major, 1u);
  EXPECT_EQ(v.minor, 22u);
  EXPECT_EQ(v.patch, 333u);
  EXPECT_FALSE(v.is_prerelease());
  EXPECT_TRUE(v.build.empty());
}

TEST(Parse, PrereleaseAndBuild) {
  Version v = parse("2.0.0-rc.1+build.5.sha-4f2a");
  ASSERT_EQ(v.prerelease.size(), 2u);
  EXPECT_EQ(v.prerelease[0], "rc");
  EXPECT_EQ(v.prerelease[1], "1");
  EXPECT_EQ(v.build, "build.5.sha-4f2a");
  EXPECT_TRUE(v.is_prerelease());
}

TEST(Parse, BuildWithoutPrerelease) {
  Version v = parse("1.0.0+20240131");
  EXPECT_FALSE(v.is_prerelease());
  EXPECT_EQ(v.build, "20240131");
}

TEST(Parse, HyphensInsideIdentifiers) {
  Version v = parse("1.0.0-x-y-z.--");
  ASSERT_EQ(v.prerelease.size(), 2u);
  EXPECT_EQ(v.prerelease[0], "x-y-z");
  EXPECT_EQ(v.prerelease[1], "--");
}

TEST(Parse, RejectsMalformedVersions) {
  const std::vector<std::string> bad = {
      "", "1", "1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.02.3", "1.2.03",
      "1.2.3-", "1.2.3+", "1.2.3-rc..1", "1.2.3-01", "1.2.3-rc_1", "-1.2.3",
      "1.2.x", " 1.2.3", "99999999999999999999999.0.0",
  };
  for (const std::string& text : bad) {
    EXPECT_FALSE(try_parse(text).has_value());
    EXPECT_THROW(parse(text), semver::ParseError);
  }
}

TEST(Parse, ErrorMessageSaysWhy) {
  try {
    parse("1.02.3");
  } catch (const semver::ParseError& e) {
    EXPECT_EQ(std::string(e.what()), "invalid version \"1.02.3\": minor version has a leading zero");
    return;
  }
  EXPECT_TRUE(false);
}

TEST(Format, RoundTrips) {
  for (const char* text : {"0.0.0", "1.2.3", "1.0.0-alpha", "1.0.0-alpha.1+exp.sha.5114f85",
                           "10.20.30+meta"}) {
    EXPECT_EQ(semver::to_string(parse(text)), text);
  }
}
