// dangling: a cursor struct's [[borrow]] member is pointed at a vector local to an inner block, and the cursor reads through it after the vector is gone
#include <cstddef>
#include <vector>

struct Cursor {
  [[borrow]] const std::vector<int>* data;
  std::size_t pos;
};

std::vector<int> fetch_batch();

int peek_next() {
  Cursor cur{nullptr, 0};
  {
    std::vector<int> batch = fetch_batch();
    cur.data = &batch;  // expect: dangling  // fix: dangling
    cur.pos = 1;
  }
  return (*cur.data)[cur.pos];
}
