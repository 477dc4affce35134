// return-local-borrow: a function fills a local struct and returns its address; returning the struct by value is the fix (rustc E0515)
struct Summary {
  int count;
  long total;
};

const Summary* summarize(const int* values, int n) {
  Summary s{0, 0};
  for (int i = 0; i < n; ++i) {
    s.count += 1;
    s.total += values[i];
  }
  return &s;  // expect: return-local-borrow  // fix: return-local-borrow
}
