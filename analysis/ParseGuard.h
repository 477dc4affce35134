// Stops a parse before Clang's recursion over deeply nested or very long code exhausts the stack.
#pragma once
#include <cstddef>

namespace clang {
class Preprocessor;
}

namespace ownership {

// Watches every token the parser takes from `pp` (call after BeginSourceFile, before Execute, on the
// thread that parses) and stops the parse at the token where a bound is passed:
//  - nesting: Clang's parser recurses once per level of parentheses, prefix operators, casts,
//    assignments, template argument lists, labels, `else if`s and loops without braces, with no
//    limit of its own but -fbracket-depth for brackets. An upper bound on that depth is counted
//    from the tokens (ParseGuard.cpp) and may not pass half of the stack at 8 KiB per level, about
//    16,000 levels on the analysis stack. The count also covers what Clang stores to parse later
//    (member functions defined in their class), which is replayed without passing here; what is
//    parsed at once is also stopped when half of the stack is actually used.
//  - operators: `a + a + ...` and `f().g().h()...` are parsed by a loop, but their trees are as deep
//    as they are long, and Sema walks them recursively when the statement ends (its sequence checker
//    overflowed 256 MiB at a million commas). The infix and postfix operators of one expression may
//    not pass the other half of the stack at 1 KiB each, about 131,000 on the analysis stack.
// Stopping reports a fatal error at that token ("nesting too deep ..." / "expression too long ...")
// and makes the next token the end of the file: the parser unwinds as at a truncated file, and the
// functions it did not finish are skipped like any other code with errors.
void guardParse(clang::Preprocessor& pp);

// The bounds for a parse starting with `stackLeft` bytes of stack (stackLeft() of analysis/Stack.h).
size_t maxNestingFor(size_t stackLeft);
size_t maxOperatorsFor(size_t stackLeft);

}  // namespace ownership
