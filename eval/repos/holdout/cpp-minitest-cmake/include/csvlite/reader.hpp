#ifndef CSVLITE_READER_HPP_
#define CSVLITE_READER_HPP_

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "csvlite/dialect.hpp"

namespace csvlite {

using Row = std::vector<std::string>;

// Reads RFC 4180-style records: quoted fields may hold delimiters, doubled
// quotes and line breaks; both "\n" and "\r\n" end a record.
class Reader {
 public:
  explicit Reader(std::istream& in, Dialect dialect = Dialect());

  // Reads the next record into row; false at the end of input.  Throws
  // ParseError on an unterminated quote, text after a closing quote, or a
  // record with more than dialect.max_fields fields.
  bool next(Row& row);

  // The line the last record started on (1-based).
  std::size_t line() const { return record_line_; }

 private:
  std::istream& in_;
  Dialect dialect_;
  std::size_t current_line_ = 1;
  std::size_t record_line_ = 0;
};

// Parses a whole document.
std::vector<Row> parse(const std::string& text, const Dialect& dialect = Dialect());

}  // namespace csvlite

#endif  // CSVLITE_READER_HPP_
