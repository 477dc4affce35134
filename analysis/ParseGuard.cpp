// The parse guard: a token watcher bounding the stack Clang's parser uses and the length of expressions.
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

// Stack Sema may need per operator of an expression it walks recursively (about 250-500 bytes
// measured for Clang 22's SequenceChecker on comma chains; more under ASan).
constexpr size_t kSemaBytesPerOperator = 1024;
// When the stack size is unknown (no pthread_getattr_np).
constexpr size_t kDefaultMaxOperators = 100000;

// Whether a token ends an operand, so that an operator after it is infix or postfix: `a + b`,
// `f(x)`, `v[i]`, `p->q`, `i++`. After anything else an operator is a prefix one (`-x`, `(x)`),
// which Clang parses by recursion, bounded by the stack check instead.
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

// Infix and postfix operators: each one after an operand adds a level to the expression's tree.
bool isInfixOrPostfix(tok::TokenKind k) {
  switch (k) {
    case tok::period: case tok::arrow: case tok::periodstar: case tok::arrowstar:
    case tok::plusplus: case tok::minusminus: case tok::l_paren: case tok::l_square:
    case tok::amp: case tok::ampamp: case tok::ampequal: case tok::star: case tok::starequal:
    case tok::plus: case tok::plusequal: case tok::minus: case tok::minusequal:
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

class Guard {
 public:
  explicit Guard(clang::Preprocessor& pp) : pp_(pp) {
    size_t left = stackLeft();
    if (left != SIZE_MAX) stackFloor_ = left / 2;
    maxOperators_ = maxOperatorsFor(left);
    levels_.push_back(Level{tok::unknown, /*countsCommas=*/true});
  }

  void operator()(const clang::Token& t) {
    tok::TokenKind k = t.getKind();
    if (k == tok::eof || tok::isAnnotation(k)) return;  // annotations stand for tokens already seen
    if (stopped_) {
      // Tokens after the stop come from an includer of the stopped file, or from a macro expansion
      // begun before it: stop each file the parser returns to.
      stopLexer();
      return;
    }
    if (stackLeft() < stackFloor_) {
      stop(t, "nesting too deep to analyse: parsing stopped here");
      return;
    }
    count(k);
    if (levels_.back().operators > maxOperators_)
      stop(t, "expression too long to analyse (more than " + std::to_string(maxOperators_) +
                  " operators): parsing stopped here");
    prev_ = k;
  }

 private:
  // One open bracket (the first: the file). The operators counted are those of the expression being
  // read at this level: they bound the depth of its tree, as every level of a left-deep chain is an
  // infix or postfix operator (right-deep ones recurse in the parser).
  struct Level {
    tok::TokenKind open;
    bool countsCommas;           // a comma here may be the comma operator (not in `{1, 2}`, `f(a, b)`)
    bool sawSemi = false;        // holds statements: its expressions end at its `;`s
    bool sawParen = false;       // a `)` since the last `;`: a `{` after `-> T` opens a body
    bool resetUnlessOperator = false;  // a block just closed: its statement ends unless an operator follows
    uint64_t operators = 0;
  };

  void count(tok::TokenKind k) {
    Level& top = levels_.back();
    bool afterOperand = endsOperand(prev_);
    if (top.resetUnlessOperator) {
      // `} void g()` ends a statement; `[]{ x; }() + 1` does not.
      if (!(afterOperand && isInfixOrPostfix(k))) top.operators = 0;
      top.resetUnlessOperator = false;
    }
    switch (k) {
      case tok::l_brace: {
        // An initializer list (its commas separate elements) after `=`, `,`, `(`, `[`, `return`, a
        // literal, a type (`T{...}`, unless a `)` came before: `auto f() -> T {`), or inside one.
        bool init = prev_ == tok::equal || prev_ == tok::comma || prev_ == tok::l_paren ||
                    prev_ == tok::l_square || prev_ == tok::kw_return || tok::isLiteral(prev_) ||
                    (prev_ == tok::l_brace && !top.countsCommas) ||
                    ((prev_ == tok::identifier || prev_ == tok::greater) && !top.sawParen);
        levels_.push_back(Level{k, !init});
        return;
      }
      case tok::l_paren:
      case tok::l_square:
        if (afterOperand) ++top.operators;  // a call or a subscript continues the operand
        // Commas between arguments (after an operand: a call) or in brackets separate; after an
        // operator or a keyword (`(a, b)`, `if (a, b)`) they are the comma operator.
        levels_.push_back(Level{k, k == tok::l_paren && !afterOperand});
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
        return;
      case tok::comma:
        if (top.countsCommas) ++top.operators;
        return;
      default:
        if (afterOperand && isInfixOrPostfix(k)) ++top.operators;
        return;
    }
  }

  // An unbalanced closer (broken code) closes whatever is open, never the file.
  void close(tok::TokenKind k) {
    if (levels_.size() == 1) return;
    Level child = levels_.back();
    levels_.pop_back();
    Level& top = levels_.back();
    // An initializer list or a parenthesised expression is part of the expression around it; a
    // block's statements were expressions of their own.
    if (!child.sawSemi) top.operators += child.operators;
    else if (k == tok::r_brace) top.resetUnlessOperator = true;
    if (k == tok::r_paren) top.sawParen = true;
    if (k == tok::r_brace) top.sawParen = false;
  }

  void stop(const clang::Token& t, const std::string& why) {
    stopped_ = true;
    clang::DiagnosticsEngine& d = pp_.getDiagnostics();
    d.Report(t.getLocation(), d.getCustomDiagID(clang::DiagnosticsEngine::Fatal, "%0")) << why;
    stopLexer();
  }

  // The next token from this file is its end (macro expansions under way still finish).
  void stopLexer() {
    if (clang::PreprocessorLexer* pl = pp_.getCurrentFileLexer()) {
      auto* l = static_cast<clang::Lexer*>(pl);  // the only kind of PreprocessorLexer
      l->seek(static_cast<unsigned>(l->getBuffer().size()), /*IsAtStartOfLine=*/true);
    }
  }

  clang::Preprocessor& pp_;
  size_t stackFloor_ = 0;
  size_t maxOperators_ = kDefaultMaxOperators;
  std::vector<Level> levels_;
  tok::TokenKind prev_ = tok::unknown;
  bool stopped_ = false;
};

}  // namespace

size_t maxOperatorsFor(size_t stackLeft) {
  if (stackLeft == SIZE_MAX) return kDefaultMaxOperators;
  return std::max<size_t>(1024, stackLeft / 2 / kSemaBytesPerOperator);
}

void guardParse(clang::Preprocessor& pp) {
  pp.setTokenWatcher([g = Guard(pp)](const clang::Token& t) mutable { g(t); });
}

}  // namespace ownership
