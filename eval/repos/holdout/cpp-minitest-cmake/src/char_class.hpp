// Character tests shared by the reader and the writer (not installed).
#ifndef CSVLITE_SRC_CHAR_CLASS_HPP_
#define CSVLITE_SRC_CHAR_CLASS_HPP_

#include "csvlite/dialect.hpp"

namespace csvlite {
namespace detail {

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

inline bool is_newline(char c) { return c == '\n' || c == '\r'; }

// Does a field holding c have to be quoted?
inline bool needs_quoting(char c, const Dialect& d) {
  return c == d.delimiter || c == d.quote || is_newline(c);
}

}  // namespace detail
}  // namespace csvlite

#endif  // CSVLITE_SRC_CHAR_CLASS_HPP_
