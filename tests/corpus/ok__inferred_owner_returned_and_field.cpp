// ok: an inferred owner is returned to the caller, and another is stored into a field; neither is a leak (spec 2a.9)
// expect-none
struct Node {
  int value;
  Node* next;
};

Node* clone_node(const Node& src) {
  Node* copy = new Node{src.value, nullptr};
  if (src.value < 0) {
    copy->value = 0;
  }
  return copy;
}

void link_after(Node& at, int value) {
  Node* fresh = new Node{value, at.next};
  at.next = fresh;
}
