#include "interval/interval_set.hpp"

#include <algorithm>

namespace interval {

void IntervalSet::add(Interval i) {
  if (i.empty()) return;
  std::vector<Interval> out;
  for (const Interval& p : parts_) {
    if (p.hi + 1 < i.lo || i.hi + 1 < p.lo) {
      out.push_back(p);
    } else {
      i = {std::min(i.lo, p.lo), std::max(i.hi, p.hi)};
    }
  }
  out.push_back(i);
  std::sort(out.begin(), out.end(), [](const Interval& a, const Interval& b) { return a.lo < b.lo; });
  parts_.swap(out);
}

bool IntervalSet::contains(long x) const {
  for (const Interval& p : parts_)
    if (p.lo <= x && x <= p.hi) return true;
  return false;
}

long IntervalSet::covered() const {
  long n = 0;
  for (const Interval& p : parts_) n += p.length();
  return n;
}

}  // namespace interval
