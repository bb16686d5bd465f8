#include "csvlite/writer.hpp"

#include "char_class.hpp"

namespace csvlite {

std::string quote_field(const std::string& field, const Dialect& dialect) {
  bool needs = !field.empty() &&
               (detail::is_blank(field.front()) || detail::is_blank(field.back()));
  for (char c : field) needs = needs || detail::needs_quoting(c, dialect);
  if (!needs) return field;

  std::string out(1, dialect.quote);
  for (char c : field) {
    if (c == dialect.quote) out += c;
    out += c;
  }
  out += dialect.quote;
  return out;
}

Writer::Writer(std::ostream& out, Dialect dialect, bool unix_newlines)
    : out_(out), dialect_(dialect), newline_(unix_newlines ? "\n" : "\r\n") {}

void Writer::write_row(const std::vector<std::string>& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out_ << dialect_.delimiter;
    out_ << quote_field(row[i], dialect_);
  }
  // A record holding one empty field would read back as an empty line.
  if (row.size() == 1 && row[0].empty()) out_ << dialect_.quote << dialect_.quote;
  out_ << newline_;
}

}  // namespace csvlite
