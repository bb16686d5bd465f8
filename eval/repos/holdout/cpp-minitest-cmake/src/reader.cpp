#include "csvlite/reader.hpp"

#include <sstream>

#include "char_class.hpp"

namespace csvlite {

#ifndef CSVLITE_VERSION
#error "CSVLITE_VERSION must be defined by the build"
#endif

const char* version() { return CSVLITE_VERSION; }

namespace {

std::string trim(const std::string& s) {
  std::size_t begin = 0;
  std::size_t end = s.size();
  while (begin < end && detail::is_blank(s[begin])) ++begin;
  while (end > begin && detail::is_blank(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

}  // namespace

Reader::Reader(std::istream& in, Dialect dialect) : in_(in), dialect_(dialect) {}

bool Reader::next(Row& row) {
  row.clear();
  int c = in_.get();
  if (c == std::char_traits<char>::eof()) return false;

  record_line_ = current_line_;
  std::string field;
  bool quoted = false;       // the current field started with a quote
  bool in_quotes = false;    // inside the quotes right now
  bool after_quote = false;  // the closing quote has been seen

  auto finish_field = [&]() {
    if (row.size() == dialect_.max_fields)
      throw ParseError(record_line_,
                       "more than " + std::to_string(dialect_.max_fields) + " fields");
    row.push_back(quoted || !dialect_.trim_unquoted ? field : trim(field));
    field.clear();
    quoted = in_quotes = after_quote = false;
  };

  for (;; c = in_.get()) {
    if (c == std::char_traits<char>::eof()) {
      if (in_quotes) throw ParseError(record_line_, "unterminated quoted field");
      finish_field();
      return true;
    }
    const char ch = static_cast<char>(c);
    if (in_quotes) {
      if (ch == dialect_.quote) {
        if (in_.peek() == dialect_.quote) {
          in_.get();
          field += ch;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (ch == '\n') ++current_line_;
        field += ch;
      }
    } else if (ch == dialect_.delimiter) {
      finish_field();
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && in_.peek() == '\n') in_.get();
      ++current_line_;
      finish_field();
      return true;
    } else if (after_quote) {
      if (!detail::is_blank(ch))
        throw ParseError(current_line_, "text after a closing quote");
    } else if (ch == dialect_.quote && trim(field).empty()) {
      field.clear();
      quoted = in_quotes = true;
    } else {
      field += ch;
    }
  }
}

std::vector<Row> parse(const std::string& text, const Dialect& dialect) {
  std::istringstream in(text);
  Reader reader(in, dialect);
  std::vector<Row> rows;
  Row row;
  while (reader.next(row)) rows.push_back(row);
  return rows;
}

}  // namespace csvlite
