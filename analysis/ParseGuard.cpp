// The parse guard: a token watcher bounding how deep Clang's parser recurses and how long expressions grow.
#include "analysis/ParseGuard.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <clang/Basic/Diagnostic.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/Preprocessor.h>

#include "analysis/Stack.h"

namespace ownership {

namespace tok = clang::tok;

namespace {

// Stack Clang's parser uses per level of recursion, measured on Clang 22 (8 MiB, -fsyntax-only):
// about 7.5 KB per cast, 3.9 KB per unary operator or template argument list, 1-2 KB per
// `else if`, label, loop or assignment.
constexpr size_t kParserBytesPerLevel = 8192;
// Stack Sema may need per operator of an expression it walks recursively once the statement ends
// (Clang's SequenceChecker: 250-500 bytes measured on comma chains; more under ASan).
constexpr size_t kSemaBytesPerOperator = 1024;
// When the stack size is unknown (no pthread_getattr_np).
constexpr size_t kUnknownStack = size_t(256) << 20;

// Whether a token ends an operand, so that an operator after it is infix or postfix: `a + b`,
// `f(x)`, `v[i]`, `p->q`, `i++`. After anything else an operator is a prefix one (`-x`, `(T)x`).
bool endsOperand(tok::TokenKind k) {
  switch (k) {
    case tok::identifier:
    case tok::r_paren:
    case tok::r_square:
    case tok::r_brace:
    case tok::greater:  // a template-id: `f<int>(x)`
    case tok::plusplus:
    case tok::minusminus:
    case tok::kw_this:
    case tok::kw_true:
    case tok::kw_false:
    case tok::kw_nullptr:
      return true;
    default:
      return tok::isLiteral(k);
  }
}

// Infix and postfix operators (some also prefix ones: `-`, `*`, `&`, `++`, `(`).
bool isOperator(tok::TokenKind k) {
  switch (k) {
    case tok::period: case tok::arrow: case tok::periodstar: case tok::arrowstar:
    case tok::plusplus: case tok::minusminus: case tok::l_paren: case tok::l_square:
    case tok::amp: case tok::ampamp: case tok::ampequal: case tok::star: case tok::starequal:
    case tok::plus: case tok::plusequal: case tok::minus: case tok::minusequal:
    case tok::exclaim: case tok::tilde:
    case tok::exclaimequal: case tok::slash: case tok::slashequal: case tok::percent:
    case tok::percentequal: case tok::less: case tok::lessless: case tok::lessequal:
    case tok::lesslessequal: case tok::spaceship: case tok::greater: case tok::greatergreater:
    case tok::greaterequal: case tok::greatergreaterequal: case tok::caret: case tok::caretequal:
    case tok::pipe: case tok::pipepipe: case tok::pipeequal: case tok::question: case tok::colon:
    case tok::equal: case tok::equalequal:
      return true;
    default:
      return false;
  }
}

// Right-associative operators: Clang parses their right operand by recursion.
bool isRightAssociative(tok::TokenKind k) {
  switch (k) {
    case tok::equal: case tok::starequal: case tok::slashequal: case tok::percentequal:
    case tok::plusequal: case tok::minusequal: case tok::lesslessequal: case tok::greatergreaterequal:
    case tok::ampequal: case tok::caretequal: case tok::pipeequal: case tok::question:
      return true;
    default:
      return false;
  }
}

// Keywords whose operand or statement Clang parses by recursion.
bool nestsLikeAPrefix(tok::TokenKind k) {
  switch (k) {
    case tok::kw_if: case tok::kw_else: case tok::kw_for: case tok::kw_while: case tok::kw_do:
    case tok::kw_switch: case tok::kw_case: case tok::kw_default: case tok::kw_template:
    case tok::kw_requires: case tok::kw_sizeof: case tok::kw_alignof: case tok::kw_throw:
    case tok::kw_new: case tok::kw_delete: case tok::kw_co_await: case tok::kw_co_yield:
    case tok::kw_co_return: case tok::kw_typeid: case tok::kw_noexcept:
      return true;
    default:
      return false;
  }
}

// Keywords followed by a parenthesis that is no cast: `if (`, `sizeof (`, `decltype (`.
bool opensAConditionOrOperand(tok::TokenKind k) {
  switch (k) {
    case tok::kw_if: case tok::kw_while: case tok::kw_for: case tok::kw_switch: case tok::kw_catch:
    case tok::kw_sizeof: case tok::kw_alignof: case tok::kw_decltype: case tok::kw_noexcept:
    case tok::kw_typeid: case tok::kw_static_assert: case tok::kw_alignas: case tok::kw___attribute:
      return true;
    default:
      return false;
  }
}

class Guard {
 public:
  explicit Guard(clang::Preprocessor& pp) : pp_(pp) {
    size_t left = stackLeft();
    if (left != SIZE_MAX) stackFloor_ = left / 2;
    maxNesting_ = maxNestingFor(left);
    maxOperators_ = maxOperatorsFor(left);
    levels_.push_back(Level{tok::unknown, /*countsCommas=*/true});
  }

