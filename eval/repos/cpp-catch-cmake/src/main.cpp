#include <iostream>
#include <string>

#include "rpn/eval.hpp"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    try {
      std::cout << rpn::evaluate(line) << '\n';
    } catch (const rpn::EvalError& e) {
      std::cerr << "error: " << e.what() << '\n';
      return 1;
    }
  }
  return 0;
}
