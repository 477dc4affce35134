// The words of conflicting-borrow, shared by its rule (ConflictingBorrow.cpp) and by
// Lowering, which finds two conflicting arguments of one call while lowering it.
#pragma once
#include <string>

namespace ownership::checks {

// "cannot borrow `place` as mutable more than once at a time", ...: `secondMut` is the
// new borrow's kind, `firstMut` the live one's.
std::string conflictingBorrowMessage(const std::string& place, bool secondMut, bool firstMut);
// The note at the first borrow.
std::string conflictingBorrowFirstNote(bool firstMut);

}  // namespace ownership::checks
