// semverpp: Semantic Versioning 2.0.0 versions for C++17.
#pragma once

#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#define SEMVERPP_VERSION "2.1.0"

namespace semver {

struct Version {
  unsigned long major = 0;
  unsigned long minor = 0;
  unsigned long patch = 0;
  // Dot-separated identifiers after '-', e.g. {"rc", "1"} for "1.0.0-rc.1".
  std::vector<std::string> prerelease;
  // Everything after '+'; ignored when comparing.
  std::string build;

  bool is_prerelease() const { return !prerelease.empty(); }
};

class ParseError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Strict parse of "MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]"; nullopt if the
// text is not a valid version.
std::optional<Version> try_parse(std::string_view text);

// As try_parse, but throws ParseError saying what is wrong.
Version parse(std::string_view text);

std::string to_string(const Version& v);
std::ostream& operator<<(std::ostream& os, const Version& v);

// Precedence as in section 11 of the specification: negative, zero or
// positive.  Build metadata does not take part.
int compare(const Version& a, const Version& b);

inline bool operator==(const Version& a, const Version& b) { return compare(a, b) == 0; }
inline bool operator!=(const Version& a, const Version& b) { return compare(a, b) != 0; }
inline bool operator<(const Version& a, const Version& b) { return compare(a, b) < 0; }
inline bool operator<=(const Version& a, const Version& b) { return compare(a, b) <= 0; }
inline bool operator>(const Version& a, const Version& b) { return compare(a, b) > 0; }
inline bool operator>=(const Version& a, const Version& b) { return compare(a, b) >= 0; }

// The next versions a release would get: bumping clears lower fields and
// the prerelease and build parts.
Version next_major(const Version& v);
Version next_minor(const Version& v);
Version next_patch(const Version& v);

// The version of this library, SEMVERPP_VERSION.
const char* library_version();

}  // namespace semver
