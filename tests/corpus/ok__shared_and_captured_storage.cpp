// A shared_ptr's pointee is co-owned (a copy may be kept elsewhere), and a lambda's captures are its caller's storage: returning borrows of them is not return-local-borrow (spec 2b).
// expect-none
#include <memory>
#include <set>
#include <string>
#include <string_view>

struct Node {
  int id = 0;
};

struct Pool {
  std::set<std::shared_ptr<Node>> nodes;
  Node& create() {
    std::shared_ptr<Node> p = std::make_shared<Node>();
    nodes.insert(p);
    return *p;
  }
};

std::size_t label_size() {
  std::string s = "label";
  auto view = [&]() -> std::string_view { return s; };
  return view().size();
}
