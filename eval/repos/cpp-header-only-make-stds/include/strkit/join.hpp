// strkit/join.hpp -- join any range of string-like things.
#ifndef STRKIT_JOIN_HPP
#define STRKIT_JOIN_HPP

#include <iterator>
#include <sstream>
#include <string>

namespace strkit {

// Joins the elements of range (anything with begin()/end() whose elements can
// be written to an ostream) with sep between them.
template <typename Range>
std::string join(const Range& range, const std::string& sep) {
    std::ostringstream out;
    bool first = true;
    for (auto it = std::begin(range); it != std::end(range); ++it) {
        if (!first) out << sep;
        out << *it;
        first = false;
    }
    return out.str();
}

// join(range, sep) with each element passed through f first.
template <typename Range, typename F>
std::string join(const Range& range, const std::string& sep, F f) {
    std::ostringstream out;
    bool first = true;
    for (auto it = std::begin(range); it != std::end(range); ++it) {
        if (!first) out << sep;
        out << f(*it);
        first = false;
    }
    return out.str();
}

} // namespace strkit

#endif // STRKIT_JOIN_HPP
