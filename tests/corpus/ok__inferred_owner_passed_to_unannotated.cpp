// ok: unannotated raw pointers from new are inferred owners; handing them to an unannotated parameter or storing them in a container passes ownership on (spec 2a.9)
// expect-none
#include <vector>

struct Shape {
  double area;
};

class Scene {
 public:
  void add(Shape* s);
};

void populate(Scene& scene, std::vector<Shape*>& extra) {
  Shape* square = new Shape{4.0};
  square->area *= 2;
  scene.add(square);
  Shape* circle = new Shape{3.14};
  extra.push_back(circle);
}
