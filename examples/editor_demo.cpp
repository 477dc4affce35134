// Editor demo for ownership-lsp: every editor feature in one file (tests/editors/ drive it).
// Open it in VS Code or Neovim with the server running, then visit each numbered spot:
// squiggles with notes, hover for the ownership state, quick-fixes, inlay hints.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../include/ownership.h"

struct Widget {
  int id = 0;
  std::string name;
};

void consume(std::unique_ptr<Widget> w);
OWNER Widget* make_widget(int id);

// 1. use-after-move: the squiggle is on `title` in the return; its note points at the
//    move. Hover `title` there: "moved (line 25)". Quick-fix: copy instead of moving.
std::size_t use_after_move() {
  std::string title = "ownership";
  std::string saved = std::move(title);
  return title.size() + saved.size();
}

// 2. use-after-move of a unique_ptr (an error). Hover `w` in the return.
int moved_widget() {
  auto w = std::make_unique<Widget>();
  consume(std::move(w));
  return w->id;
}

// 3. dangling: the view points into a temporary string that dies at the `;`.
//    Quick-fix: own a copy (std::string instead of std::string_view).
std::size_t dangling_view(const std::string& prefix) {
  std::string_view view = prefix + "-suffix";
  return view.size();
}

// 4. invalidation: push_back may reallocate while `first` still refers into `v`.
//    Hover `v` on the push_back line: "borrowed shared by `first`". Rest the cursor on
//    `first`: its borrow and the conflicting push_back are highlighted, and its later use.
int invalidated() {
  std::vector<int> v = {1, 2, 3};
  const int& first = v[0];
  v.push_back(4);
  return first;
}

// 5. conflicting borrows: a second exclusive borrow while the first is still used.
void conflicting() {
  std::string s = "text";
  std::string& a = s;
  std::string* b = &s;
  b->append("!");
  a.append("?");
}

// 6. leak: the factory's result is never released. Hover `w`: an [[owner]] pointer,
//    "owned". Quick-fix: delete it before the return.
int leaky() {
  OWNER Widget* w = make_widget(1);
  int id = w->id;
  return id;
}

// 7. inlay hints: where `r`'s borrow of `values` ends, and where `p` is moved.
int hints() {
  std::vector<int> values = {1, 2, 3};
  const int& r = values[0];
  int copy = r;
  values.push_back(copy);
  auto p = std::make_unique<Widget>();
  consume(std::move(p));
  return copy;
}
