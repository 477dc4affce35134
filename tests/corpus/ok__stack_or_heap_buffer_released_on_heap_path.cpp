// ok: a buffer is a stack array on the first attempt and a heap array on the second; it is deleted only on the heap path (the condition that chose it is tested again), as leveldb's PosixLogger does (spec 2b.4)
// expect-none
#include <cstdio>

void log_line(std::FILE* fp, int value) {
  char stack_buffer[64];
  int dynamic_size = 0;
  for (int iteration = 0; iteration < 2; ++iteration) {
    const int size = iteration == 0 ? static_cast<int>(sizeof stack_buffer) : dynamic_size;
    char* const buffer = iteration == 0 ? stack_buffer : new char[dynamic_size];
    int used = std::snprintf(buffer, size, "value=%d\n", value);
    if (used >= size && iteration == 0) {
      dynamic_size = used + 1;
      continue;
    }
    std::fwrite(buffer, 1, used, fp);
    if (iteration != 0) {
      delete[] buffer;
    }
    break;
  }
}
