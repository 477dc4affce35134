// missing-lifetime: a static member function (no `this` to elide from) takes two node pointers and returns one of them; reported at its declaration inside the class
struct TreeNode {
  int key;
  TreeNode* left;
  TreeNode* right;

  static const TreeNode* min_of(const TreeNode* a, const TreeNode* b);  // expect: missing-lifetime  // fix: missing-lifetime
};

const TreeNode* TreeNode::min_of(const TreeNode* a, const TreeNode* b) {
  if (a == nullptr) {
    return b;
  }
  if (b == nullptr) {
    return a;
  }
  return a->key <= b->key ? a : b;
}
