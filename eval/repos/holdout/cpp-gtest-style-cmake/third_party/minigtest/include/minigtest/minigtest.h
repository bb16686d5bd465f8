// minigtest: a very small xUnit test framework with a googletest-like API.
#ifndef MINIGTEST_MINIGTEST_H_
#define MINIGTEST_MINIGTEST_H_

#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

namespace minigtest {

using TestFunction = void (*)();

// Called by TEST(); returns true so that it can initialize a static.
bool RegisterTest(const char* suite, const char* name, TestFunction fn);

// Removes the flags minigtest understands from argv, adjusting *argc.
void InitMinigtest(int* argc, char** argv);

// Runs the selected tests; returns 0 if all of them passed, else 1.
int RunAllTests();

namespace internal {

void ReportFailure(const char* file, int line, const std::string& message);

template <typename T, typename = void>
struct IsPrintable : std::false_type {};
template <typename T>
struct IsPrintable<T, decltype(void(std::declval<std::ostream&>() << std::declval<const T&>()))>
    : std::true_type {};

template <typename T>
std::string PrintValue(const T& value, std::true_type) {
  std::ostringstream os;
  os << value;
  return os.str();
}
template <typename T>
std::string PrintValue(const T&, std::false_type) {
  return "<unprintable value>";
}
template <typename T>
std::string PrintValue(const T& value) {
  return PrintValue(value, IsPrintable<T>());
}

// Returns an empty string when `a op b` holds, else the failure message.
template <typename A, typename B, typename Op>
std::string Compare(const char* a_text, const char* b_text, const char* op_text,
                    const A& a, const B& b, Op op) {
  if (op(a, b)) return std::string();
  return std::string("Expected: (") + a_text + ") " + op_text + " (" + b_text +
         ")\n  Actual: " + PrintValue(a) + " vs " + PrintValue(b);
}

}  // namespace internal
}  // namespace minigtest

#define TEST(suite, name)                                             \
  static void suite##_##name##_Test();                                \
  static const bool suite##_##name##_registered_ =                    \
      ::minigtest::RegisterTest(#suite, #name, &suite##_##name##_Test); \
  static void suite##_##name##_Test()

// on_failure is empty for EXPECT_ and `return` for ASSERT_.
#define MINIGTEST_CHECK_(message_expr, on_failure)                          \
  do {                                                                    \
    const std::string minigtest_msg_ = (message_expr);                    \
    if (!minigtest_msg_.empty()) {                                        \
      ::minigtest::internal::ReportFailure(__FILE__, __LINE__, minigtest_msg_); \
      on_failure;                                                         \
    }                                                                     \
  } while (0)

#define MINIGTEST_BOOL_(cond, text, want) \
  (static_cast<bool>(cond) == (want) ? std::string() \
                                     : std::string("Expected ") + (text) + " to be " + ((want) ? "true" : "false"))

#define MINIGTEST_CMP_(a, b, op)                                        \
  ::minigtest::internal::Compare(#a, #b, #op, (a), (b),                 \
                                 [](const auto& x, const auto& y) { return x op y; })

#define MINIGTEST_THROW_(stmt, exc)                              \
  [&]() -> std::string {                                                 \
    try {                                                                \
      stmt;                                                              \
    } catch (const exc&) {                                               \
      return std::string();                                              \
    } catch (...) {                                                      \
      return "Expected " #stmt " to throw " #exc ", it threw something else"; \
    }                                                                    \
    return "Expected " #stmt " to throw " #exc ", it threw nothing";     \
  }()

#define MINIGTEST_NO_THROW_(stmt)                                         \
  [&]() -> std::string {                                                 \
    try {                                                                \
      stmt;                                                              \
    } catch (...) {                                                      \
      return "Expected " #stmt " not to throw";                          \
    }                                                                    \
    return std::string();                                                \
  }()

#define EXPECT_TRUE(c) MINIGTEST_CHECK_(MINIGTEST_BOOL_(c, #c, true), (void)0)
#define EXPECT_FALSE(c) MINIGTEST_CHECK_(MINIGTEST_BOOL_(c, #c, false), (void)0)
#define EXPECT_EQ(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, ==), (void)0)
#define EXPECT_NE(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, !=), (void)0)
#define EXPECT_LT(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, <), (void)0)
#define EXPECT_LE(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, <=), (void)0)
#define EXPECT_GT(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, >), (void)0)
#define EXPECT_GE(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, >=), (void)0)
#define EXPECT_THROW(stmt, exc) MINIGTEST_CHECK_(MINIGTEST_THROW_(stmt, exc), (void)0)
#define EXPECT_NO_THROW(stmt) MINIGTEST_CHECK_(MINIGTEST_NO_THROW_(stmt), (void)0)

#define ASSERT_TRUE(c) MINIGTEST_CHECK_(MINIGTEST_BOOL_(c, #c, true), return)
#define ASSERT_FALSE(c) MINIGTEST_CHECK_(MINIGTEST_BOOL_(c, #c, false), return)
#define ASSERT_EQ(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, ==), return)
#define ASSERT_NE(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, !=), return)
#define ASSERT_LT(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, <), return)
#define ASSERT_LE(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, <=), return)
#define ASSERT_GT(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, >), return)
#define ASSERT_GE(a, b) MINIGTEST_CHECK_(MINIGTEST_CMP_(a, b, >=), return)
#define ASSERT_THROW(stmt, exc) MINIGTEST_CHECK_(MINIGTEST_THROW_(stmt, exc), return)
#define ASSERT_NO_THROW(stmt) MINIGTEST_CHECK_(MINIGTEST_NO_THROW_(stmt), return)

#endif  // MINIGTEST_MINIGTEST_H_
