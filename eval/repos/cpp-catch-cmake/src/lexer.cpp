#include "rpn/lexer.hpp"

#include <cctype>
#include <cstdlib>
#include <sstream>

#include "rpn/eval.hpp"

namespace rpn {

std::vector<Token> lex(const std::string& text) {
  std::vector<Token> tokens;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    if (word.size() == 1 && std::string("+-*/").find(word[0]) != std::string::npos) {
      tokens.push_back({Token::Operator, 0, word[0]});
      continue;
    }
    char* end = nullptr;
    const double v = std::strtod(word.c_str(), &end);
    if (end == word.c_str() || *end != '\0') throw EvalError("not a number: " + word);
    tokens.push_back({Token::Number, v, 0});
  }
  return tokens;
}

}  // namespace rpn
