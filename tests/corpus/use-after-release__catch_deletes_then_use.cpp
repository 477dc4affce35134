// use-after-release: the catch handler frees the buffer and then reports the partial data from it before returning
#include <stdexcept>

void fill(int* data, int n);
void report_partial(const int* data, int n);

int load(int n) {
  [[owner]] int* data = new int[n];
  try {
    fill(data, n);
  } catch (const std::exception&) {
    delete[] data;
    report_partial(data, n);  // expect: use-after-release  // fix: use-after-release
    return -1;
  }
  int first = data[0];
  delete[] data;
  return first;
}
