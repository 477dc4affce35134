// double-release: case 0 frees the buffer and falls through into case 1, which frees it again; the other paths free it exactly once
#include <cstdlib>

void finish(int mode, int size) {
  [[owner]] int* buf = static_cast<int*>(std::malloc(sizeof(int) * size));
  buf[0] = size;
  switch (mode) {
    case 0:
      std::free(buf);
      [[fallthrough]];
    case 1:
      std::free(buf);  // expect: double-release  // fix: double-release
      break;
    default:
      std::free(buf);
      break;
  }
}
