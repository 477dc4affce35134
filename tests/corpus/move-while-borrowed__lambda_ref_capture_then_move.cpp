// move-while-borrowed: a lambda holds a by-reference capture of a vector, the vector is moved away, and the lambda is called afterwards
#include <cstddef>
#include <utility>
#include <vector>

void publish(std::vector<double> samples);

std::size_t flush_samples(double seed) {
  std::vector<double> samples{seed, seed * 2};
  auto count = [&samples] { return samples.size(); };
  publish(std::move(samples));  // expect: move-while-borrowed
  return count();
}
