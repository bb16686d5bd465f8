#include "interval/interval.hpp"
#include "lest_lite.hpp"

using interval::Interval;

const lest::test specification[] = {
    {"length counts both ends", [] {
       EXPECT(Interval{3, 5}.length() == 3);
       EXPECT(Interval{5, 3}.length() == 0);
     }},
    {"intersection of overlapping intervals", [] {
       EXPECT(interval::to_string(interval::intersect({1, 5}, {4, 9})) == "[4,5]");
       EXPECT(interval::overlaps({1, 5}, {5, 6}));
       EXPECT(!interval::overlaps({1, 4}, {5, 6}));
     }},
    {"empty intervals print as []", [] { EXPECT(interval::to_string({2, 1}) == "[]"); }},
};

int main() { return lest::run(specification); }