  void operator()(const clang::Token& t) {
    tok::TokenKind k = t.getKind();
    if (k == tok::eof || tok::isAnnotation(k)) return;  // annotations stand for tokens already seen
    if (stopped_) {
      // The parser read on past the end we gave it (or an includer, or a macro expansion begun
      // before the stop, still had tokens): end it again.
      stopAfter(t);
      return;
    }
    count(k);
    // The estimate covers the tokens Clang stores to parse later (the bodies of member functions
    // defined in their class), which come back without passing here; the stack check the rest.
    if (nesting_ > maxNesting_ || stackLeft() < stackFloor_) {
      stop(t, "nesting too deep to analyse: parsing stopped here");
      return;
    }
    if (levels_.back().operators > maxOperators_) {
      stop(t, "expression too long to analyse (more than " + std::to_string(maxOperators_) +
                  " operators): parsing stopped here");
      return;
    }
    prev_ = k;
  }

 private:
  // One open bracket (the first: the file), with two counts for the statement or expression being
  // read at this level:
  //  - operators: each infix or postfix operator after an operand adds a level to the tree Sema
  //    walks recursively (left-deep chains are parsed by a loop, so only this count bounds them);
  //  - nesting: an upper bound on the levels Clang's parser recurses into: prefix operators, casts,
  //    right-associative operators, template argument lists, labels and the keywords of nested
  //    statements (`else if`, loops without braces). A `(` or `[` is a level of its own.
  struct Level {
    tok::TokenKind open;
    bool countsCommas;           // a comma here may be the comma operator (not in `{1, 2}`, `f(a, b)`)
    bool sawSemi = false;        // holds statements: its expressions end at its `;`s
    bool sawParen = false;       // a `)` since the last `;`: a `{` after `-> T` opens a body
    bool mayHaveEnded = false;   // after `;` or a closed `{...}`: the next token decides
    uint64_t operators = 0;
    uint64_t nesting = 0;
  };

  void nest(Level& l, uint64_t n = 1) {
    l.nesting += n;
    nesting_ += n;
  }

  void count(tok::TokenKind k) {
    Level& top = levels_.back();
    bool afterOperand = endsOperand(prev_);
    if (signCounted_ && k == tok::numeric_constant && top.nesting > 0) {
      // `-1` in a table is a number, not a level of nesting.
      --top.nesting;
      --nesting_;
    }
    signCounted_ = false;
    if (top.mayHaveEnded) {
      // `} void g()` and `x; y` end a statement; `[]{ x; }() + 1` does not, nor does `x; else`.
      bool operatorFollows = afterOperand && isOperator(k);
      if (!operatorFollows) top.operators = 0;
      if (!operatorFollows && k != tok::kw_else) {
        nesting_ -= top.nesting;
        top.nesting = 0;
      }
      top.mayHaveEnded = false;
    }
    if (nestsLikeAPrefix(k)) nest(top);
    switch (k) {
      case tok::l_brace: {
        // An initializer list (its commas separate elements) after `=`, `,`, `(`, `[`, `return`, a
        // literal, a type (`T{...}`, unless a `)` came before: `auto f() -> T {`), or inside one.
        bool init = prev_ == tok::equal || prev_ == tok::comma || prev_ == tok::l_paren ||
                    prev_ == tok::l_square || prev_ == tok::kw_return || tok::isLiteral(prev_) ||
                    (prev_ == tok::l_brace && !top.countsCommas) ||
                    ((prev_ == tok::identifier || prev_ == tok::greater) && !top.sawParen);
        levels_.push_back(Level{k, !init});
        nest(levels_.back());
        return;
      }
      case tok::l_paren:
      case tok::l_square:
        if (afterOperand) ++top.operators;  // a call or a subscript continues the operand
        // A cast recurses into its operand, which follows the `)`: `(T)x`, `(T)(U)x`, not `f(x)`.
        if ((!afterOperand && !opensAConditionOrOperand(prev_)) || prev_ == tok::r_paren) nest(top);
        // Commas between arguments (after an operand: a call) or in brackets separate; after an
        // operator or a keyword (`(a, b)`, `if (a, b)`) they are the comma operator.
        levels_.push_back(Level{k, k == tok::l_paren && !afterOperand});
        nest(levels_.back());
        return;
      case tok::r_paren:
      case tok::r_square:
      case tok::r_brace:
        close(k);
        return;
      case tok::semi:
        top.operators = 0;
        top.sawSemi = true;
        top.sawParen = false;
        top.mayHaveEnded = true;
        return;
      case tok::comma:
        if (top.countsCommas) ++top.operators;
        return;
      default:
        if (!isOperator(k)) return;
        if (!afterOperand) {  // a prefix operator
          nest(top);
          signCounted_ = k == tok::minus || k == tok::plus;
          return;
        }
        ++top.operators;
        if (isRightAssociative(k) || (k == tok::less && prev_ == tok::identifier) ||
            (k == tok::colon && prev_ == tok::identifier))  // a template argument list, a label
          nest(top);
        return;
    }
  }

