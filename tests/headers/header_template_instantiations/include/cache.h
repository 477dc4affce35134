// A class template in a header: its member is wrong for std::string values (a move empties them)
// and fine for int; instantiated from two sources, reported once at the header (spec 2d).
#pragma once
#include <map>
#include <string>
#include <utility>

template <class V>
class Cache {
 public:
  V& put(int key, V value) {
    auto [it, fresh] = entries_.emplace(key, std::move(value));
    if (!fresh) it->second = value;  // expect: use-after-move
    return it->second;
  }

 private:
  std::map<int, V> entries_;
};

template <class V>
V first_or(const std::map<int, V>& m, V fallback) {
  return m.empty() ? fallback : m.begin()->second;
}
