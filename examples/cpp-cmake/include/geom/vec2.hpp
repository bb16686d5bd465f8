#pragma once

namespace geom {

struct Vec2 {
  double x = 0;
  double y = 0;
};

Vec2 operator+(Vec2 a, Vec2 b);
Vec2 operator-(Vec2 a, Vec2 b);
double cross(Vec2 a, Vec2 b);
bool nearly_equal(double a, double b);

}  // namespace geom
