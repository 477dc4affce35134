// leak: the [[owner]] buffer is released on the success path but an early return on a parse error leaves it owned (reported at the declaration)
#include <cstddef>

struct Buffer {
  char bytes[256];
  std::size_t used = 0;
};

bool read_into(Buffer* b);
int checksum(const Buffer& b);

int load_checksum() {
  [[owner]] Buffer* buf = new Buffer{};  // expect: leak  // fix: leak
  if (!read_into(buf)) {
    return -1;
  }
  int sum = checksum(*buf);
  delete buf;
  return sum;
}
