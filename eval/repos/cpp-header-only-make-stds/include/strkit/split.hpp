// strkit/split.hpp -- split on a separator, and the prefix/suffix tests.
#ifndef STRKIT_SPLIT_HPP
#define STRKIT_SPLIT_HPP

#include <string>
#include <vector>

#include "config.hpp"

namespace strkit {

enum class empties { keep, skip };

// "a,,b" split on ',' is {"a", "", "b"} (or {"a", "b"} with empties::skip).
// An empty string yields one empty piece, or none with empties::skip.
inline std::vector<std::string> split(const std::string& s, char sep,
                                      empties mode = empties::keep) {
    std::vector<std::string> out;
    std::string::size_type start = 0;
    for (;;) {
        std::string::size_type end = s.find(sep, start);
        std::string piece = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (mode == empties::keep || !piece.empty()) out.push_back(piece);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

// Splits on any of the characters in seps; runs of them count as one.
inline std::vector<std::string> split_any(const std::string& s, const std::string& seps) {
    std::vector<std::string> out;
    std::string::size_type start = s.find_first_not_of(seps);
    while (start != std::string::npos) {
        std::string::size_type end = s.find_first_of(seps, start);
        out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? end : s.find_first_not_of(seps, end);
    }
    return out;
}

inline bool starts_with(const std::string& s, const std::string& prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

inline bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

#if STRKIT_HAS_STRING_VIEW
// Like split(), with views into s (which must outlive them).
inline std::vector<std::string_view> split_view(std::string_view s, char sep,
                                                empties mode = empties::keep) {
    std::vector<std::string_view> out;
    for (;;) {
        std::string_view::size_type end = s.find(sep);
        std::string_view piece = s.substr(0, end);
        if (mode == empties::keep || !piece.empty()) out.push_back(piece);
        if (end == std::string_view::npos) break;
        s.remove_prefix(end + 1);
    }
    return out;
}
#endif

} // namespace strkit

#endif // STRKIT_SPLIT_HPP
