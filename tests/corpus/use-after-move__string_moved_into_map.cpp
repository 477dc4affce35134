// use-after-move: a std::string is moved into an unordered_map and its size is read afterwards (a warning: moved-from std types are valid but unspecified)
#include <string>
#include <unordered_map>
#include <utility>

std::size_t register_user(std::unordered_map<int, std::string>& users, int id,
                          std::string display_name) {
  users.emplace(id, std::move(display_name));
  return display_name.size();  // expect: use-after-move  // fix: use-after-move
}
