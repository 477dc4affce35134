// Built-in knowledge of standard types: which own, which borrow, and what their
// member functions do to borrows (the standard's invalidation rules, spec §2a.5).
#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <llvm/ADT/StringSet.h>
#include <llvm/ADT/StringSwitch.h>

#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::model {
namespace {

const CXXRecordDecl* recordOf(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (const auto* RT = T->getAs<RecordType>()) return dyn_cast<CXXRecordDecl>(RT->getDecl());
  return nullptr;
}

bool inStd(const Decl* D) {
  const DeclContext* DC = D->getDeclContext();
  while (DC) {
    if (const auto* NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isStdNamespace()) return true;
      // libstdc++ puts some types in std::__cxx11 or __gnu_cxx.
      if (NS->getName() == "__gnu_cxx" || NS->getName() == "gsl") return true;
    }
    DC = DC->getParent();
  }
  return false;
}

Family stdFamily(llvm::StringRef name) {
  return llvm::StringSwitch<Family>(name)
      .Case("unique_ptr", Family::UniquePtr)
      .Case("shared_ptr", Family::SharedPtr)
      .Cases({"vector", "basic_string", "deque", "array", "valarray", "inplace_vector"}, Family::Contiguous)
      .Cases({"map", "set", "multimap", "multiset", "list", "forward_list"}, Family::NodeContainer)
      .Cases({"unordered_map", "unordered_set", "unordered_multimap", "unordered_multiset"}, Family::Unordered)
      .Cases({"flat_map", "flat_set", "priority_queue", "queue", "stack"}, Family::Contiguous)
      .Case("optional", Family::Optional)
      .Cases({"basic_string_view", "span", "reference_wrapper"}, Family::View)
      .Cases({"function", "move_only_function", "copyable_function"}, Family::Function)
      .Cases({"__normal_iterator", "_Rb_tree_iterator", "_Rb_tree_const_iterator", "_List_iterator",
              "_List_const_iterator", "_Deque_iterator", "_Node_iterator", "_Node_const_iterator",
              "reverse_iterator", "move_iterator", "_Fwd_list_iterator", "_Fwd_list_const_iterator",
              "istreambuf_iterator", "back_insert_iterator"},
             Family::Iterator)
      .Default(Family::Other);
}

bool hasGslAttr(const CXXRecordDecl* RD, bool owner) {
  const CXXRecordDecl* D = RD;
  if (const auto* Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    D = Spec->getSpecializedTemplate()->getTemplatedDecl();
  for (const CXXRecordDecl* R : {RD, D}) {
    if (owner ? R->hasAttr<OwnerAttr>() : R->hasAttr<PointerAttr>()) return true;
  }
  return false;
}

bool classAnnotated(const CXXRecordDecl* RD, AnnKind k) {
  const CXXRecordDecl* D = RD;
  if (const auto* Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    D = Spec->getSpecializedTemplate()->getTemplatedDecl();
  return k == AnnKind::Owner ? (hasOwner(RD) || hasOwner(D)) : (hasBorrow(RD) || hasBorrow(D));
}

QualType firstTemplateArg(const CXXRecordDecl* RD) {
  if (const auto* Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD)) {
    const auto& args = Spec->getTemplateArgs();
    if (args.size() > 0 && args[0].getKind() == TemplateArgument::Type) return args[0].getAsType();
  }
  return {};
}

}  // namespace

bool inStdNamespace(const Decl* D) { return D && inStd(D); }

QualType elementType(QualType T) { return firstTemplateArg(recordOf(T)); }

bool isStdType(QualType T) {
  const CXXRecordDecl* RD = recordOf(T);
  return RD && inStd(RD);
}

bool isStdString(QualType T) {
  const CXXRecordDecl* RD = recordOf(T);
  return RD && inStd(RD) && RD->getName() == "basic_string";
}

Family familyOf(QualType T) {
  if (T.isNull()) return Family::Other;
  if (T->isReferenceType()) return Family::Reference;
  T = T.getCanonicalType();
  // A function pointer points at code, not at storage anyone owns.
  if (T->isFunctionPointerType()) return Family::Other;
  if (T->isPointerType()) return Family::RawPointer;
  const CXXRecordDecl* RD = recordOf(T);
  if (!RD) return Family::Other;
  if (RD->isLambda()) return Family::Lambda;
  if (inStd(RD)) {
    Family f = stdFamily(RD->getName());
    if (f != Family::Other) return f;
    llvm::StringRef n = RD->getName();
    if (n.contains("iterator")) return Family::Iterator;
  }
  if (classAnnotated(RD, AnnKind::Owner) || hasGslAttr(RD, true)) return Family::OwnerClass;
  if (classAnnotated(RD, AnnKind::Borrow) || hasGslAttr(RD, false)) return Family::View;
  return Family::Record;
}

