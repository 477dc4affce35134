// The one home of ownership knowledge: what the [[owner]]/[[borrow]] annotations on a
// declaration say, and what the checker knows about standard types without them
// (which types own, which borrow, which member functions mutate or hand out borrows).
// Every other part of the analysis asks this module; none reads attributes itself.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/Type.h>

namespace ownership::model {

// Registers the attribute spellings with Clang's parser. Registration is static;
// calling this keeps the linker from dropping the registering object file.
void ensureAttributesRegistered();

enum class AnnKind { Owner, Borrow };

struct Annotation {
  AnnKind kind = AnnKind::Owner;
  std::vector<std::string> args;  // [[borrow(p)]] / [[borrow("p","q")]]
  bool badArgs = false;           // an argument that is neither a name nor a string
  clang::SourceRange range;       // the attribute as written
};

// All ownership annotations written on D (not inherited ones), in source order.
std::vector<Annotation> annotationsOf(const clang::Decl* D);
// Annotations on D or, for functions and parameters, on any redeclaration.
bool hasOwner(const clang::Decl* D);
bool hasBorrow(const clang::Decl* D);
// The names in the first [[borrow(...)]] of a function or parameter (any redecl);
// empty when there is none. `found` tells whether an annotation exists at all.
// These three see valid annotations only: an invalid one gets its invalid-annotation
// diagnostic and has no other effect (one bug, one diagnostic).
// [[clang::lifetimebound]] counts as [[borrow(...)]] for the parameters it marks ("this"
// when it marks the implicit object), spec 2c.
std::vector<std::string> borrowArgs(const clang::Decl* D, bool* found = nullptr);
bool isLifetimeBound(const clang::ParmVarDecl* P);            // on any redeclaration
bool implicitObjectLifetimeBound(const clang::FunctionDecl* F);
// [[clang::lifetime_capture_by(X)]] on a parameter (spec 2c): where the callee stores the
// argument's borrow. `param` is the index of X among the function's parameters.
struct CaptureTarget {
  enum Kind { Param, This, Global, Unknown } kind = Unknown;
  unsigned param = 0;
};
// The targets written on P (on any redeclaration); empty when it has none.
std::vector<CaptureTarget> captureTargets(const clang::ParmVarDecl* P);
// Whether some parameter of F is captured by `this` (the object keeps the argument).
bool capturesIntoThis(const clang::FunctionDecl* F, unsigned param);
// [[clang::noescape]] on a parameter (any redeclaration): it must not outlive the call.
bool isNoEscape(const clang::ParmVarDecl* P);

// An annotation that does not fit its declaration, and why (AnnotationRules.cpp).
struct AnnotationProblem {
  Annotation annotation;
  std::string message;
};
// The invalid annotations written on D itself. When [[owner]] and [[borrow]] contradict,
// one problem at the second and `contradiction` is set: then neither applies.
std::vector<AnnotationProblem> annotationProblems(const clang::Decl* D, bool* contradiction = nullptr);

// ---- Types -----------------------------------------------------------------

enum class Family {
  Other,          // scalars, enums, unknown
  RawPointer,     // T*
  Reference,      // T&, T&&
  UniquePtr,
  SharedPtr,      // shared owner
  Contiguous,     // vector, string, deque (and other sequence-like owners)
  NodeContainer,  // map, set, list, multimap, multiset, forward_list
  Unordered,      // unordered_map/set (insert invalidates iterators only)
  Optional,
  View,           // string_view, span, gsl::Pointer, [[borrow]] classes
  Iterator,
  Lambda,         // closure type
  Function,       // std::function / std::move_only_function
  OwnerClass,     // class [[owner]] or [[gsl::Owner]]
  Record,         // any other class (stack value)
};

Family familyOf(clang::QualType T);
bool isStdString(clang::QualType T);
bool isStdType(clang::QualType T);
// The first template argument of a class template specialisation (a container's element,
// what a smart pointer or optional holds); null for anything else.
clang::QualType elementType(clang::QualType T);  // a class of namespace std (the standard's guarantees apply)
bool isContainerFamily(Family f);
bool isSmartPointerFamily(Family f);  // unique_ptr, shared_ptr
// Owners whose moved-from state is an error (smart pointers, [[owner]] classes);
// other class types are valid-but-unspecified after a move (warning).
bool moveIsError(clang::QualType T);
// A value of type T can hold borrows (it is an origin): non-owning pointers, views,
// iterators, closures capturing by reference, std::function, containers of those,
// and classes with borrow members (spec §2a.11).
bool holdsBorrows(clang::QualType T);
// A parameter/return type through which a borrow passes (references, pointers,
// views, iterators, borrow classes): the "borrow-like" of the spec's elision rules.
bool isBorrowLike(clang::QualType T);
// Whether a borrow of this type is shared (const pointee/element) or exclusive.
bool isSharedBorrowType(clang::QualType T);
// A data member that may receive borrows (spec §2a.11).
bool isBorrowMember(const clang::FieldDecl* F);

// ---- Member functions of known types ----------------------------------------

enum class Effect {
  Read,            // const access, or a call that neither mutates nor borrows
  Mutate,          // structural mutation: invalidates element borrows (see Invalidation)
  Reinit,          // mutate + afterwards the object is a fresh valid value (clear, assign, =)
  Reset,           // smart pointer reset(): releases the pointee, then null or re-owned
  ReleaseOwnership,// unique_ptr::release(): hands the pointee out, pointer becomes null
  Get,             // smart pointer get(): borrow of the pointee
  Deref,           // smart pointer operator*, operator->, operator[]
  BoolTest,        // operator bool, has_value: a null test, not a use
  Swap,            // swap(other): both stay valid
  InteriorBorrow,  // begin, end, data, c_str, at, front, back, operator[], find, ...
  Erase,           // erase(it): consumes the iterator, returns a fresh one
};

enum class Invalidation {
  None,
  All,            // references, pointers and iterators
  IteratorsOnly,  // unordered insertion: rehash moves nodes between buckets
  ErasedElement,  // node container erase(it)/extract(it) given an iterator: only the erased
                  // element (`it` and references taken from `*it`), never other iterators
};

struct MemberInfo {
  Effect effect = Effect::Read;
  Invalidation invalidates = Invalidation::None;
  bool iteratorResult = false;  // InteriorBorrow that yields an iterator
};

// A member function that gives its object a fresh value (spec 2b.5): `clear`, `reset` or
// `assign` in any capitalisation, or one marked [[clang::reinitializes]].
bool isReinitializer(const clang::CXXMethodDecl* M);
// What calling M on an object of family `f` does.
MemberInfo memberInfo(const clang::CXXMethodDecl* M, Family f);

// Functions with special meaning: std::move/forward, free/delete-likes, malloc-likes.
bool isStdMove(const clang::FunctionDecl* F);
bool isStdForward(const clang::FunctionDecl* F);
bool isFreeLike(const clang::FunctionDecl* F);    // free, std::free
bool isAllocLike(const clang::FunctionDecl* F);   // malloc, calloc, realloc, strdup
// std::use_facet: the facet is shared by every copy of the locale (the standard keeps it
// valid while any copy exists), so the result does not borrow the locale argument, which
// is usually a temporary copy (`std::use_facet<F>(loc.get())`).
bool isSharedFacetAccess(const clang::FunctionDecl* F);
bool isStdSwap(const clang::FunctionDecl* F);
bool isStdExchange(const clang::FunctionDecl* F);
bool inStdNamespace(const clang::Decl* D);
// What a C library function's result (a function declared in a system header) points into:
// its first argument (strchr, strstr, memchr, strtok, strcpy, memcpy, fgets, basename...) or,
// for any other extern "C" one (getenv, strerror, localtime, fopen...), none of its arguments.
enum class CLibraryResult { NotC, IntoFirstArgument, NotIntoArguments };
CLibraryResult cLibraryResult(const clang::FunctionDecl* F);
// Non-member std::begin/end/cbegin/cend (an iterator into the argument's elements) and
// std::data (a pointer to them).
enum class RangeAccess { None, Iterator, Data };
RangeAccess stdRangeAccess(const clang::FunctionDecl* F);
// A member named get(): smart pointers' (and look-alike classes') raw-pointer accessor.
bool isGetAccessor(const clang::CXXMethodDecl* M);

// ---- Contracts inferred from visible bodies (InferredContracts.cpp) ---------------

// A value of type T may hold pointers to storage it does not own: raw pointers (not
// function pointers), borrow types, classes with such members, containers of those.
// Weaker than holdsBorrows: such a class is not a borrow type (spec 2b.3), but one of its
// objects borrows what its constructor keeps (ctorKeptParams).
bool mayHoldPointers(clang::QualType T);
// The indices of the constructor's parameters whose storage the new object keeps (a
// member initialised or assigned from `&p`, `p` bound to a reference member, a pointer
// parameter's value, `p.data()`, a view of `p`); nullopt when no definition is visible.
std::optional<std::vector<unsigned>> ctorKeptParams(const clang::CXXConstructorDecl* C);
// A getter whose visible body only returns the value of a pointer member (or null): the
// result is a copy of a stored pointer, not a borrow of the object (spec 2b.9).
bool returnsStoredValueOnly(const clang::CXXMethodDecl* M);
// Whether a result of type `result` (T* or T&) can point into an argument of type `param`:
// T is the parameter's type, a base or derived class of it, or reachable through its
// pointers, elements and fields; bytes and characters always can. Elision (§1) narrows
// its candidates with this: `Iterator* NewErrorIterator(const Status&)` is a factory.
bool mayPointInto(clang::QualType result, clang::QualType param);
// The parameters an unannotated free function's returned borrow may come from (§1
// elision): the borrow-like ones that mayPointInto admits, narrowed to those of the
// result's own type when there are several, and to the first for C search functions.
std::vector<unsigned> elisionCandidates(const clang::FunctionDecl* F);
// Some member function of the class runs `delete this`: it manages its own lifetime.
bool deletesItself(const clang::CXXRecordDecl* RD);

}  // namespace ownership::model
