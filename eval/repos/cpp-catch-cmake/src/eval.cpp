#include "rpn/eval.hpp"

#include <vector>

#include "rpn/lexer.hpp"

namespace rpn {

double evaluate(const std::string& expression) {
  std::vector<double> stack;
  for (const Token& t : lex(expression)) {
    if (t.kind == Token::Number) {
      stack.push_back(t.value);
      continue;
    }
    if (stack.size() < 2) throw EvalError("stack underflow");
    const double b = stack.back();
    stack.pop_back();
    const double a = stack.back();
    stack.pop_back();
    switch (t.op) {
      case '+': stack.push_back(a + b); break;
      case '-': stack.push_back(a - b); break;
      case '*': stack.push_back(a * b); break;
      default:
        if (b == 0) throw EvalError("division by zero");
        stack.push_back(a / b);
    }
  }
  if (stack.size() != 1) throw EvalError("expected one result");
  return stack.back();
}

}  // namespace rpn
