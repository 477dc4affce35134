// What a function's returned borrow comes from, read off its visible body by running the
// analysis on it (spec 2b.9: contracts are inferred from visible bodies).
#pragma once
#include <optional>
#include <vector>

#include <clang/AST/ASTContext.h>

namespace ownership {

struct ReturnSources {
  bool fromThis = false;
  std::vector<unsigned> params;  // indices of the parameters whose storage is returned
};

// nullopt when the body is not visible, cannot be analysed, is virtual (another override may
// run), or is being inferred already (recursion). Results are cached while an
// InferenceScope is alive on this thread; without one nothing is inferred.
std::optional<ReturnSources> inferredReturnSources(clang::ASTContext& ctx, const clang::FunctionDecl* F);

// Keeps inferred contracts for the analysis of one file (or one function); nests.
class InferenceScope {
 public:
  InferenceScope();
  ~InferenceScope();
  InferenceScope(const InferenceScope&) = delete;
  InferenceScope& operator=(const InferenceScope&) = delete;

 private:
  bool owner_ = false;
};

}  // namespace ownership
