#include <vector>

#include "check.hpp"
#include "geom/polygon.hpp"

int main() {
  const std::vector<geom::Vec2> square{{0, 0}, {2, 0}, {2, 2}, {0, 2}};
  const std::vector<geom::Vec2> dart{{0, 0}, {4, 0}, {1, 1}, {0, 4}};
  CHECK(geom::nearly_equal(geom::signed_area(square), 4));
  CHECK(geom::is_convex(square));
  CHECK(!geom::is_convex(dart));
  CHECK(!geom::is_convex({{0, 0}, {1, 1}}));
  return CHECK_REPORT();
}
