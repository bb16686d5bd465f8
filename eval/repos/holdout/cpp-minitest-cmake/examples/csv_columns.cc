// csv_columns: reads CSV on stdin and prints, for each column of the header,
// how many records leave it empty.
//
//   $ ./csv_columns < ../test/data/quoted.csv
#include <iostream>
#include <vector>

#include "csvlite/reader.hpp"

int main() {
  csvlite::Reader reader(std::cin);
  csvlite::Row header;
  try {
    if (!reader.next(header)) {
      std::cerr << "empty input\n";
      return 1;
    }
    std::vector<std::size_t> empty(header.size(), 0);
    std::size_t records = 0;
    csvlite::Row row;
    while (reader.next(row)) {
      ++records;
      for (std::size_t i = 0; i < header.size(); ++i)
        if (i >= row.size() || row[i].empty()) ++empty[i];
    }
    std::cout << records << " records\n";
    for (std::size_t i = 0; i < header.size(); ++i)
      std::cout << header[i] << ": " << empty[i] << " empty\n";
  } catch (const csvlite::ParseError& e) {
    std::cerr << "parse error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
