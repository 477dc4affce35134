// A member function whose body returns the address of a member does borrow the object: called on a local, the result must not be returned.
struct Counter {
  int n = 0;
  int* slot() { return &n; }
};

int* leak_slot() {
  Counter c;
  return c.slot();  // expect: return-local-borrow  // fix: return-local-borrow
}
