#include <sstream>
#include <string>
#include <vector>

#include "csvlite/reader.hpp"
#include "csvlite/writer.hpp"
#include "minitest/minitest.h"

using Fields = std::vector<std::string>;

TEST(QuoteField, PlainFieldsAreUntouched) {
  EXPECT_EQ(std::string("plain"), csvlite::quote_field("plain"));
  EXPECT_EQ(std::string(""), csvlite::quote_field(""));
}

TEST(QuoteField, SpecialCharactersForceQuotes) {
  EXPECT_EQ(std::string("\"a,b\""), csvlite::quote_field("a,b"));
  EXPECT_EQ(std::string("\"say \"\"hi\"\"\""), csvlite::quote_field("say \"hi\""));
  EXPECT_EQ(std::string("\"x\ny\""), csvlite::quote_field("x\ny"));
  EXPECT_EQ(std::string("\" padded \""), csvlite::quote_field(" padded "));
}

TEST(QuoteField, FollowsTheDialect) {
  csvlite::Dialect d;
  d.delimiter = ';';
  d.quote = '\'';
  EXPECT_EQ(std::string("a,b"), csvlite::quote_field("a,b", d));
  EXPECT_EQ(std::string("'a;b'"), csvlite::quote_field("a;b", d));
  EXPECT_EQ(std::string("'it''s'"), csvlite::quote_field("it's", d));
}

TEST(Writer, WritesCrlfByDefault) {
  std::ostringstream out;
  csvlite::Writer writer(out);
  writer.write_row({"a", "b c", "d,e"});
  writer.write_row({"1"});
  EXPECT_EQ(std::string("a,b c,\"d,e\"\r\n1\r\n"), out.str());
}

TEST(Writer, UnixNewlinesAndLoneEmptyField) {
  std::ostringstream out;
  csvlite::Writer writer(out, csvlite::Dialect(), true);
  writer.write_row({""});
  writer.write_row({"", ""});
  EXPECT_EQ(std::string("\"\"\n,\n"), out.str());
}

TEST(RoundTrip, ReaderReadsWhatWriterWrote) {
  const std::vector<Fields> rows = {
      {"id", "text", "empty"},
      {"1", "comma, inside", ""},
      {"2", "quote \" inside", " spaced "},
      {"3", "line\nbreak", "\r\n"},
  };
  std::ostringstream out;
  csvlite::Writer writer(out);
  for (const auto& row : rows) writer.write_row(row);

  auto back = csvlite::parse(out.str());
  ASSERT_EQ(rows.size(), back.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), back[i].size());
    for (std::size_t j = 0; j < rows[i].size(); ++j) EXPECT_EQ(rows[i][j], back[i][j]);
  }
}

TEST(RoundTrip, OtherDialect) {
  csvlite::Dialect d;
  d.delimiter = '|';
  std::ostringstream out;
  csvlite::Writer(out, d).write_row({"a|b", "c"});
  auto back = csvlite::parse(out.str(), d);
  ASSERT_EQ(1u, back.size());
  EXPECT_EQ(std::string("a|b"), back[0][0]);
  EXPECT_EQ(std::string("c"), back[0][1]);
}
