// Passing a moved-from object to a function that may fill it (a pointer or non-const reference out-parameter, std::swap) gives it a fresh value and is not a use (spec 2b.5).
// expect-none
#include <string>
#include <utility>
#include <vector>

struct Path {
  std::vector<std::string> parts;
};

void consume(Path p);
bool read_path(Path* out);
void fill(std::string& out);

void reread(Path p) {
  consume(std::move(p));
  if (read_path(&p)) consume(std::move(p));
}

std::size_t refill(std::string s, std::string t) {
  std::string x = std::move(s);
  fill(s);
  x += s;
  std::string y = std::move(t);
  std::swap(t, x);
  return t.size() + y.size();
}
