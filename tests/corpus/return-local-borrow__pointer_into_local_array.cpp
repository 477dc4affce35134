// return-local-borrow: a lookup returns a pointer into a local array of slots found by a loop (rustc E0515)
struct Slot {
  int key;
  int value;
};

void fill_slots(Slot* slots, int n);

Slot* find_slot(int key) {
  Slot slots[8];
  fill_slots(slots, 8);
  for (int i = 0; i < 8; ++i) {
    if (slots[i].key == key) {
      return &slots[i];  // expect: return-local-borrow  // fix: return-local-borrow
    }
  }
  return nullptr;
}
