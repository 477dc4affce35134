// ok: get() hands a borrow to functions for the duration of the call while the unique_ptr stays alive; release() transfers to an [[owner]] local that is deleted
// expect-none
#include <memory>

struct Image {
  int width;
  int height;
};

int area(const Image* img);
void annotate(Image* img);

int process() {
  auto img = std::make_unique<Image>(Image{4, 3});
  annotate(img.get());
  int a = area(img.get());
  [[owner]] Image* raw = img.release();
  a += raw->width;
  delete raw;
  return a;
}
