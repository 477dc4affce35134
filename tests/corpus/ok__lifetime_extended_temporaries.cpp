// ok: temporaries bound directly to a const reference or auto&& are lifetime-extended, and a range-for over a returned vector keeps it alive for the loop
// expect-none
#include <string>
#include <vector>

struct Point {
  int x;
  int y;
};

std::vector<int> load_ids();
std::string current_user();

int summarize() {
  const Point& origin = Point{0, 0};
  auto&& names = std::vector<std::string>{"a", "bb"};
  const std::string& user = current_user();
  int total = origin.x + static_cast<int>(user.size());
  for (int id : load_ids()) {
    total += id;
  }
  return total + static_cast<int>(names[1].size());
}
