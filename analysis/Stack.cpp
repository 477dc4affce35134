// Big-stack threads and how much stack the current thread has left.
#include "analysis/Stack.h"

#include <cstdint>

#include <llvm/Support/ProgramStack.h>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace ownership {

void runOnAnalysisStack(llvm::function_ref<void()> fn) { llvm::runOnNewStack(kAnalysisStackSize, fn); }

namespace {
// The lowest usable address of this thread's stack (it grows down), 0 when unknown. Asked once per
// thread: pthread_getattr_np reads /proc/self/maps for the main thread.
uintptr_t stackLimit() {
  thread_local uintptr_t limit = [] {
    uintptr_t low = 0;
#if defined(__linux__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* addr = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0) low = reinterpret_cast<uintptr_t>(addr);
      pthread_attr_destroy(&attr);
    }
#endif
    return low;
  }();
  return limit;
}
}  // namespace

size_t stackLeft() {
  uintptr_t low = stackLimit();
  uintptr_t sp = llvm::getStackPointer();
  if (low == 0 || sp <= low) return low == 0 ? SIZE_MAX : 0;
  return static_cast<size_t>(sp - low);
}

}  // namespace ownership
