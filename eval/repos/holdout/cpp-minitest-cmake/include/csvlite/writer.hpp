#ifndef CSVLITE_WRITER_HPP_
#define CSVLITE_WRITER_HPP_

#include <ostream>
#include <string>
#include <vector>

#include "csvlite/dialect.hpp"

namespace csvlite {

// Writes records, quoting only the fields that need it; records end in "\r\n"
// unless unix_newlines is set.
class Writer {
 public:
  explicit Writer(std::ostream& out, Dialect dialect = Dialect(), bool unix_newlines = false);
  void write_row(const std::vector<std::string>& row);

 private:
  std::ostream& out_;
  Dialect dialect_;
  const char* newline_;
};

// One field as the writer would put it.
std::string quote_field(const std::string& field, const Dialect& dialect = Dialect());

}  // namespace csvlite

#endif  // CSVLITE_WRITER_HPP_
