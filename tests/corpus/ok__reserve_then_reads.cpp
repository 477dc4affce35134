// ok: reserve() happens before any borrow is taken; afterwards the vector is only filled and read through data() and a span
// expect-none
#include <span>
#include <vector>

double average(int n) {
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    values.push_back(i * 0.5);
  }
  const double* raw = values.data();
  std::span<const double> all(values);
  double sum = 0;
  for (double v : all) {
    sum += v;
  }
  return n > 0 ? sum / n + raw[0] : 0.0;
}
