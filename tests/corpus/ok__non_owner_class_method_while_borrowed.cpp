// ok: a non-const member call on a plain (non-owner) user class is not a mutation while a reference from one of its methods is live (spec 2a.5)
// expect-none
struct Counter {
  int hits = 0;
  int misses = 0;
  const int& hits_ref() const { return hits; }
  void record_miss() { ++misses; }
};

int ratio_after_miss() {
  Counter c;
  c.hits = 4;
  const int& h = c.hits_ref();
  c.record_miss();
  return h * 10 / (c.misses + 1);
}
