// Elements that are pointers outlive their slot in the container (spec 2b.2): popping the slot does not end what the pointer reaches.
// expect-none
#include <deque>
#include <vector>

struct Node {
  int depth = 0;
  std::vector<Node*> kids;
};

int finish(std::vector<Node*>& stack) {
  Node& top = *stack.back();
  stack.pop_back();
  return top.depth;
}

int drain(std::deque<Node*>& queue) {
  int total = 0;
  while (!queue.empty()) {
    Node* n = queue.front();
    queue.pop_front();
    for (Node* k : n->kids) queue.push_back(k);
    total += n->depth;
  }
  return total;
}
