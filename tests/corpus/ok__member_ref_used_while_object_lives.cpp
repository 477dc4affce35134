// ok: a method returns a reference to a member (elided from `this`), and the reference is used while the object is alive
// expect-none
#include <string>
#include <vector>

struct Item {
  std::string sku;
  int qty;
};

class Inventory {
 public:
  const std::vector<Item>& items() const { return items_; }
  Item& slot(std::size_t i) { return items_[i]; }

 private:
  std::vector<Item> items_{{"a", 1}, {"b", 2}};
};

int total_quantity() {
  Inventory inv;
  const std::vector<Item>& all = inv.items();
  int sum = 0;
  for (const Item& it : all) {
    sum += it.qty;
  }
  Item& first = inv.slot(0);
  first.qty = sum;
  return first.qty;
}
