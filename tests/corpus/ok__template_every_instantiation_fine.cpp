// ok: a function template and a generic lambda move their argument only after the last read, for every instantiation (spec 2d)
// expect-none
#include <map>
#include <string>
#include <utility>
#include <vector>

template <class Key, class Value>
void insert_or_keep(std::map<Key, Value>& m, Key key, Value value) {
  if (m.count(key) != 0) return;
  m.emplace(std::move(key), std::move(value));
}

template <class T>
T pop_last(std::vector<T>& v) {
  T last = std::move(v.back());
  v.pop_back();
  return last;
}

int use() {
  std::map<std::string, int> counts;
  insert_or_keep(counts, std::string("a"), 1);
  std::map<int, std::string> names;
  insert_or_keep(names, 1, std::string("one"));
  std::vector<std::string> stack{"x", "y"};
  std::string top = pop_last(stack);
  std::vector<int> nums{1, 2};
  int n = pop_last(nums);
  auto store = [&stack](auto item) { stack.push_back(std::string(item)); };
  store("z");
  store(std::string("w"));
  return static_cast<int>(top.size()) + n;
}
