#pragma once

#include <vector>

#include "geom/vec2.hpp"

namespace geom {

// Signed area by the shoelace formula: positive for counter-clockwise vertices.
double signed_area(const std::vector<Vec2>& vertices);
bool is_convex(const std::vector<Vec2>& vertices);

}  // namespace geom
