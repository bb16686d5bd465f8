// Precedence (section 11 of the Semantic Versioning 2.0.0 specification).
#include <algorithm>
#include <cctype>

#include "semver/version.hpp"

namespace semver {
namespace {

bool numeric(const std::string& id) {
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compare_identifiers(const std::string& a, const std::string& b) {
  bool an = numeric(a);
  bool bn = numeric(b);
  if (an && bn) {
    // No leading zeros, so the longer number is the larger one.
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return three_way(a, b);
  }
  if (an != bn) return an ? -1 : 1;  // numeric identifiers sort first
  return three_way(a, b);
}

}  // namespace

int compare(const Version& a, const Version& b) {
  if (int c = three_way(a.major, b.major)) return c;
  if (int c = three_way(a.minor, b.minor)) return c;
  if (int c = three_way(a.patch, b.patch)) return c;

  // A prerelease sorts before the release it leads up to.
  if (a.prerelease.empty() != b.prerelease.empty()) return a.prerelease.empty() ? 1 : -1;
  if (a.prerelease.empty()) return 0;
  size_t n = std::min(a.prerelease.size(), b.prerelease.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = compare_identifiers(a.prerelease[i], b.prerelease[i])) return c;
  }
  return three_way(a.prerelease.size(), b.prerelease.size());
}

}  // namespace semver
