// minitest.h -- a very small xUnit-style test framework for C++11.
//
//   #include <minitest/minitest.h>
//
//   TEST(Stack, StartsEmpty) {
//     Stack s;
//     EXPECT_TRUE(s.empty());
//     ASSERT_EQ(0u, s.size());   // ASSERT_* ends the test on failure
//   }
//
// Link with the minitest library, which provides main(); run the binary with
// --filter=Suite.* (a trailing '*' matches any rest) or --list.
#ifndef MINITEST_MINITEST_H_
#define MINITEST_MINITEST_H_

#include <sstream>
#include <string>
#include <vector>

namespace minitest {

using TestFunction = void (*)();

struct TestInfo {
  std::string suite;
  std::string name;
  TestFunction function;
};

// All tests registered so far, in definition order.
std::vector<TestInfo>& Registry();

struct Registrar {
  Registrar(const char* suite, const char* name, TestFunction function);
};

// Thrown by ASSERT_* to end the current test.
struct FatalFailure {};

void ReportFailure(const char* file, int line, const std::string& message);

template <typename T>
std::string Show(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}
inline std::string Show(const std::string& value) { return "\"" + value + "\""; }
inline std::string Show(const char* value) {
  return value ? Show(std::string(value)) : std::string("(null)");
}
inline std::string Show(bool value) { return value ? "true" : "false"; }

template <typename A, typename B>
bool CheckCompare(bool ok, const A& a, const B& b, const char* op, const char* text_a,
                  const char* text_b, const char* file, int line) {
  if (!ok) {
    ReportFailure(file, line,
                  std::string("expected ") + text_a + " " + op + " " + text_b + "\n    left:  " +
                      Show(a) + "\n    right: " + Show(b));
  }
  return ok;
}

inline bool CheckBool(bool ok, const char* text, bool expected, const char* file, int line) {
  if (!ok) {
    ReportFailure(file, line,
                  std::string("expected ") + text + " to be " + (expected ? "true" : "false"));
  }
  return ok;
}

}  // namespace minitest

#define MINITEST_TEST_NAME_(suite, name) suite##_##name##_MiniTest

#define TEST(suite, name)                                                              \
  static void MINITEST_TEST_NAME_(suite, name)();                                      \
  static ::minitest::Registrar MINITEST_TEST_NAME_(suite, name##_registrar)(           \
      #suite, #name, &MINITEST_TEST_NAME_(suite, name));                               \
  static void MINITEST_TEST_NAME_(suite, name)()

#define MINITEST_CMP_(a, b, op, fatal)                                                 \
  do {                                                                                 \
    const auto& minitest_a_ = (a);                                                     \
    const auto& minitest_b_ = (b);                                                     \
    if (!::minitest::CheckCompare(minitest_a_ op minitest_b_, minitest_a_, minitest_b_, \
                                  #op, #a, #b, __FILE__, __LINE__) &&                  \
        (fatal))                                                                       \
      throw ::minitest::FatalFailure();                                                \
  } while (0)

#define MINITEST_BOOL_(cond, expected, fatal)                                          \
  do {                                                                                 \
    if (!::minitest::CheckBool(static_cast<bool>(cond) == (expected), #cond, expected, \
                               __FILE__, __LINE__) &&                                  \
        (fatal))                                                                       \
      throw ::minitest::FatalFailure();                                                \
  } while (0)

#define EXPECT_EQ(a, b) MINITEST_CMP_(a, b, ==, false)
#define EXPECT_NE(a, b) MINITEST_CMP_(a, b, !=, false)
#define EXPECT_LT(a, b) MINITEST_CMP_(a, b, <, false)
#define ASSERT_EQ(a, b) MINITEST_CMP_(a, b, ==, true)
#define ASSERT_NE(a, b) MINITEST_CMP_(a, b, !=, true)
#define EXPECT_TRUE(cond) MINITEST_BOOL_(cond, true, false)
#define EXPECT_FALSE(cond) MINITEST_BOOL_(cond, false, false)
#define ASSERT_TRUE(cond) MINITEST_BOOL_(cond, true, true)
#define ASSERT_FALSE(cond) MINITEST_BOOL_(cond, false, true)

#define EXPECT_THROW(statement, exception_type)                                        \
  do {                                                                                 \
    bool minitest_caught_ = false;                                                     \
    try {                                                                              \
      statement;                                                                       \
    } catch (const exception_type&) {                                                  \
      minitest_caught_ = true;                                                         \
    } catch (...) {                                                                    \
    }                                                                                  \
    if (!minitest_caught_)                                                             \
      ::minitest::ReportFailure(__FILE__, __LINE__,                                    \
                                "expected " #statement " to throw " #exception_type);  \
  } while (0)

#endif  // MINITEST_MINITEST_H_
