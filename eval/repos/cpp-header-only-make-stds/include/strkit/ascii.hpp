// strkit/ascii.hpp -- locale-independent ASCII character helpers.
#ifndef STRKIT_ASCII_HPP
#define STRKIT_ASCII_HPP

#include <cstddef>
#include <string>

#include "config.hpp"

namespace strkit {

constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

constexpr char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// Case-insensitive comparison of two NUL-terminated strings; usable in
// constant expressions from C++14 on.
STRKIT_CONSTEXPR14 bool iequals(const char* a, const char* b) {
    while (*a != '\0' && to_lower(*a) == to_lower(*b)) {
        ++a;
        ++b;
    }
    return to_lower(*a) == to_lower(*b);
}

inline bool iequals(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

inline std::string lowered(std::string s) {
    for (char& c : s) c = to_lower(c);
    return s;
}

inline std::string uppered(std::string s) {
    for (char& c : s) c = to_upper(c);
    return s;
}

} // namespace strkit

#endif // STRKIT_ASCII_HPP
