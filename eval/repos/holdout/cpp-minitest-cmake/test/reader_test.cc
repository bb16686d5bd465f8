#include <fstream>
#include <sstream>
#include <string>

#include "csvlite/reader.hpp"
#include "minitest/minitest.h"

using csvlite::Row;

TEST(Reader, SplitsSimpleRecords) {
  auto rows = csvlite::parse("a,b,c\n1,2,3\n");
  ASSERT_EQ(2u, rows.size());
  EXPECT_EQ(Row({"a", "b", "c"}).size(), rows[0].size());
  EXPECT_EQ(std::string("c"), rows[0][2]);
  EXPECT_EQ(std::string("2"), rows[1][1]);
}

TEST(Reader, LastRecordNeedsNoNewline) {
  auto rows = csvlite::parse("x,y\r\nlast,row");
  ASSERT_EQ(2u, rows.size());
  EXPECT_EQ(std::string("row"), rows[1][1]);
}

TEST(Reader, QuotedFieldsKeepDelimitersQuotesAndNewlines) {
  auto rows = csvlite::parse("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext\n");
  ASSERT_EQ(2u, rows.size());
  ASSERT_EQ(3u, rows[0].size());
  EXPECT_EQ(std::string("a,b"), rows[0][0]);
  EXPECT_EQ(std::string("say \"hi\""), rows[0][1]);
  EXPECT_EQ(std::string("two\nlines"), rows[0][2]);
  EXPECT_EQ(std::string("next"), rows[1][0]);
}

TEST(Reader, EmptyFields) {
  auto rows = csvlite::parse(",,\n\"\"\n");
  ASSERT_EQ(2u, rows.size());
  EXPECT_EQ(3u, rows[0].size());
  ASSERT_EQ(1u, rows[1].size());
  EXPECT_TRUE(rows[1][0].empty());
}

TEST(Reader, DialectDelimiterAndTrim) {
  csvlite::Dialect tsv;
  tsv.delimiter = '\t';
  tsv.trim_unquoted = true;
  auto rows = csvlite::parse("  a \t\" b \"\tc,d\n", tsv);
  ASSERT_EQ(1u, rows.size());
  ASSERT_EQ(3u, rows[0].size());
  EXPECT_EQ(std::string("a"), rows[0][0]);
  EXPECT_EQ(std::string(" b "), rows[0][1]);
  EXPECT_EQ(std::string("c,d"), rows[0][2]);
}

TEST(Reader, TracksLineNumbers) {
  std::istringstream in("one\n\"multi\nline\"\nthree\n");
  csvlite::Reader reader(in);
  Row row;
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(1u, reader.line());
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(2u, reader.line());
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(4u, reader.line());
  EXPECT_FALSE(reader.next(row));
}

TEST(ReaderErrors, UnterminatedQuote) {
  EXPECT_THROW(csvlite::parse("ok\n\"never closed\n"), csvlite::ParseError);
  try {
    csvlite::parse("ok\n\"never closed\n");
  } catch (const csvlite::ParseError& e) {
    EXPECT_EQ(2u, e.line());
  }
}

TEST(ReaderErrors, TextAfterClosingQuote) {
  EXPECT_THROW(csvlite::parse("\"a\"b,c\n"), csvlite::ParseError);
}

TEST(ReaderErrors, TooManyFields) {
  std::string ok(CSVLITE_MAX_FIELDS - 1, ',');
  EXPECT_EQ(static_cast<std::size_t>(CSVLITE_MAX_FIELDS), csvlite::parse(ok)[0].size());
  EXPECT_THROW(csvlite::parse(ok + ","), csvlite::ParseError);

  csvlite::Dialect small;
  small.max_fields = 2;
  EXPECT_THROW(csvlite::parse("a,b,c", small), csvlite::ParseError);
}

TEST(ReaderFiles, QuotedFixture) {
  std::ifstream in(CSVLITE_TEST_DATA_DIR "/quoted.csv", std::ios::binary);
  ASSERT_TRUE(in.good());
  csvlite::Reader reader(in);
  Row header;
  ASSERT_TRUE(reader.next(header));
  ASSERT_EQ(3u, header.size());
  EXPECT_EQ(std::string("city"), header[0]);

  Row row;
  int count = 0;
  std::string last_note;
  while (reader.next(row)) {
    ASSERT_EQ(header.size(), row.size());
    last_note = row[2];
    ++count;
  }
  EXPECT_EQ(4, count);
  EXPECT_EQ(std::string("has \"quotes\", commas,\nand a line break"), last_note);
}

TEST(Version, MatchesProject) { EXPECT_EQ(std::string("1.2.0"), std::string(csvlite::version())); }
