// The parts of a hover answer, one file each (analysis/hover/*.cpp); analysis/Hover.cpp picks
// the part for what the cursor points at. Each returns Markdown, empty when it has nothing to say.
#pragma once
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/Decl.h>
#include <clang/AST/ExprCXX.h>

#include "analysis/FileAnalysis.h"
#include "analysis/Holdings.h"

namespace ownership::hover {

// VariableHover.cpp: a tracked variable's state at `offset` (spec §3), replaying its function.
std::string variableState(const clang::ASTContext& ctx, const FunctionResult& fr, unsigned var, unsigned offset);
// A variable the analysis does not track (a scalar local, a by-value parameter): its lifetime.
std::string plainVariable(const clang::ValueDecl* D);

// Whether what the model says of T (holdsBorrows, isBorrowMember) is the same in every AST of the
// file: not for a class template specialisation the model judges by its fields (`std::queue<...>`,
// `Box<T*>`), which an AST whose function bodies were skipped may never have instantiated.
bool settled(clang::QualType T);

// HolderHover.cpp: a global, static, member or parameter and the borrows stored in it.
bool isHolder(const clang::ValueDecl* D);
std::string holder(const clang::ValueDecl* D, const std::vector<Holding>& holdings);
// The "holds a borrow of ... stored at line N" lines for D alone (empty when none).
std::string heldBorrows(const clang::ValueDecl* D, const std::vector<Holding>& holdings);

// ContractHover.cpp: a function's lifetime contract, declared, inferred or elided.
std::string contract(clang::ASTContext& ctx, const clang::FunctionDecl* F);

// AttributeHover.cpp: what an ownership or lifetime attribute means where it is written.
std::string attribute(const clang::Attr* A, const clang::Decl* D);

// ExprHover.cpp: a temporary and how long it lives; a lambda and what it captures.
std::string temporary(const clang::ASTContext& ctx, const clang::MaterializeTemporaryExpr* M);
std::string lambda(const clang::ASTContext& ctx, const clang::LambdaExpr* L);

// "12": the line of `l` in its file (the expansion's for a macro).
std::string lineOf(const clang::SourceManager& sm, clang::SourceLocation l);

}  // namespace ownership::hover
