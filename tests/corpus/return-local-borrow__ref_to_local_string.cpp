// return-local-borrow: a function formats a label into a local string and returns a const reference to it (rustc E0515)
#include <string>

const std::string& make_label(int id, bool draft) {
  std::string label = "item-" + std::to_string(id);
  if (draft) {
    label += "-draft";
  }
  return label;  // expect: return-local-borrow  // fix: return-local-borrow
}