bool isContainerFamily(Family f) {
  return f == Family::Contiguous || f == Family::NodeContainer || f == Family::Unordered;
}

bool isSmartPointerFamily(Family f) { return f == Family::UniquePtr || f == Family::SharedPtr; }

bool moveIsError(QualType T) {
  Family f = familyOf(T.getNonReferenceType());
  return f == Family::UniquePtr || f == Family::SharedPtr || f == Family::OwnerClass ||
         f == Family::RawPointer;
}

static bool holdsBorrowsImpl(QualType T, int depth);

// A member that makes its class a borrow (view) type (spec 2b.3): [[borrow]], a reference,
// a std view or iterator, or a container of those. A raw pointer member alone does not:
// such members own as often as they borrow.
static bool isViewMember(const FieldDecl* F) {
  if (hasBorrow(F)) return true;
  if (hasOwner(F)) return false;
  QualType T = F->getType();
  Family f = familyOf(T);
  if (f == Family::Reference || f == Family::View || f == Family::Iterator) return true;
  if (isContainerFamily(f)) {
    Family ef = familyOf(firstTemplateArg(recordOf(T)));
    return ef == Family::View || ef == Family::Iterator;
  }
  return false;
}

static bool recordHasBorrowMembers(const CXXRecordDecl* RD, int depth) {
  if (!RD || !RD->hasDefinition() || depth > 3) return false;
  RD = RD->getDefinition();
  for (const FieldDecl* F : RD->fields())
    if (isViewMember(F)) return true;
  return false;
}

static bool holdsBorrowsImpl(QualType T, int depth) {
  if (T.isNull() || depth > 4) return false;
  switch (familyOf(T)) {
    case Family::RawPointer:
    case Family::Reference:
    case Family::View:
    case Family::Iterator:
    case Family::Function:
      return true;
    case Family::Lambda: {
      const CXXRecordDecl* RD = recordOf(T);
      for (const LambdaCapture& C : RD->captures())
        if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef) return true;
      if (RD->getLambdaCaptureDefault() == LCD_ByRef) return true;
      return false;
    }
    case Family::Contiguous:
    case Family::NodeContainer:
    case Family::Unordered:
    case Family::Optional: {
      QualType E = firstTemplateArg(recordOf(T));
      return !E.isNull() && !isStdString(E) && holdsBorrowsImpl(E, depth + 1);
    }
    case Family::Record:
      return recordHasBorrowMembers(recordOf(T), depth + 1);
    default:
      return false;
  }
}

bool holdsBorrows(QualType T) { return holdsBorrowsImpl(T, 0); }

bool isBorrowLike(QualType T) {
  if (T.isNull()) return false;
  switch (familyOf(T)) {
    case Family::RawPointer:
    case Family::Reference:
    case Family::View:
    case Family::Iterator:
      return true;
    case Family::Record:
      return recordHasBorrowMembers(recordOf(T), 0);
    default:
      return false;
  }
}

bool isSharedBorrowType(QualType T) {
  if (T.isNull()) return true;
  if (T->isReferenceType() || T->isPointerType()) return T->getPointeeType().isConstQualified();
  const CXXRecordDecl* RD = recordOf(T);
  if (!RD) return true;
  llvm::StringRef n = RD->getName();
  if (n == "basic_string_view") return true;
  if (n == "span") {
    QualType E = firstTemplateArg(RD);
    return E.isNull() || E.isConstQualified();
  }
  if (familyOf(T) == Family::Iterator) return n.contains("const");
  return true;
}

bool isBorrowMember(const FieldDecl* F) {
  if (!F) return false;
  if (hasBorrow(F)) return true;
  if (hasOwner(F)) return false;
  QualType T = F->getType();
  Family f = familyOf(T);
  if (f == Family::Reference || f == Family::RawPointer || f == Family::View || f == Family::Iterator)
    return true;
  if (isContainerFamily(f)) {
    QualType E = firstTemplateArg(recordOf(T));
    Family ef = familyOf(E);
    if (ef == Family::RawPointer || ef == Family::View || ef == Family::Iterator) return true;
  }
  // A class or container that holds pointers (a handle, a pair of pointers) may receive them too.
  return f == Family::Record || isContainerFamily(f) ? mayHoldPointers(T) : false;
}

