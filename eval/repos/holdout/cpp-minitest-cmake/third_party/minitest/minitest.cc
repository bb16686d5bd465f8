// minitest.cc -- the registry, failure reporting and main() of minitest.
#include "minitest/minitest.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

namespace minitest {
namespace {

int g_failures_in_test = 0;

bool Matches(const std::string& pattern, const std::string& name) {
  if (!pattern.empty() && pattern.back() == '*')
    return name.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  return pattern == name;
}

}  // namespace

std::vector<TestInfo>& Registry() {
  static std::vector<TestInfo> tests;
  return tests;
}

Registrar::Registrar(const char* suite, const char* name, TestFunction function) {
  Registry().push_back(TestInfo{suite, name, function});
}

void ReportFailure(const char* file, int line, const std::string& message) {
  ++g_failures_in_test;
  std::cout << file << ":" << line << ": failure\n  " << message << "\n";
}

}  // namespace minitest

int main(int argc, char** argv) {
  std::string filter = "*";
  bool list_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--filter=", 9) == 0) {
      filter = argv[i] + 9;
    } else if (std::strcmp(argv[i], "--list") == 0) {
      list_only = true;
    } else {
      std::cerr << "usage: " << argv[0] << " [--filter=Suite.Name*] [--list]\n";
      return 2;
    }
  }

  int run = 0;
  int failed = 0;
  for (const minitest::TestInfo& test : minitest::Registry()) {
    const std::string full = test.suite + "." + test.name;
    if (!minitest::Matches(filter, full)) continue;
    if (list_only) {
      std::cout << full << "\n";
      continue;
    }
    ++run;
    std::cout << "RUN   " << full << std::endl;
    minitest::g_failures_in_test = 0;
    try {
      test.function();
    } catch (const minitest::FatalFailure&) {
      // already reported
    } catch (const std::exception& e) {
      minitest::ReportFailure("(unknown)", 0, std::string("uncaught exception: ") + e.what());
    } catch (...) {
      minitest::ReportFailure("(unknown)", 0, "uncaught exception");
    }
    if (minitest::g_failures_in_test > 0) {
      ++failed;
      std::cout << "FAIL  " << full << std::endl;
    } else {
      std::cout << "OK    " << full << std::endl;
    }
  }
  if (list_only) return 0;
  std::cout << run << " test(s) run, " << failed << " failed" << std::endl;
  if (run == 0) {
    std::cout << "no test matches --filter=" << filter << std::endl;
    return 1;
  }
  return failed == 0 ? 0 : 1;
}
