#pragma once

#include <vector>

#include "interval/interval.hpp"

namespace interval {

// Disjoint, sorted intervals; adding merges overlapping and adjacent ones.
class IntervalSet {
 public:
  void add(Interval i);
  bool contains(long x) const;
  long covered() const;
  const std::vector<Interval>& parts() const { return parts_; }

 private:
  std::vector<Interval> parts_;
};

}  // namespace interval
