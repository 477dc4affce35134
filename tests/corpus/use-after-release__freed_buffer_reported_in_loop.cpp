// use-after-release: inside a loop, the overflow branch frees the scratch buffer and then hands it to the error reporter before returning
#include <cstddef>
#include <cstdlib>

bool slot_busy(std::size_t i);
void report_overflow(const char* buf, std::size_t used);

void fill_scratch(std::size_t n) {
  [[owner]] char* scratch = static_cast<char*>(std::malloc(n));
  for (std::size_t i = 0; i < n; ++i) {
    if (slot_busy(i)) {
      std::free(scratch);
      report_overflow(scratch, i);  // expect: use-after-release  // fix: use-after-release
      return;
    }
    scratch[i] = 'x';
  }
  std::free(scratch);
}
