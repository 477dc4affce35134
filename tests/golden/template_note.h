// Golden helper for other_file_note.cpp: a template whose std::string instantiation uses a
// moved value (reported at this header, with a note in the file that instantiates it).
#pragma once
#include <string>
#include <utility>
#include <vector>

template <class V>
void push_twice(std::vector<V>& out, V value) {
  out.push_back(std::move(value));
  out.push_back(value);
}
