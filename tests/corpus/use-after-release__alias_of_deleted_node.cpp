// use-after-release: a second pointer copied from an owner still points at the node after the owner deletes it; copying a pointer aliases the allocation, and the alias dies with it (spec 2a.9)
struct Node {
  int level = 0;
};

void retire(bool verbose) {
  Node* node = new Node;
  Node* alias = node;
  delete node;
  alias->level = verbose ? 1 : 0;  // expect: use-after-release
}
