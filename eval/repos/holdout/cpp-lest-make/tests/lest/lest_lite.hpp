// lest_lite: a lest-style test helper (an array of named lambdas, EXPECT and EXPECT_THROWS),
// written for this project's tests. C++11.
#ifndef LEST_LITE_HPP
#define LEST_LITE_HPP

#include <iostream>
#include <sstream>
#include <string>

namespace lest {

struct failure {
  std::string where;
  std::string expr;
};

struct test {
  std::string name;
  void (*behaviour)();
};

template <std::size_t N>
int run(test const (&specification)[N], std::ostream& os = std::cout) {
  int failures = 0;
  for (std::size_t i = 0; i < N; ++i) {
    try {
      specification[i].behaviour();
    } catch (failure const& f) {
      os << f.where << ": failed: " << specification[i].name << ": " << f.expr << "\n";
      ++failures;
    }
  }
  os << (failures ? "" : "All ") << N - failures << " of " << N << " tests passed\n";
  return failures;
}

inline std::string where(char const* file, int line) {
  std::ostringstream os;
  os << file << ":" << line;
  return os.str();
}

}  // namespace lest

#define EXPECT(...) \
  do { if (!(__VA_ARGS__)) throw ::lest::failure{::lest::where(__FILE__, __LINE__), #__VA_ARGS__}; } while (0)

#define EXPECT_THROWS(expr)                                                            \
  do {                                                                                 \
    bool lest_threw = false;                                                           \
    try { expr; } catch (...) { lest_threw = true; }                                   \
    if (!lest_threw) throw ::lest::failure{::lest::where(__FILE__, __LINE__), #expr}; \
  } while (0)

#endif
