// The forward dataflow over a lowered function: owner states and the loans each
// origin holds, joined at CFG merges, iterated to a fixpoint under a work cap.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <llvm/ADT/BitVector.h>

#include "analysis/Lowering.h"

namespace ownership {

// Owner state bits: a set of possibilities (several bits = "maybe").
enum OwnBit : std::uint8_t {
  kDead = 1,      // not in scope (not yet declared, or its scope ended)
  kOwnedBit = 2,  // owns its resource
  kMoved = 4,     // moved out
  kReleased = 8,  // released (delete, free, reset())
  kNullBit = 16,  // holds nothing (nullptr)
  kHandedOn = 32, // an inferred owner given to someone else
};

struct OwnerState {
  std::uint8_t bits = kDead;
  unsigned moveLoc = 0;     // raw SourceLocation of a move that reaches here
  unsigned releaseLoc = 0;  // raw SourceLocation of a release that reaches here
  friend bool operator==(const OwnerState&, const OwnerState&) = default;
};

struct State {
  bool reached = false;
  std::vector<OwnerState> owners;      // by VarId
  std::vector<llvm::BitVector> loans;  // by VarId: loans the origin holds
  llvm::BitVector released;            // loans whose place was released
  std::vector<unsigned> releasedAt;    // by LoanId (valid where `released` is set)
  bool operator==(const State& o) const {
    return reached == o.reached && owners == o.owners && loans == o.loans && released == o.released &&
           releasedAt == o.releasedAt;
  }
};

State initialState(const LoweredFunction& fn);
// Joins `in` into `acc`; returns whether `acc` changed.
bool join(State& acc, const State& in);
// The loans a fact's sources denote in `st`.
llvm::BitVector resolve(const LoweredFunction& fn, const State& st, const std::vector<Source>& srcs);
// Applies one fact.
void transfer(const LoweredFunction& fn, State& st, const Fact& f);
void applyRefinement(const LoweredFunction& fn, State& st, const clang::CFGBlock& from, unsigned succIndex);

struct DataflowResult {
  bool capped = false;           // the work cap was hit: no results
  std::vector<State> blockEntry; // by block ID
  unsigned blockVisits = 0;
};

DataflowResult runDataflow(const LoweredFunction& fn, unsigned maxBlockVisits);

}  // namespace ownership
