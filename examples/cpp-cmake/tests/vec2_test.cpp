#include "check.hpp"
#include "geom/vec2.hpp"

int main() {
  using geom::Vec2;
  const Vec2 a{1, 2};
  const Vec2 b{3, 5};
  CHECK(geom::nearly_equal((a + b).x, 4));
  CHECK(geom::nearly_equal((b - a).y, 3));
  CHECK(geom::nearly_equal(geom::cross(a, b), -1));
  CHECK(!geom::nearly_equal(1.0, 1.001));
  return CHECK_REPORT();
}
