#pragma once

#include <stdexcept>
#include <string>

namespace rpn {

struct EvalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

double evaluate(const std::string& expression);

}  // namespace rpn
