// invalid-annotation: a data member carries both [[ownership::owner]] and [[ownership::borrow]]; one diagnostic at the second (spec 2a.13), nothing else
struct Slot {
  int value = 0;
};

struct Registry {
  [[ownership::owner]] [[ownership::borrow]] Slot* current = nullptr;  // expect: invalid-annotation  // fix: invalid-annotation
  int count = 0;
};
