// The stack that parsing and analysis run on: Clang's parser and Sema, and the analysis's own walks,
// recurse once per level of nesting in the code they read.
#pragma once
#include <cstddef>

#include <llvm/ADT/STLFunctionalExtras.h>

namespace ownership {

// The stack of every thread that parses or analyses: the CLI's, each server document worker's, the
// fuzz targets'. On the default 8 MiB Clang's parser overflowed at about 2,000 nested unary
// operators and 1,100 nested parentheses, and Sema at 100,000-term `a + a + ...` chains. Reserved
// address space only: a thread commits the pages it touches, a few hundred KiB for ordinary code.
inline constexpr unsigned kAnalysisStackSize = 256u << 20;

// Runs `fn` on a new thread with kAnalysisStackSize bytes of stack and waits for it.
void runOnAnalysisStack(llvm::function_ref<void()> fn);

// Bytes of stack left below the caller on this thread; SIZE_MAX when the platform does not say.
size_t stackLeft();

}  // namespace ownership
