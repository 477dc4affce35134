// Names and descriptions of the diagnostic codes.
#include "analysis/Diagnostic.h"

namespace ownership {

namespace {
struct CodeInfo {
  std::string_view name;
  std::string_view description;
};
constexpr CodeInfo kCodes[kNumCodes] = {
    {"use-after-move", "a moved-from owner is read, dereferenced, borrowed or moved again"},
    {"use-after-release", "an owner or a borrow of it is used after delete/free/reset()"},
    {"double-release", "an owner is released twice, or released after it was moved"},
    {"leak", "an owner leaves scope or is overwritten while it still owns"},
    {"release-of-borrow", "a borrow is released, or ownership is moved out of it"},
    {"dangling", "a borrow is used after its source's lifetime ended"},
    {"return-local-borrow", "a borrow of a local, a by-value parameter or a temporary is returned"},
    {"borrow-escapes", "a borrowed parameter is stored where it outlives the call"},
    {"conflicting-borrow", "an exclusive borrow overlaps another live borrow of the same object"},
    {"mutate-while-borrowed", "the owner is mutated while a borrow of it or its elements is live"},
    {"move-while-borrowed", "the owner is moved while a borrow of it is live"},
    {"missing-lifetime", "a returned borrow's source is not named by the function's contract"},
    {"invalid-annotation", "an ownership annotation on something it cannot apply to"},
    {"unused-suppression", "a NOLINT comment naming an ownership check suppressed nothing"},
};
}  // namespace

std::string_view codeName(Code c) { return kCodes[static_cast<int>(c)].name; }
std::string_view codeDescription(Code c) { return kCodes[static_cast<int>(c)].description; }

bool parseCode(std::string_view name, Code& out) {
  for (int i = 0; i < kNumCodes; ++i)
    if (kCodes[i].name == name) {
      out = static_cast<Code>(i);
      return true;
    }
  return false;
}

std::string_view severityName(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Hint: return "note";
  }
  return "error";
}

}  // namespace ownership
