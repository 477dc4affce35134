// ok: a template that no code instantiates is not checked: its body's meaning depends on types nobody chose (spec 2d; `-v` says it was skipped)
// expect-none
#include <utility>

template <class T>
T consume_twice(T value) {
  T first = std::move(value);
  return value;
}

int main() { return 0; }
