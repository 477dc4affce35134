// The small typed facts a function's CFG is lowered to, and the tables they refer to.
//
// Glossary (shared by the whole analysis):
//   owner   a variable that owns a resource: an [[owner]] raw pointer (annotated or
//           inferred, spec §2a.9), a smart pointer, a container, any class value.
//   borrow  a value that refers to storage it does not own: references, pointers,
//           views, iterators, closures capturing by reference.
//   place   a piece of storage: a root (local, what a parameter refers to, `*this`,
//           a temporary) plus a path of fields / deref / elements.
//   loan    one act of borrowing a place, at one source range, shared or exclusive.
//   origin  a variable whose value holds loans (a borrow-typed variable).
//   live    an origin is live at a point if some path from there reads it before it
//           is overwritten (non-lexical, as in Rust's NLL).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>
#include <clang/Basic/SourceLocation.h>

#include "analysis/model/OwnershipModel.h"

namespace ownership {

// Typed ids keep variables, places and loans from being mixed up.
template <class Tag>
struct Id {
  std::uint32_t index = ~0u;
  bool valid() const { return index != ~0u; }
  friend bool operator==(Id a, Id b) { return a.index == b.index; }
  friend bool operator!=(Id a, Id b) { return a.index != b.index; }
  friend bool operator<(Id a, Id b) { return a.index < b.index; }
};
using VarId = Id<struct VarTag>;
using PlaceId = Id<struct PlaceTag>;
using LoanId = Id<struct LoanTag>;

enum class OwnerKind : std::uint8_t {
  None,
  AnnotatedRaw,  // [[owner]] T*: must be released or moved exactly once
  InferredRaw,   // unannotated T* initialised from new / an [[owner]] function
  Smart,         // unique_ptr / shared_ptr
  Value,         // containers, strings, optional, other class values
};
// An [[owner]] raw pointer, annotated or inferred: released or moved exactly once.
inline bool isRawOwner(OwnerKind k) { return k == OwnerKind::AnnotatedRaw || k == OwnerKind::InferredRaw; }

struct VarInfo {
  const clang::ValueDecl* decl = nullptr;  // VarDecl, ParmVarDecl, or FieldDecl (this->f)
  std::string name;
  OwnerKind owner = OwnerKind::None;
  bool origin = false;          // holds loans
  bool isParam = false;
  bool isReference = false;
  bool isField = false;         // an [[owner]] data member tracked inside a member function
  bool borrowAnnotated = false; // carries [[borrow]]
  bool isStatic = false;        // global or static local: outlives every call
  bool moveIsError = false;
  bool implicit = false;        // compiler-made (range-for's __range, __begin, ...)
  std::int32_t parent = -1;     // an owner field of a local struct (`r.token`): the struct's VarId
};

enum class RootKind : std::uint8_t {
  Local,   // a local variable or by-value parameter of this function
  Extern,  // what a reference/pointer/view parameter refers to (the caller's data)
  This,    // *this
  Temp,    // a temporary (keyed by its CXXBindTemporaryExpr / MaterializeTemporaryExpr)
};

// Path elements: a FieldDecl*, or one of these markers.
inline constexpr std::uintptr_t kDeref = 1;
inline constexpr std::uintptr_t kElems = 2;

struct Place {
  RootKind kind = RootKind::Local;
  const void* root = nullptr;  // ValueDecl* for Local/Extern, Expr* for Temp, null for This
  std::vector<std::uintptr_t> path;
  friend bool operator==(const Place& a, const Place& b) {
    return a.kind == b.kind && a.root == b.root && a.path == b.path;
  }
};

// Two places overlap when they share a root and one path is a prefix of the other.
bool overlaps(const Place& a, const Place& b);
// Whether moving `v` leaves what it points at where it was: a raw pointer or a smart pointer
// hands its pointee over, so a borrow of the pointee (`up.get()`, `&*p`) is not moved with it
// (decisions.md, "A moved smart pointer keeps its pointee").
bool pointeeStaysOnMove(const VarInfo& v);
// Whether `p` is what such a variable points at (the variable's root, a path through its pointee).
bool isPointeeOf(const Place& p, const VarInfo& v);
// A root's name as the user wrote it: `[key, value]` for a structured binding's hidden variable.
std::string displayName(const clang::ValueDecl* D);

struct Loan {
  PlaceId place;
  bool mut = false;
  bool interior = false;  // borrow of a container's elements (spec §2a.4)
  bool iterator = false;  // an iterator (unordered insertion invalidates only these)
  bool explicitBorrow = false;
  bool external = false;  // the initial loan of a parameter: the caller's data
  bool viaCall = false;   // made by elision for an unannotated call's result: its ownership is unknown (2b.4)
  // Taken in one arm of `c ? local : new T[n]`: the value may be fresh heap storage instead, so
  // releasing it is not proven a release of a borrow (the code may test the same condition again).
  bool orFresh = false;
  // A keyed element access of a map or set (`m[k]`, `m.at(k)`, `m.find(k)`): the key as
  // written. Erasing by another key does not reach it (decisions.md); empty: no key.
  std::string key;
  clang::SourceRange range;
};

// Where loans come from when a value is evaluated: a fresh loan, or the loans an
// origin variable holds right now.
struct Source {
  enum Kind : std::uint8_t { NewLoan, CopyOf } kind = NewLoan;
  std::uint32_t id = 0;  // LoanId or VarId index
  static Source loan(LoanId l) { return {NewLoan, l.index}; }
  static Source copy(VarId v) { return {CopyOf, v.index}; }
};

enum class FactKind : std::uint8_t {
  Use,            // var: an owner is read/dereferenced/borrowed
  Move,           // var: an owner is moved out
  Release,        // var: delete / free / reset()
  Reinit,         // var: gets a fresh value (Fact::reinit, Fact::checkOverwrite)
  Escape,         // var: an inferred owner is handed on
  ScopeEnd,       // var: lifetime ends
  Assign,         // var (origin) := / += srcs
  OriginUse,      // var (origin) read
  Mutate,         // place mutated (inval)
  TempEnd,        // temporary (expr) destroyed
  CheckConflict,  // loan: a fresh explicit borrow, checked for exclusivity
  Return,         // srcs returned from a function that returns a borrow
  Store,          // srcs stored into storage that outlives the call (target in var/place)
  Throw,          // leaving the function by throw
  ReleaseBorrow,  // a borrow is released or moved out of (immediate)
  MovePlace,      // place moved (a field path such as std::move(u.name))
  MayThrow,       // entering a try body here: the state so far reaches its handlers (block)
};

enum class UseKind : std::uint8_t { Read, Deref, Call };

// Reinit: what the variable holds afterwards.
enum class ReinitValue : std::uint8_t {
  Owned,      // a fresh owned value
  Null,       // nullptr / uninitialised: owns nothing
  NotOwning,  // a raw owner assigned a value it does not own
};
// Release: how the owner is released.
enum class ReleaseHow : std::uint8_t {
  Plain,              // delete / free
  SmartReset,         // p.reset()
  SmartResetWithNew,  // p.reset(q): releases, then owns q
};
// ReleaseBorrow: how a borrow is released.
enum class BorrowRelease : std::uint8_t {
  Delete,        // delete / free through a [[borrow]]
  ToOwnerParam,  // passed to an [[owner]] parameter
  MovedOut,      // std::move out of a [[borrow]] reference
  IfHoldsLoan,   // delete through an unannotated pointer: only if it holds a loan
};

struct Fact {
  FactKind kind{};
  VarId var;
  PlaceId place;
  LoanId loan;
  std::vector<Source> srcs;
  bool replace = true;
  UseKind use = UseKind::Read;
  // Per-kind detail, each meaningful for one fact kind only (typed, never a shared bit-set).
  ReinitValue reinit = ReinitValue::Owned;         // Reinit
  bool checkOverwrite = false;                     // Reinit: an assignment that may lose an owned value
  ReleaseHow release = ReleaseHow::Plain;          // Release
  BorrowRelease borrowRelease = BorrowRelease::Delete;  // ReleaseBorrow
  bool moveIntoOwner = false;                      // Move: into an [[owner]] parameter or an owner
  // Move of a pointer or smart pointer into storage that outlives the function (a member, an
  // element of a non-local container): its pointee lives on there, so borrows of it stay valid.
  bool pointeeLivesOn = false;
  model::Invalidation inval = model::Invalidation::All;   // Mutate
  std::string erasedKey;  // Mutate: `m.erase(k)` of a map or set by key, the key as written
  VarId erased;  // Mutate with ErasedElement: the iterator variable erased through (invalid: a
                 // temporary such as `m.erase(it++)`, whose element no tracked borrow holds)
  const clang::Expr* temp = nullptr;
  const clang::ValueDecl* target = nullptr;  // Store: the global/static/field/param stored into
  // Store: a callee's [[clang::lifetime_capture_by(global|unknown)]] parameter the argument
  // was passed to (target is null): the borrow is kept beyond the call, somewhere unknown.
  const clang::ParmVarDecl* capturedBy = nullptr;
  unsigned block = 0;                        // MayThrow: the try's dispatch block ID
  clang::SourceRange range;
  clang::SourceLocation at;  // a secondary location (scope end trigger, ...)
};

}  // namespace ownership
