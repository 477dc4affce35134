// Golden: a use after move, the move on the line before (one snippet, the note labelled).
#include <memory>
#include <utility>

int use_after_move() {
  auto a = std::make_unique<int>(1);
  auto b = std::move(a);
  *a = 2;
  return *b;
}
