// leak: an unannotated pointer initialised from new[] is an inferred owner; it is only read locally and never released or handed on (spec 2a.9)
int histogram_peak(const int* data, int n) {
  int* counts = new int[16]();  // expect: leak  // fix: leak
  for (int i = 0; i < n; ++i) {
    counts[data[i] & 15] += 1;
  }
  int peak = 0;
  for (int b = 0; b < 16; ++b) {
    if (counts[b] > peak) {
      peak = counts[b];
    }
  }
  return peak;
}
