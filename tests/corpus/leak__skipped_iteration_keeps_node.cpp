// leak: a node allocated in a loop body is released at the end of the iteration, but a `continue` skips the release; the fix releases it before the `continue`
struct Sample {
  int value = 0;
  bool valid = false;
};

bool fill(Sample* s, int i);

int sum_valid(int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    [[owner]] Sample* s = new Sample;  // expect: leak  // fix: leak
    if (!fill(s, i) || !s->valid) continue;
    total += s->value;
    delete s;
  }
  return total;
}
