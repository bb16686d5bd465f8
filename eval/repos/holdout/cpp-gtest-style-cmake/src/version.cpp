#include "semver/version.hpp"

#include <cctype>
#include <limits>

namespace semver {
namespace {

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

// Splits on '.', keeping empty parts so that "1..2" is rejected.
std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t dot = s.find('.', start);
    if (dot == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, dot - start));
    start = dot + 1;
  }
}

// Returns an error message, or an empty string on success.
std::string parse_number(std::string_view s, const char* what, unsigned long* out) {
  if (!is_digits(s)) return std::string(what) + " is not a number";
  if (s.size() > 1 && s[0] == '0') return std::string(what) + " has a leading zero";
  unsigned long value = 0;
  for (char c : s) {
    unsigned long digit = static_cast<unsigned long>(c - '0');
    if (value > (std::numeric_limits<unsigned long>::max() - digit) / 10) {
      return std::string(what) + " is too large";
    }
    value = value * 10 + digit;
  }
  *out = value;
  return {};
}

std::string parse_into(std::string_view text, Version* v) {
  if (text.empty()) return "empty version";

  size_t plus = text.find('+');
  if (plus != std::string_view::npos) {
    std::string_view build = text.substr(plus + 1);
    for (std::string_view id : split_dots(build)) {
      if (!is_identifier(id)) return "invalid build metadata";
    }
    v->build = std::string(build);
    text = text.substr(0, plus);
  }

  size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    for (std::string_view id : split_dots(text.substr(dash + 1))) {
      if (!is_identifier(id)) return "invalid prerelease identifier";
      if (is_digits(id) && id.size() > 1 && id[0] == '0') {
        return "numeric prerelease identifier has a leading zero";
      }
      v->prerelease.emplace_back(id);
    }
    text = text.substr(0, dash);
  }

  std::vector<std::string_view> core = split_dots(text);
  if (core.size() != 3) return "expected MAJOR.MINOR.PATCH";
  std::string err = parse_number(core[0], "major version", &v->major);
  if (err.empty()) err = parse_number(core[1], "minor version", &v->minor);
  if (err.empty()) err = parse_number(core[2], "patch version", &v->patch);
  return err;
}

}  // namespace

std::optional<Version> try_parse(std::string_view text) {
  Version v;
  if (!parse_into(text, &v).empty()) return std::nullopt;
  return v;
}

Version parse(std::string_view text) {
  Version v;
  std::string err = parse_into(text, &v);
  if (!err.empty()) {
    throw ParseError("invalid version \"" + std::string(text) + "\": " + err);
  }
  return v;
}

std::string to_string(const Version& v) {
  std::string s = std::to_string(v.major) + "." + std::to_string(v.minor) + "." +
                  std::to_string(v.patch);
  for (size_t i = 0; i < v.prerelease.size(); ++i) {
    s += (i == 0 ? '-' : '.');
    s += v.prerelease[i];
  }
  if (!v.build.empty()) s += "+" + v.build;
  return s;
}

std::ostream& operator<<(std::ostream& os, const Version& v) { return os << to_string(v); }

Version next_major(const Version& v) { return Version{v.major + 1, 0, 0, {}, {}}; }

Version next_minor(const Version& v) { return Version{v.major, v.minor + 1, 0, {}, {}}; }

Version next_patch(const Version& v) {
  // A prerelease of x.y.z is released as x.y.z itself.
  if (v.is_prerelease()) return Version{v.major, v.minor, v.patch, {}, {}};
  return Version{v.major, v.minor, v.patch + 1, {}, {}};
}

const char* library_version() { return SEMVERPP_VERSION; }

}  // namespace semver