MemberInfo memberInfo(const CXXMethodDecl* M, Family f) {
  MemberInfo info;
  if (!M) return info;
  std::string name;
  if (M->getOverloadedOperator() != OO_None) {
    switch (M->getOverloadedOperator()) {
      case OO_Equal: name = "operator="; break;
      case OO_PlusEqual: name = "operator+="; break;
      case OO_Star: name = "operator*"; break;
      case OO_Arrow: name = "operator->"; break;
      case OO_Subscript: name = "operator[]"; break;
      default: name = "operator?"; break;
    }
  } else if (isa<CXXConversionDecl>(M)) {
    QualType To = cast<CXXConversionDecl>(M)->getConversionType();
    name = To->isBooleanType() ? "operator bool" : "operator view";
  } else if (M->getIdentifier()) {
    name = M->getName().str();
  }

  switch (f) {
    case Family::UniquePtr:
    case Family::SharedPtr:
      info.effect = llvm::StringSwitch<Effect>(name)
                        .Case("reset", Effect::Reset)
                        .Case("release", f == Family::UniquePtr ? Effect::ReleaseOwnership : Effect::Read)
                        .Case("get", Effect::Get)
                        .Cases({"operator*", "operator->", "operator[]"}, Effect::Deref)
                        .Case("operator bool", Effect::BoolTest)
                        .Case("swap", Effect::Swap)
                        .Case("operator=", Effect::Reinit)
                        .Default(Effect::Read);
      if (info.effect == Effect::Reinit) info.invalidates = Invalidation::All;
      return info;
    case Family::Optional:
      info.effect = llvm::StringSwitch<Effect>(name)
                        .Cases({"operator*", "operator->", "value"}, Effect::InteriorBorrow)
                        .Cases({"operator bool", "has_value"}, Effect::BoolTest)
                        .Cases({"reset"}, Effect::Reinit)
                        .Cases({"operator=", "emplace"}, Effect::Reinit)
                        .Case("swap", Effect::Swap)
                        .Default(Effect::Read);
      if (info.effect == Effect::Reinit) info.invalidates = Invalidation::All;
      return info;
    case Family::Contiguous:
    case Family::NodeContainer:
    case Family::Unordered: {
      static const llvm::StringSet<> kBorrowers = {
          "begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin", "crend", "data", "c_str",
          "at", "front", "back", "operator[]", "find", "lower_bound", "upper_bound", "equal_range",
          "operator view", "top"};
      static const llvm::StringSet<> kIterators = {"begin", "end", "cbegin", "cend", "rbegin", "rend",
                                                   "crbegin", "crend", "find", "lower_bound", "upper_bound",
                                                   "equal_range"};
      static const llvm::StringSet<> kReinit = {"clear", "assign", "operator="};
      static const llvm::StringSet<> kSeqMutators = {
          "push_back", "emplace_back", "push_front", "emplace_front", "insert", "emplace",
          "insert_range", "append_range", "append", "operator+=", "erase", "reserve", "resize",
          "shrink_to_fit", "pop_back", "pop_front", "replace", "push", "pop", "swap", "emplace_hint",
          "try_emplace", "insert_or_assign", "extract", "merge", "rehash", "assign_range", "erase_if"};
      static const llvm::StringSet<> kNodeInvalidators = {"erase", "clear", "swap", "operator=",
                                                          "extract", "assign", "pop_back", "pop_front"};
      static const llvm::StringSet<> kUnorderedInserts = {"insert", "emplace", "emplace_hint", "try_emplace",
                                                          "insert_or_assign", "operator[]", "rehash",
                                                          "reserve", "merge", "insert_range"};
      if (kBorrowers.contains(name) && !(name == "operator[]" && f != Family::Contiguous && !M->isConst())) {
        info.effect = Effect::InteriorBorrow;
        info.iteratorResult = kIterators.contains(name);
        return info;
      }
      bool isReinit = kReinit.contains(name);
      if (f == Family::Contiguous) {
        if (isReinit || kSeqMutators.contains(name)) {
          info.effect = isReinit ? Effect::Reinit : (name == "erase" ? Effect::Erase : Effect::Mutate);
          info.invalidates = Invalidation::All;
        }
        return info;
      }
      if (kNodeInvalidators.contains(name)) {
        info.effect = isReinit ? Effect::Reinit : (name == "erase" ? Effect::Erase : Effect::Mutate);
        info.invalidates = Invalidation::All;
        // erase(it) / extract(it) given one iterator: only that element goes (spec 2a.5);
        // by key or by range, every element borrow does.
        if ((name == "erase" || name == "extract") && M->getNumParams() == 1 &&
            familyOf(M->getParamDecl(0)->getType()) == Family::Iterator)
          info.invalidates = Invalidation::ErasedElement;
        return info;
      }
      if (f == Family::Unordered && kUnorderedInserts.contains(name)) {
        info.effect = Effect::Mutate;
        info.invalidates = Invalidation::IteratorsOnly;
        if (name == "operator[]") info.effect = Effect::InteriorBorrow;
        return info;
      }
      if (name == "operator[]") {  // map::operator[] inserts (keeps references valid)
        info.effect = Effect::InteriorBorrow;
        return info;
      }
      if (kSeqMutators.contains(name)) info.effect = Effect::Mutate;  // node insertions: no invalidation
      return info;
    }
    case Family::View:
    case Family::Iterator:
      return info;  // results carry the object's own loans (handled by the caller)
    case Family::OwnerClass:
      if (name == "operator=" || isReinitializer(M)) {
        info.effect = Effect::Reinit;
        info.invalidates = Invalidation::All;
      } else if (!M->isConst() && !M->isStatic()) {
        info.effect = Effect::Mutate;
        info.invalidates = Invalidation::All;
      }
      return info;
    default:
      if (name == "operator=") {
        info.effect = Effect::Reinit;
        info.invalidates = Invalidation::All;
      } else if (f == Family::Record && isReinitializer(M)) {
        // A user class's Clear()/reset()/assign(): a fresh value, but not a mutation that
        // invalidates borrows (only owner classes' members do, spec 2a.5).
        info.effect = Effect::Reinit;
        info.invalidates = Invalidation::None;
      }
      return info;
  }
}

