// strkit/trim.hpp -- strip ASCII whitespace from either end.
#ifndef STRKIT_TRIM_HPP
#define STRKIT_TRIM_HPP

#include <string>

#include "ascii.hpp"
#include "config.hpp"

namespace strkit {

inline std::string ltrim(const std::string& s) {
    std::string::size_type i = 0;
    while (i < s.size() && is_space(s[i])) ++i;
    return s.substr(i);
}

inline std::string rtrim(const std::string& s) {
    std::string::size_type n = s.size();
    while (n > 0 && is_space(s[n - 1])) --n;
    return s.substr(0, n);
}

inline std::string trim(const std::string& s) { return ltrim(rtrim(s)); }

#if STRKIT_HAS_STRING_VIEW
// The trimmed part of s, without copying.
constexpr std::string_view trim_view(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}
#endif

} // namespace strkit

#endif // STRKIT_TRIM_HPP
