// conflicting-borrow: the same field is passed to two mutable reference parameters of one call (spec 2a.6, swap_values(x, x))
struct Range {
  int lo;
  int hi;
};

void order_pair(int& a, int& b) {
  if (b < a) {
    int t = a;
    a = b;
    b = t;
  }
}

void normalize(Range& r) {
  order_pair(r.lo, r.lo);  // expect: conflicting-borrow
}

void normalize_ok(Range& r) {
  order_pair(r.lo, r.hi);
}
