#include <cstdio>
#include <cstdlib>
#include <vector>

#include "geom/polygon.hpp"

int main(int argc, char** argv) {
  if (argc < 7 || (argc - 1) % 2 != 0) {
    std::fprintf(stderr, "usage: area X1 Y1 X2 Y2 X3 Y3 [...]\n");
    return 2;
  }
  std::vector<geom::Vec2> vertices;
  for (int i = 1; i + 1 < argc; i += 2) vertices.push_back({std::atof(argv[i]), std::atof(argv[i + 1])});
  std::printf("%g\n", geom::signed_area(vertices));
  return 0;
}
