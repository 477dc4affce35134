// ok: an [[owner]] starts as nullptr, is allocated only on one branch, and is deleted under a null test; the null path owns nothing (spec 2a.8)
// expect-none
struct Cache {
  int entries[32];
};

int lookup(const Cache* c, int key);

int find(int key, bool warm) {
  [[owner]] Cache* cache = nullptr;
  if (warm) {
    cache = new Cache{};
  }
  int v = cache != nullptr ? lookup(cache, key) : -1;
  if (cache != nullptr) {
    delete cache;
  }
  return v;
}
