// The test registry and runner.
#include "minigtest/minigtest.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

namespace minigtest {
namespace {

struct TestInfo {
  std::string suite;
  std::string name;
  TestFunction fn;
  std::string full_name() const { return suite + "." + name; }
};

// Function-local statics: TEST() registers during static initialization of
// other translation units, in no particular order.
std::vector<TestInfo>& Registry() {
  static std::vector<TestInfo> tests;
  return tests;
}

struct Options {
  std::string filter = "*";
  bool list_only = false;
};

Options& GetOptions() {
  static Options options;
  return options;
}

int current_failures = 0;

// Shell-style glob with '*' and '?'.
bool GlobMatch(const char* pattern, const char* text) {
  for (;;) {
    switch (*pattern) {
      case '\0':
        return *text == '\0';
      case '*':
        for (const char* t = text;; ++t) {
          if (GlobMatch(pattern + 1, t)) return true;
          if (*t == '\0') return false;
        }
      case '?':
        if (*text == '\0') return false;
        break;
      default:
        if (*pattern != *text) return false;
    }
    ++pattern;
    ++text;
  }
}

bool Selected(const std::string& full_name) {
  const std::string& filter = GetOptions().filter;
  size_t start = 0;
  for (;;) {
    size_t colon = filter.find(':', start);
    std::string glob = filter.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (GlobMatch(glob.c_str(), full_name.c_str())) return true;
    if (colon == std::string::npos) return false;
    start = colon + 1;
  }
}

}  // namespace

bool RegisterTest(const char* suite, const char* name, TestFunction fn) {
  Registry().push_back(TestInfo{suite, name, fn});
  return true;
}

void InitMinigtest(int* argc, char** argv) {
  static const char kFilter[] = "--minigtest_filter=";
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    if (std::strncmp(argv[i], kFilter, sizeof kFilter - 1) == 0) {
      GetOptions().filter = argv[i] + sizeof kFilter - 1;
    } else if (std::strcmp(argv[i], "--minigtest_list_tests") == 0) {
      GetOptions().list_only = true;
    } else {
      argv[kept++] = argv[i];
    }
  }
  *argc = kept;
  argv[kept] = nullptr;
}

namespace internal {

void ReportFailure(const char* file, int line, const std::string& message) {
  std::printf("%s:%d: Failure\n%s\n", file, line, message.c_str());
  ++current_failures;
}

}  // namespace internal

int RunAllTests() {
  std::vector<std::string> failed;
  int ran = 0;

  if (GetOptions().list_only) {
    for (const TestInfo& t : Registry()) std::printf("%s\n", t.full_name().c_str());
    return 0;
  }

  std::printf("[==========] Running tests.\n");
  for (const TestInfo& t : Registry()) {
    const std::string full = t.full_name();
    if (!Selected(full)) continue;
    ++ran;
    std::printf("[ RUN      ] %s\n", full.c_str());
    std::fflush(stdout);
    current_failures = 0;
    auto start = std::chrono::steady_clock::now();
    try {
      t.fn();
    } catch (const std::exception& e) {
      internal::ReportFailure(__FILE__, __LINE__,
                              std::string("Uncaught exception: ") + e.what());
    } catch (...) {
      internal::ReportFailure(__FILE__, __LINE__, "Uncaught exception of unknown type");
    }
    long ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - start)
                                    .count());
    if (current_failures == 0) {
      std::printf("[       OK ] %s (%ld ms)\n", full.c_str(), ms);
    } else {
      std::printf("[  FAILED  ] %s (%ld ms)\n", full.c_str(), ms);
      failed.push_back(full);
    }
  }

  std::printf("[==========] %d tests ran.\n", ran);
  std::printf("[  PASSED  ] %d tests.\n", ran - static_cast<int>(failed.size()));
  if (!failed.empty()) {
    std::printf("[  FAILED  ] %d tests, listed below:\n", static_cast<int>(failed.size()));
    for (const std::string& name : failed) std::printf("[  FAILED  ] %s\n", name.c_str());
    return 1;
  }
  if (ran == 0) {
    std::printf("No tests matched the filter \"%s\".\n", GetOptions().filter.c_str());
    return 1;
  }
  return 0;
}

}  // namespace minigtest
