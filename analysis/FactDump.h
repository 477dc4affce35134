// A readable dump of a lowered function's facts, for `ownership-check --dump-facts` and tests.
#pragma once
#include <string>

#include "analysis/Lowering.h"

namespace ownership {

std::string_view factKindName(FactKind k);
// One line per fact: `Reinit r (value=Null, checkOverwrite) @12:3`.
std::string dumpFact(const LoweredFunction& fn, const Fact& f, const clang::SourceManager& sm);
// The entry facts, then every block's facts in block-id order, with the null-test refinements.
std::string dumpFacts(const LoweredFunction& fn, const clang::SourceManager& sm);

}  // namespace ownership
