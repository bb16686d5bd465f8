// minicatch: a single-header test framework in the style of Catch, written for this project.
// Define MINICATCH_MAIN in exactly one translation unit to get main().
#pragma once

#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace minicatch {

struct Case {
  std::string name;
  std::function<void()> body;
};

inline std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}

struct Failure {
  std::string where;
};

struct Registrar {
  Registrar(const char* name, void (*fn)()) { registry().push_back({name, fn}); }
};

inline int run_all() {
  int failed = 0;
  for (const Case& c : registry()) {
    try {
      c.body();
    } catch (const Failure& f) {
      std::cerr << "FAILED: " << c.name << " at " << f.where << '\n';
      ++failed;
    } catch (const std::exception& e) {
      std::cerr << "FAILED: " << c.name << " threw " << e.what() << '\n';
      ++failed;
    }
  }
  std::cout << registry().size() << " test cases, " << failed << " failed\n";
  return failed == 0 && !registry().empty() ? 0 : 1;
}

}  // namespace minicatch

#define MINICATCH_CAT2(a, b) a##b
#define MINICATCH_CAT(a, b) MINICATCH_CAT2(a, b)
#define MINICATCH_WHERE (std::string(__FILE__) + ":" + std::to_string(__LINE__))

#define TEST_CASE(name)                                                                  \
  static void MINICATCH_CAT(minicatch_case_, __LINE__)();                                \
  static minicatch::Registrar MINICATCH_CAT(minicatch_reg_, __LINE__)(                   \
      name, &MINICATCH_CAT(minicatch_case_, __LINE__));                                  \
  static void MINICATCH_CAT(minicatch_case_, __LINE__)()

#define REQUIRE(expr) \
  do { if (!(expr)) throw minicatch::Failure{MINICATCH_WHERE + ": " #expr}; } while (0)

#define REQUIRE_THROWS_AS(expr, type)                                         \
  do {                                                                        \
    bool minicatch_threw = false;                                             \
    try { (void)(expr); } catch (const type&) { minicatch_threw = true; }     \
    if (!minicatch_threw) throw minicatch::Failure{MINICATCH_WHERE + ": " #expr}; \
  } while (0)

#ifdef MINICATCH_MAIN
int main() { return minicatch::run_all(); }
#endif
