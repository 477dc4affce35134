// Stops a parse before Clang's recursion over deeply nested or very long code exhausts the stack.
#pragma once
#include <cstddef>

namespace clang {
class Preprocessor;
}

namespace ownership {

// Watches every token the parser takes from `pp` (call after BeginSourceFile, before Execute, on the
// thread that parses) and stops the parse at the token where either bound is passed:
//  - the stack: Clang's parser recurses once per nesting level (parentheses, unary operators, casts,
//    `else if`, labels, template arguments, lambdas), with no limit of its own but -fbracket-depth
//    for brackets. Every level consumes a token, so looking at the stack at each token bounds it: the
//    parse may use half of the stack left when it starts.
//  - the operators of one expression: `a + a + ...` and `f().g().h()...` are parsed by a loop, but
//    their trees are as deep as they are long and Sema walks them recursively once the statement ends
//    (Clang's SequenceChecker overflowed 256 MiB at a million commas). An upper bound on that depth is
//    counted from the tokens (see ParseGuard.cpp); its limit is the other half of the stack at 1 KiB
//    per operator, about 131,000 on the analysis stack.
// Stopping reports a fatal error at that token ("nesting too deep ..." / "expression too long ...")
// and sends the current file's lexer to its end: the parser unwinds as at a truncated file, and the
// functions it did not finish are skipped like any other code with errors.
void guardParse(clang::Preprocessor& pp);

// The bound on operators per expression for a parse starting with `stackLeft` bytes of stack.
size_t maxOperatorsFor(size_t stackLeft);

}  // namespace ownership
