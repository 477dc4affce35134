// Backward liveness of origins (non-lexical, as in Rust's NLL): an origin is live
// at a point when some path from there reads it before overwriting it.
#pragma once
#include <vector>

#include <llvm/ADT/BitVector.h>

#include "analysis/Lowering.h"

namespace ownership {

class Liveness {
 public:
  explicit Liveness(const LoweredFunction& fn);
  // Origins live just after fact `index` of block `blockId`.
  const llvm::BitVector& liveAfter(unsigned blockId, unsigned index) const { return after_[blockId][index]; }
  const llvm::BitVector& liveIn(unsigned blockId) const { return in_[blockId]; }

 private:
  std::vector<llvm::BitVector> in_;
  std::vector<std::vector<llvm::BitVector>> after_;
};

// The variables a fact reads (as origins) and the one it overwrites, if any.
void originUsesAndDef(const Fact& f, llvm::BitVector& uses, int& def);

}  // namespace ownership
