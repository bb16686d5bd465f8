#pragma once

#include <string>
#include <vector>

namespace rpn {

struct Token {
  enum Kind { Number, Operator } kind;
  double value;
  char op;
};

std::vector<Token> lex(const std::string& text);

}  // namespace rpn
