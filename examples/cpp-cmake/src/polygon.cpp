#include "geom/polygon.hpp"

#include <cstddef>

namespace geom {

double signed_area(const std::vector<Vec2>& v) {
  double twice = 0;
  for (std::size_t i = 0; i < v.size(); ++i) twice += cross(v[i], v[(i + 1) % v.size()]);
  return twice / 2;
}

bool is_convex(const std::vector<Vec2>& v) {
  if (v.size() < 3) return false;
  int sign = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const Vec2 a = v[(i + 1) % v.size()] - v[i];
    const Vec2 b = v[(i + 2) % v.size()] - v[(i + 1) % v.size()];
    const double c = cross(a, b);
    if (nearly_equal(c, 0)) continue;
    const int s = c > 0 ? 1 : -1;
    if (sign != 0 && s != sign) return false;
    sign = s;
  }
  return sign != 0;
}

}  // namespace geom
