// One test program for every language level: the Makefile compiles this file
// with -std=c++11, -std=c++14 and -std=c++17 and runs each binary.  Checks of
// functions that exist only from a given level on are compiled in only there.
#include <strkit/strkit.hpp>

#include <cstdio>
#include <list>
#include <string>
#include <vector>

namespace {

int checks = 0;
int failures = 0;

void check(bool ok, const char* what, int line) {
    ++checks;
    if (!ok) {
        ++failures;
        std::printf("  FAILED line %d: %s\n", line, what);
    }
}

#define CHECK(expr) check((expr), #expr, __LINE__)

typedef std::vector<std::string> strings;

void test_ascii() {
    static_assert(strkit::to_lower('Q') == 'q', "to_lower is constexpr");
    static_assert(strkit::is_space('\t') && !strkit::is_space('x'), "is_space is constexpr");
    CHECK(strkit::to_upper('a') == 'A');
    CHECK(strkit::to_upper('1') == '1');
    CHECK(strkit::iequals("Content-Length", "content-length"));
    CHECK(!strkit::iequals("abc", "abcd"));
    CHECK(strkit::iequals(std::string("HeLLo"), std::string("hello")));
    CHECK(!strkit::iequals(std::string("hello"), std::string("help!")));
    CHECK(strkit::lowered("MiXeD 42") == "mixed 42");
    CHECK(strkit::uppered("MiXeD 42") == "MIXED 42");
#if STRKIT_HAS_RELAXED_CONSTEXPR
    static_assert(strkit::iequals("GET", "get"), "iequals is constexpr from C++14");
    static_assert(!strkit::iequals("GET", "PUT"), "iequals is constexpr from C++14");
#endif
}

void test_trim() {
    CHECK(strkit::trim("  a b \t\n") == "a b");
    CHECK(strkit::ltrim("  x ") == "x ");
    CHECK(strkit::rtrim("  x ") == "  x");
    CHECK(strkit::trim(" \r\n\t ").empty());
    CHECK(strkit::trim("").empty());
#if STRKIT_HAS_STRING_VIEW
    static_assert(strkit::trim_view("  sv  ") == "sv", "trim_view is constexpr");
    std::string owner = "\tview me  ";
    std::string_view v = strkit::trim_view(owner);
    CHECK(v == "view me");
    CHECK(v.data() == owner.data() + 1);
#endif
}

void test_split() {
    CHECK(strkit::split("a,b,c", ',') == (strings{"a", "b", "c"}));
    CHECK(strkit::split("a,,b,", ',') == (strings{"a", "", "b", ""}));
    CHECK(strkit::split("a,,b,", ',', strkit::empties::skip) == (strings{"a", "b"}));
    CHECK(strkit::split("", ',') == (strings{""}));
    CHECK(strkit::split("", ',', strkit::empties::skip).empty());
    CHECK(strkit::split_any("  one\ttwo \n three ", " \t\n") == (strings{"one", "two", "three"}));
    CHECK(strkit::split_any(" \t ", " \t").empty());
    CHECK(strkit::starts_with("prefix-rest", "prefix"));
    CHECK(!strkit::starts_with("pre", "prefix"));
    CHECK(strkit::ends_with("file.tar.gz", ".gz"));
    CHECK(!strkit::ends_with("gz", ".gz"));
    CHECK(strkit::ends_with("anything", ""));
#if STRKIT_HAS_STRING_VIEW
    std::string csv = "k=v;;x=y";
    std::vector<std::string_view> parts = strkit::split_view(csv, ';');
    CHECK(parts.size() == 3);
    CHECK(parts.size() == 3 && parts[0] == "k=v" && parts[1].empty() && parts[2] == "x=y");
    CHECK(strkit::split_view(csv, ';', strkit::empties::skip).size() == 2);
#endif
}

void test_join() {
    CHECK(strkit::join(strings{"a", "b", "c"}, ", ") == "a, b, c");
    CHECK(strkit::join(strings{}, ",").empty());
    CHECK(strkit::join(std::list<int>{1, 2, 3}, "+") == "1+2+3");
    const char* words[] = {"x", "y"};
    CHECK(strkit::join(words, "") == "xy");
    CHECK(strkit::join(strings{"a", "b"}, "|", [](const std::string& s) { return s + s; }) ==
          "aa|bb");
    CHECK(strkit::join(strkit::split("1.2.3", '.'), "-") == "1-2-3");
}

} // namespace

int main() {
    test_ascii();
    test_trim();
    test_split();
    test_join();
    std::printf("strkit %d.%d, __cplusplus %ld (relaxed constexpr: %d, string_view: %d): "
                "%d checks, %d failed\n",
                STRKIT_VERSION_MAJOR, STRKIT_VERSION_MINOR, static_cast<long>(STRKIT_CPLUSPLUS),
                STRKIT_HAS_RELAXED_CONSTEXPR, STRKIT_HAS_STRING_VIEW, checks, failures);
    return failures == 0 ? 0 : 1;
}
