// The analysis' own diagnostic model: code, severity, ranges in byte offsets and
// line/column, a rustc-style message, labelled notes and fixes. No protocol types.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
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
};
inline constexpr int kNumCodes = 13;

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

struct Diag {
  Code code{};
  Severity severity = Severity::Error;
  Range range;
  std::string message;
  std::vector<Note> notes;
  std::vector<Fix> fixes;
};

}  // namespace ownership
