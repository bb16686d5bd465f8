#include "interval/interval.hpp"

namespace interval {

Interval intersect(Interval a, Interval b) { return {std::max(a.lo, b.lo), std::min(a.hi, b.hi)}; }

bool overlaps(Interval a, Interval b) { return !intersect(a, b).empty(); }

std::string to_string(Interval a) {
  if (a.empty()) return "[]";
  return "[" + std::to_string(a.lo) + "," + std::to_string(a.hi) + "]";
}

}  // namespace interval
