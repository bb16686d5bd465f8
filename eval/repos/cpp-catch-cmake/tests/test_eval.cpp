#include "minicatch.hpp"
#include "rpn/eval.hpp"

TEST_CASE("evaluates nested expressions") {
  REQUIRE(rpn::evaluate("3 4 + 2 *") == 14);
  REQUIRE(rpn::evaluate("10 4 -") == 6);
}

TEST_CASE("reports errors") {
  REQUIRE_THROWS_AS(rpn::evaluate("1 +"), rpn::EvalError);
  REQUIRE_THROWS_AS(rpn::evaluate("1 0 /"), rpn::EvalError);
  REQUIRE_THROWS_AS(rpn::evaluate("1 2"), rpn::EvalError);
}
