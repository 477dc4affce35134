// Outside the header filter: not reported, though the same bug is here.
#pragma once
#include <string>
#include <utility>

inline std::string vendor_rename(std::string name) {
  std::string out = std::move(name);
  return name + out;
}
