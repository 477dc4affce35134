// use-after-release: a unique_ptr reset() on one path is null there, so a non-null test before the use proves it was not released (spec 2a.8); without the test it is reported, and the fix adds the test
#include <memory>

struct Cache {
  int hits = 0;
};

void record(int hits);

int hits_or_zero(bool drop) {
  auto cache = std::make_unique<Cache>();
  if (drop) {
    cache.reset();
  }
  return cache ? cache->hits : 0;
}

void report(bool drop) {
  auto cache = std::make_unique<Cache>();
  if (drop) {
    cache.reset();
  }
  if (cache) {
    record(cache->hits);
  }
}

int hits_unchecked(bool drop) {
  auto cache = std::make_unique<Cache>();
  if (drop) {
    cache.reset();
  }
  return cache->hits;  // expect: use-after-release  // fix: use-after-release
}
