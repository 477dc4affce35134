// A pointer that did come from a local still reaches that local (spec 2b.2): returning what it reaches is return-local-borrow.
#include <string>

struct Entry {
  std::string key;
  int value = 0;
};

int& value_slot() {
  Entry e;
  Entry* p = &e;
  return p->value;  // expect: return-local-borrow  // fix: return-local-borrow
}

const std::string& key_of_local() {
  Entry e{"k", 1};
  const Entry* p = &e;
  return p->key;  // expect: return-local-borrow  // fix: return-local-borrow
}
