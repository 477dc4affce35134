// leak: the loop assigns a fresh node to an [[owner]] pointer that still owns the previous one, losing it (reported at the assignment)
struct Node {
  int value;
};

int last_value(int n) {
  [[owner]] Node* current = new Node{0};
  for (int i = 1; i < n; ++i) {
    current = new Node{i};  // expect: leak  // fix: leak
  }
  int v = current->value;
  delete current;
  return v;
}
