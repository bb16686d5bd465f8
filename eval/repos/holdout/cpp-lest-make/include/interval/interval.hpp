#pragma once

#include <algorithm>
#include <string>

namespace interval {

// A closed integer interval [lo, hi]; empty when lo > hi.
struct Interval {
  long lo;
  long hi;

  bool empty() const { return lo > hi; }
  long length() const { return empty() ? 0 : hi - lo + 1; }
};

Interval intersect(Interval a, Interval b);
bool overlaps(Interval a, Interval b);
std::string to_string(Interval a);

}  // namespace interval
