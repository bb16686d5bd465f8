#include "geom/vec2.hpp"

#include <cmath>

namespace geom {

Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
double cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
bool nearly_equal(double a, double b) { return std::fabs(a - b) < GEOM_EPSILON; }

}  // namespace geom
