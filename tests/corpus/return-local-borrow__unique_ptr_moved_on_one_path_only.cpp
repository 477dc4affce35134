// return-local-borrow: the pointee is handed to the registry on one path only; on the other,
// `up` still owns it and frees it at the return, so `raw` dangles.
#include <memory>
#include <utility>
#include <vector>

struct Widget {
  int v = 0;
};

Widget* maybe_keep(std::vector<std::unique_ptr<Widget>>& all, bool keep) {
  auto up = std::make_unique<Widget>();
  Widget* raw = up.get();
  if (keep) all.push_back(std::move(up));
  return raw;  // expect: return-local-borrow
}
