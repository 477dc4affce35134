// move-while-borrowed: the pointee is handed to a local object, which dies at the end of the
// function while `raw` is still read; only storage that outlives the function keeps it (spec 2a.1).
#include <memory>
#include <utility>
#include <vector>

struct Node {
  int v = 0;
  std::vector<std::unique_ptr<Node>> kids;
  void addChild(std::unique_ptr<Node> n) { kids.push_back(std::move(n)); }
};

void sink(std::unique_ptr<Node> n);

int into_local() {
  Node local;
  auto n = std::make_unique<Node>();
  Node* raw = n.get();
  local.addChild(std::move(n));  // expect: move-while-borrowed
  return raw->v;
}

int into_free_function() {
  auto n = std::make_unique<Node>();
  Node* raw = n.get();
  sink(std::move(n));  // expect: move-while-borrowed
  return raw->v;
}
