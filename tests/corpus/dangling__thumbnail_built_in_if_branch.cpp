// dangling: a pointer is aimed at a thumbnail built inside an `if` branch and read after it; the fix declares the thumbnail before the `if` and assigns it in the branch, so building it still happens only when asked for
#include <string>

struct Image {
  std::string name;
  int width = 0;
  int height = 0;
};

Image scale_down(const Image& full, int w, int h);

int preview_width(const Image& full, bool thumbnail) {
  const Image* shown = &full;
  if (thumbnail) {
    Image small = scale_down(full, 64, 64);
    shown = &small;  // expect: dangling  // fix: dangling
  }
  return shown->width;
}
