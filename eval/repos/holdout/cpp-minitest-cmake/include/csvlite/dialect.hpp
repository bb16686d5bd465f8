#ifndef CSVLITE_DIALECT_HPP_
#define CSVLITE_DIALECT_HPP_

#include <cstddef>
#include <stdexcept>
#include <string>

// The most fields a row may have; the build sets it (see CMakeLists.txt).
#ifndef CSVLITE_MAX_FIELDS
#define CSVLITE_MAX_FIELDS 1024
#endif

namespace csvlite {

struct Dialect {
  char delimiter = ',';
  char quote = '"';
  bool trim_unquoted = false;  // strip blanks around unquoted fields
  std::size_t max_fields = CSVLITE_MAX_FIELDS;
};

class ParseError : public std::runtime_error {
 public:
  ParseError(std::size_t line, const std::string& what)
      : std::runtime_error("line " + std::to_string(line) + ": " + what), line_(line) {}
  std::size_t line() const { return line_; }

 private:
  std::size_t line_;
};

// The library's version, e.g. "1.2.0".
const char* version();

}  // namespace csvlite

#endif  // CSVLITE_DIALECT_HPP_