  // An unbalanced closer (broken code) closes whatever is open, never the file.
  void close(tok::TokenKind k) {
    if (levels_.size() == 1) return;
    Level child = levels_.back();
    levels_.pop_back();
    nesting_ -= child.nesting;
    Level& top = levels_.back();
    // An initializer list or a parenthesised expression is part of the expression around it; a
    // block's statements were expressions of their own.
    if (!child.sawSemi) top.operators += child.operators;
    if (k == tok::r_brace) top.mayHaveEnded = true;
    if (k == tok::r_paren) top.sawParen = true;
    if (k == tok::r_brace) top.sawParen = false;
  }

  void stop(const clang::Token& t, const std::string& why) {
    stopped_ = true;
    clang::DiagnosticsEngine& d = pp_.getDiagnostics();
    d.Report(t.getLocation(), d.getCustomDiagID(clang::DiagnosticsEngine::Fatal, "%0")) << why;
    stopAfter(t);
  }

  // Makes the token after `t` the end of the file: the current file's lexer goes to its end (an
  // includer's follows when the parser gets back to it); inside a macro expansion, whose tokens
  // would come first, an end-of-file token is put before them as the parser puts back a token.
  void stopAfter(const clang::Token& t) {
    clang::SourceLocation at = t.getLocation();  // `t` may live in the token cache EnterToken grows
    if (clang::PreprocessorLexer* pl = pp_.getCurrentFileLexer()) {
      auto* l = static_cast<clang::Lexer*>(pl);  // the only kind of PreprocessorLexer
      l->seek(static_cast<unsigned>(l->getBuffer().size()), /*IsAtStartOfLine=*/true);
    }
    if (pp_.getCurrentLexer()) return;  // lexing a file: its end is next
    clang::Token eof;
    eof.startToken();
    eof.setKind(tok::eof);
    eof.setLocation(at);
    pp_.EnterToken(eof, /*IsReinject=*/true);
  }

  clang::Preprocessor& pp_;
  size_t stackFloor_ = 0;
  uint64_t maxNesting_ = 0;
  uint64_t maxOperators_ = 0;
  std::vector<Level> levels_;
  uint64_t nesting_ = 0;  // the levels' nesting, summed: the parser's depth is that of every open level
  tok::TokenKind prev_ = tok::unknown;
  bool signCounted_ = false;  // the last token was a prefix `-` or `+`, counted as nesting
  bool stopped_ = false;
};

}  // namespace

size_t maxNestingFor(size_t stackLeft) {
  if (stackLeft == SIZE_MAX) stackLeft = kUnknownStack;
  return std::max<size_t>(256, stackLeft / 2 / kParserBytesPerLevel);
}

size_t maxOperatorsFor(size_t stackLeft) {
  if (stackLeft == SIZE_MAX) stackLeft = kUnknownStack;
  return std::max<size_t>(1024, stackLeft / 2 / kSemaBytesPerOperator);
}

void guardParse(clang::Preprocessor& pp) {
  pp.setTokenWatcher([g = Guard(pp)](const clang::Token& t) mutable { g(t); });
}

}  // namespace ownership
