// What a pointer parameter or a pointer read from an object reaches is storage this function does not own (spec 2b.2): returning it is not return-local-borrow.
// expect-none
#include <map>
#include <string>
#include <vector>

struct Item {
  Item* next = nullptr;
  int count = 0;
  const Item* self() const { return this; }
  const std::string& label() const { return label_; }
  std::string label_;
};

struct Arena {
  Item* NewItem();
  std::vector<Item*> items;
};

Item* make_item(Arena* arena) {
  Item* it = arena->NewItem();
  it->count = 1;
  return it;
}

const Item* find_nonempty(const Item* head) {
  for (const Item* n = head; n != nullptr; n = n->next) {
    const Item* e = n->self();
    if (e->count > 0) return e;
  }
  return nullptr;
}

const std::string& label_of(const Arena* arena, std::size_t i) { return arena->items[i]->label(); }

int& count_of(Item* item) { return item->count; }

Item* lookup(std::map<int, Item*>& index, int key) {
  auto i = index.find(key);
  if (i == index.end()) return nullptr;
  return i->second;
}

Item* last_item(Arena* arena) {
  std::vector<Item*>& v = arena->items;
  return v.back();
}