bool isReinitializer(const CXXMethodDecl* M) {
  if (!M || M->isConst() || M->isStatic()) return false;
  if (M->hasAttr<ReinitializesAttr>()) return true;
  if (!M->getIdentifier()) return false;
  std::string n = M->getName().lower();
  return n == "clear" || n == "reset" || n == "assign";
}

static bool isStdFunctionNamed(const FunctionDecl* F, llvm::StringRef name) {
  return F && F->getIdentifier() && F->getName() == name && inStd(F);
}

bool isStdMove(const FunctionDecl* F) { return isStdFunctionNamed(F, "move") && F->getNumParams() == 1; }
bool isStdForward(const FunctionDecl* F) { return isStdFunctionNamed(F, "forward"); }
bool isStdSwap(const FunctionDecl* F) { return isStdFunctionNamed(F, "swap"); }
bool isStdExchange(const FunctionDecl* F) { return isStdFunctionNamed(F, "exchange"); }

bool isFreeLike(const FunctionDecl* F) {
  if (!F || !F->getIdentifier()) return false;
  llvm::StringRef n = F->getName();
  return (n == "free" || n == "cfree") && F->getNumParams() == 1 && !F->isCXXClassMember();
}

bool isSharedFacetAccess(const FunctionDecl* F) {
  return F && F->getIdentifier() && F->getName() == "use_facet" && inStdNamespace(F);
}

bool isAllocLike(const FunctionDecl* F) {
  if (!F || !F->getIdentifier() || F->isCXXClassMember()) return false;
  llvm::StringRef n = F->getName();
  return n == "malloc" || n == "calloc" || n == "realloc" || n == "strdup" || n == "strndup" ||
         n == "aligned_alloc";
}

CLibraryResult cLibraryResult(const FunctionDecl* F) {
  if (!F || !F->getIdentifier() || !F->getASTContext().getSourceManager().isInSystemHeader(F->getLocation()))
    return CLibraryResult::NotC;
  // The C and POSIX functions whose result points into their first pointer argument.
  static const llvm::StringSet<> kIntoFirst = {
      "strchr",  "strrchr", "strstr",  "strpbrk", "memchr",  "wcschr",   "wcsrchr", "wcsstr",   "wcspbrk",
      "wmemchr", "strtok",  "strcpy",  "strcat",  "strncpy", "strncat",  "memcpy",  "memmove",  "memset",
      "wcscpy",  "wcscat",  "wcsncpy", "wcsncat", "wmemcpy", "wmemmove", "wmemset", "stpcpy",   "stpncpy",
      "strtok_r", "strsep", "index",   "rindex",  "memrchr", "strcasestr", "strchrnul", "rawmemchr",
      "basename", "dirname", "fgets",  "fgetws",  "getcwd",  "strerror_r", "ctime_r", "asctime_r", "memccpy",
      "mempcpy"};
  if (kIntoFirst.contains(F->getName())) return CLibraryResult::IntoFirstArgument;
  // Any other C function of a system header (getenv, strerror, setlocale, localtime, fopen,
  // readdir...) returns static, fresh or library-held storage, not its arguments.
  if (F->isExternC()) return CLibraryResult::NotIntoArguments;
  return CLibraryResult::NotC;
}

RangeAccess stdRangeAccess(const FunctionDecl* F) {
  if (!F || isa<CXXMethodDecl>(F) || !inStdNamespace(F) || !F->getIdentifier()) return RangeAccess::None;
  return llvm::StringSwitch<RangeAccess>(F->getName())
      .Cases({"begin", "end", "cbegin", "cend"}, RangeAccess::Iterator)
      .Case("data", RangeAccess::Data)
      .Default(RangeAccess::None);
}

bool isGetAccessor(const CXXMethodDecl* M) { return M && M->getIdentifier() && M->getName() == "get"; }

}  // namespace ownership::model
