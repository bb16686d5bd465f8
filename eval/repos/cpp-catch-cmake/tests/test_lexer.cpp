#include "minicatch.hpp"
#include "rpn/eval.hpp"
#include "rpn/lexer.hpp"

TEST_CASE("numbers and operators are separated by spaces") {
  const auto tokens = rpn::lex("1.5 2 +");
  REQUIRE(tokens.size() == 3);
  REQUIRE(tokens[0].kind == rpn::Token::Number);
  REQUIRE(tokens[0].value == 1.5);
  REQUIRE(tokens[2].op == '+');
}

TEST_CASE("garbage is rejected") {
  REQUIRE_THROWS_AS(rpn::lex("1 x +"), rpn::EvalError);
}
