// Matches --header-filter=include/app/: checked and reported.
#pragma once
#include <string>
#include <utility>

inline std::string rename(std::string name) {
  std::string out = std::move(name);
  return name + out;  // expect: use-after-move
}
