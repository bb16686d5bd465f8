#include "interval/interval_set.hpp"
#include "lest_lite.hpp"

using interval::IntervalSet;

const lest::test specification[] = {
    {"adjacent intervals merge", [] {
       IntervalSet s;
       s.add({1, 3});
       s.add({4, 6});
       EXPECT(s.parts().size() == 1);
       EXPECT(s.covered() == 6);
     }},
    {"disjoint intervals stay apart, sorted", [] {
       IntervalSet s;
       s.add({10, 12});
       s.add({1, 2});
       EXPECT(s.parts().size() == 2);
       EXPECT(s.parts()[0].lo == 1);
       EXPECT(s.contains(11));
       EXPECT(!s.contains(5));
     }},
};

int main() { return lest::run(specification); }
