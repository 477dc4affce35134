// How deeply a function body nests, measured without recursion: deeper bodies are not analysed.
#pragma once

namespace clang {
class FunctionDecl;
}

namespace ownership {

// The deepest a function body may nest (statements and expressions, lambda bodies included) to be
// analysed. The lowering, Clang's CFG builder and the checks recurse once per level, and some look
// up a node's parents for every node (quadratic in the depth: a 20,000-deep call chain took 80 s).
// Real code nests a few dozen levels; generated `<<` or `+` chains a few hundred. 2048 is also
// Clang 22's bracket depth limit, so every body Clang accepts through brackets alone is analysed.
inline constexpr unsigned kMaxBodyNesting = 2048;

// Whether `fn`'s body, or a constructor's member initializers, nest deeper than `limit` levels.
bool bodyNestsDeeperThan(const clang::FunctionDecl* fn, unsigned limit = kMaxBodyNesting);

}  // namespace ownership
