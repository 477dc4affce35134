// release-of-borrow: a [[borrow]] cursor walks a list that the caller owns and deletes the matching node through the borrow
struct Item {
  int value;
  Item* next;
};

bool drop_matching(Item* head, int target) {
  for ([[borrow]] Item* cur = head; cur != nullptr; cur = cur->next) {
    if (cur->value == target) {
      delete cur;  // expect: release-of-borrow  // fix: release-of-borrow
      return true;
    }
  }
  return false;
}
