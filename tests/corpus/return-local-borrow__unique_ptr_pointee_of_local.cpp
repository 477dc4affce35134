// A unique_ptr's pointee dies with it: returning a borrow of it is still return-local-borrow (unlike a shared_ptr's).
#include <memory>

struct Node {
  int id = 0;
};

Node& make_node() {
  std::unique_ptr<Node> p = std::make_unique<Node>();
  return *p;  // expect: return-local-borrow  // fix: return-local-borrow
}
