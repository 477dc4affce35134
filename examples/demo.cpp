// A tour of ownership-check's diagnostics: each function shows one mistake next to
// code that is correct. Run: build/ownership-check examples/demo.cpp
#include <cstdlib>
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

// use-after-move: the widget was handed to consume().
int read_after_move() {
  auto w = std::make_unique<Widget>();
  consume(std::move(w));
  return w->id;
}

// use-after-release and double-release on a C buffer.
void c_buffer(bool early) {
  OWNER char* buf = static_cast<char*>(std::malloc(16));
  if (early) {
    std::free(buf);
  }
  std::free(buf);
}

// leak: the factory's result is never released.
int leaky() {
  OWNER Widget* w = make_widget(1);
  return w->id;
}

// mutate-while-borrowed: push_back may reallocate while `first` is still used.
int invalidated(std::vector<int>& v) {
  std::vector<int> local = v;
  const int& first = local[0];
  local.push_back(42);
  return first;
}

// dangling: the view outlives the string it points into.
std::size_t dangling_view() {
  std::string_view view;
  {
    std::string text = "temporary text";
    view = text;
  }
  return view.size();
}

// return-local-borrow: a reference to a local escapes through the return value.
const std::string& pick_name() {
  std::string name = "local";
  return name;
}

// Correct code stays silent: reinitialised after move, released on every path.
int correct(bool flag) {
  std::string s = "a";
  std::string t = std::move(s);
  s = "b";
  OWNER int* p = new int(1);
  if (flag) {
    delete p;
    return static_cast<int>(s.size() + t.size());
  }
  int r = *p;
  delete p;
  return r;
}
