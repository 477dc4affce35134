// Reached through -isystem: a system header is never reported.
#pragma once
#include <string>
#include <utility>

inline std::string platform_rename(std::string name) {
  std::string out = std::move(name);
  return name + out;
}
