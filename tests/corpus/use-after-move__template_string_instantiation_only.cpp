// use-after-move: a function template moves its by-value argument into a vector and then reads it; instantiated with int (a move copies) and with std::string (a move empties), only the std::string instantiation is wrong, reported once at the template (spec 2d)
#include <string>
#include <utility>
#include <vector>

template <class T>
void append_twice(std::vector<T>& out, T value) {
  out.push_back(std::move(value));
  out.push_back(value);  // expect: use-after-move
}

void fill(std::vector<int>& ids, std::vector<std::string>& names) {
  append_twice(ids, 7);
  append_twice(names, std::string("seven"));
}
