// The analysis' own diagnostic model: code, severity, ranges in byte offsets and
// line/column, a rustc-style message, labelled notes and fixes. No protocol types.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ownership {

// The 13 diagnostic codes of the spec (§2), in the spec's order.
enum class Code : std::uint8_t {
  UseAfterMove,
  UseAfterRelease,
  DoubleRelease,
  Leak,
  ReleaseOfBorrow,
  Dangling,
  ReturnLocalBorrow,
  BorrowEscapes,
  ConflictingBorrow,
  MutateWhileBorrowed,
  MoveWhileBorrowed,
  MissingLifetime,
  InvalidAnnotation,
  // Not a check (spec §7): a NOLINT comment naming an ownership- check that suppressed nothing,
  // reported only with --warn-unused-suppressions.
  UnusedSuppression,
};
inline constexpr int kNumCodes = 14;
inline constexpr int kNumCheckCodes = 13;  // the checks: every code before UnusedSuppression

std::string_view codeName(Code c);
std::string_view codeDescription(Code c);
bool parseCode(std::string_view name, Code& out);

enum class Severity : std::uint8_t { Error, Warning, Hint };
std::string_view severityName(Severity s);  // "error" | "warning" | "note"

// A position in one file: byte offset plus 1-based line and column (column in bytes).
struct Pos {
  unsigned offset = 0;
  unsigned line = 0;
  unsigned column = 0;
};

struct Range {
  std::string file;  // absolute path
  Pos begin;
  Pos end;  // exclusive
};

struct Note {
  Range range;
  std::string message;  // "value moved here", "borrow later used here", ...
};

struct TextEdit {
  Range range;
  std::string newText;
};

struct Fix {
  std::string title;
  std::vector<TextEdit> edits;
  bool preferred = false;
};

// Which rule of its code a diagnostic comes from: one enum per code, one enumerator per
// error variant (each has one constructor in analysis/checks/<Code>.cpp).
namespace rule {
enum class UseAfterMove : std::uint8_t { Moved, PossiblyMoved };
enum class UseAfterRelease : std::uint8_t { Released, PossiblyReleased, BorrowOfReleased };
enum class DoubleRelease : std::uint8_t { ReleasedTwice, PossiblyReleasedTwice, ReleasedAfterMove, HandedOnAfterRelease };
enum class Leak : std::uint8_t { AtScopeEnd, AtOverwrite, OnThrow, AtDestruction, OwnerMemberWithoutDestructor, DiscardedResult };
enum class ReleaseOfBorrow : std::uint8_t { Released, MovedOut, HandedToOwnerParam };
enum class Dangling : std::uint8_t { LocalDropped, TemporaryDropped, LocalCaptured, TemporaryCaptured };
enum class ReturnLocalBorrow : std::uint8_t { Local, ByValueParam, Temporary };
enum class BorrowEscapes : std::uint8_t { IntoParam, IntoGlobal, IntoStatic, IntoMember, IntoCapture };
enum class ConflictingBorrow : std::uint8_t { MutableTwice, MutableWhileShared, SharedWhileMutable };
enum class MutateWhileBorrowed : std::uint8_t { Mutated };
enum class MoveWhileBorrowed : std::uint8_t { Variable, Place };
enum class MissingLifetime : std::uint8_t { AmbiguousElision, ContractMissesSource };
enum class InvalidAnnotation : std::uint8_t { Misplaced };
}  // namespace rule
using Rule = std::variant<std::monostate, rule::UseAfterMove, rule::UseAfterRelease, rule::DoubleRelease, rule::Leak,
                          rule::ReleaseOfBorrow, rule::Dangling, rule::ReturnLocalBorrow, rule::BorrowEscapes,
                          rule::ConflictingBorrow, rule::MutateWhileBorrowed, rule::MoveWhileBorrowed,
                          rule::MissingLifetime, rule::InvalidAnnotation>;

// What a diagnostic's quick-fixes need, as data filled by the rule that reports it.
// Fixes read this (and the source), never the message, the notes or the severity.
struct FixInput {
  Rule rule;                            // monostate: found while lowering (no fixes)
  std::string subject;                  // the variable/place the diagnostic is about, as named in the source
  std::optional<Range> subjectDecl;     // its declaration
  std::optional<Range> moveSite;        // use-after-move, double-release after a move: where it was moved
  std::optional<Range> releaseSite;     // use-after-release, double-release: where it was (first) released
  std::optional<Range> borrowSite;      // the borrow a conflict, a dangling or a returned borrow is about
  std::vector<Range> leakExits;         // leak at scope end: each exit on which it still owns
  std::vector<std::string> candidates;  // missing-lifetime: the parameters the result may borrow from
  // missing-lifetime: where `[[clang::lifetimebound]]` goes for each source to add (after a
  // parameter's name; after the parameter list and qualifiers for `this`), and the
  // `[[borrow(...)]]` written on the function that a fix in that spelling replaces.
  std::vector<Range> lifetimeboundSites;
  std::optional<Range> annotationSite;
  bool copyable = false;                // use-after-move: a std value, copyable and valid after a move
  // borrow-escapes: where the borrowed parameter's name ends (an attribute after it goes
  // there), the holder's declaration and written type, and whether the parameter is
  // [[clang::noescape]] (the attribute's range).
  std::string holder;  // borrow-escapes: the storage it escapes into, as named
  std::optional<Range> subjectNameEnd;
  std::optional<Range> holderDecl;
  std::optional<Range> holderType;
  std::optional<Range> noescapeAttr;
  bool holderIsParam = false, holderIsMember = false, holderIsGlobal = false;
  bool captureGlobal = false;  // borrow-escapes into a callee's lifetime_capture_by(global)

  template <class R>
  bool is(R r) const {
    const R* p = std::get_if<R>(&rule);
    return p && *p == r;
  }
};

struct Diag {
  Code code{};
  Severity severity = Severity::Error;
  Range range;
  std::string message;
  std::vector<Note> notes;
  std::vector<Fix> fixes;
  FixInput input;  // typed data for the fixes (never shown)
  // Fixes that read the whole file, not computed by an incremental build: ask the build
  // (IncrementalBuild::deferredFixes) when the user asks for them.
  bool fixesDeferred = false;
  unsigned templateBody = 0;  // nonzero: found in an instantiation of this template body (FileAnalysis.h)
  std::string function;       // the enclosing function's qualified name (spec §7 fingerprints); may be empty
};

}  // namespace ownership
