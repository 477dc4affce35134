// ok: a moved-from unique_ptr is reinitialised with reset(new ...) before it is dereferenced again (spec 2a.15)
// expect-none
#include <memory>
#include <utility>
#include <vector>

struct Chunk {
  int bytes = 0;
};

void rotate(std::vector<std::unique_ptr<Chunk>>& full, int n) {
  std::unique_ptr<Chunk> active(new Chunk{});
  for (int i = 0; i < n; ++i) {
    active->bytes += 128;
    full.push_back(std::move(active));
    active.reset(new Chunk{});
  }
  active->bytes = -1;
}
