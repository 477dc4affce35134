// The nesting depth of a function body, walked with an explicit stack.
#include "analysis/NestingDepth.h"

#include <utility>
#include <vector>

#include <clang/AST/DeclCXX.h>
#include <clang/AST/Stmt.h>

namespace ownership {

namespace {
bool nestsDeeperThan(const clang::Stmt* root, unsigned limit) {
  if (!root) return false;
  std::vector<std::pair<const clang::Stmt*, unsigned>> todo{{root, 1}};
  while (!todo.empty()) {
    auto [s, depth] = todo.back();
    todo.pop_back();
    if (depth > limit) return true;
    for (const clang::Stmt* child : s->children())
      if (child) todo.emplace_back(child, depth + 1);
  }
  return false;
}
}  // namespace

bool bodyNestsDeeperThan(const clang::FunctionDecl* fn, unsigned limit) {
  if (!fn) return false;
  if (nestsDeeperThan(fn->getBody(), limit)) return true;
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(fn))
    for (const clang::CXXCtorInitializer* init : ctor->inits())
      if (nestsDeeperThan(init->getInit(), limit)) return true;
  return false;
}

}  // namespace ownership
