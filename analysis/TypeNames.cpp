// Types as the user writes them: the library's internal aliases resolved, std's aliases used.
#include "analysis/TypeNames.h"

#include <cstring>
#include <regex>
#include <utility>

#include <clang/AST/DeclCXX.h>
#include <clang/AST/PrettyPrinter.h>
#include <llvm/ADT/StringRef.h>

using namespace clang;

namespace ownership {
namespace {

// Identifiers the standard reserves for the implementation: `__x`, `_X`.
bool reserved(llvm::StringRef n) { return n.starts_with("__") || (n.size() > 1 && n[0] == '_' && n[1] >= 'A' && n[1] <= 'Z'); }

bool showsInternals(const std::string& s);

// The declaration the outermost sugar of T names: a typedef, an alias or class template, a class.
const NamedDecl* namedBy(QualType T) {
  if (const auto* td = dyn_cast<TypedefType>(T.getTypePtr())) return td->getDecl();
  if (const auto* ts = dyn_cast<TemplateSpecializationType>(T.getTypePtr())) return ts->getTemplateName().getAsTemplateDecl();
  if (const auto* tt = dyn_cast<TagType>(T.getTypePtr())) return tt->getDecl();
  return nullptr;
}

// A std name the library spells without its namespace (`string` returned by std::to_string).
bool unqualifiedStdName(QualType T, const std::string& written) {
  const NamedDecl* D = namedBy(T);
  if (!D) return false;
  const DeclContext* dc = D->getDeclContext();
  while (dc && (dc->isInlineNamespace() || dc->isTransparentContext())) dc = dc->getParent();
  const auto* ns = dyn_cast_or_null<NamespaceDecl>(dc);
  if (!ns || !ns->getParent()->getRedeclContext()->isTranslationUnit() || ns->getName() != "std") return false;
  std::string w = written.rfind("const ", 0) == 0 ? written.substr(6) : written;
  return w.rfind("std::", 0) != 0;
}

bool showsInternals(const std::string& s) {
  static const std::regex kReserved(R"((^|[^A-Za-z0-9_])(__[A-Za-z0-9_]+|_[A-Z][A-Za-z0-9_]*))");
  return std::regex_search(s, kReserved);
}

PrintingPolicy policy(const ASTContext& ctx) {
  PrintingPolicy pp(ctx.getLangOpts());
  pp.SuppressTagKeyword = true;
  pp.SuppressDefaultTemplateArgs = true;
  pp.SuppressUnwrittenScope = true;  // inline namespaces: std::__cxx11, std::__1
  pp.AnonymousTagLocations = false;
  return pp;
}

// The specialisations std names with an alias, as printed once default arguments are dropped.
std::string useStdAliases(std::string s) {
  static const std::pair<const char*, const char*> kAliases[] = {
      {"std::basic_string<char>", "std::string"},
      {"std::basic_string<wchar_t>", "std::wstring"},
      {"std::basic_string<char8_t>", "std::u8string"},
      {"std::basic_string<char16_t>", "std::u16string"},
      {"std::basic_string<char32_t>", "std::u32string"},
      {"std::basic_string_view<char>", "std::string_view"},
      {"std::basic_string_view<wchar_t>", "std::wstring_view"},
      {"std::basic_string_view<char8_t>", "std::u8string_view"},
      {"std::basic_string_view<char16_t>", "std::u16string_view"},
      {"std::basic_string_view<char32_t>", "std::u32string_view"},
      {"std::basic_ostream<char>", "std::ostream"},
      {"std::basic_istream<char>", "std::istream"},
      {"std::basic_iostream<char>", "std::iostream"},
      {"std::basic_stringstream<char>", "std::stringstream"},
      {"std::basic_ostringstream<char>", "std::ostringstream"},
      {"std::basic_istringstream<char>", "std::istringstream"},
      {"std::basic_fstream<char>", "std::fstream"},
      {"std::basic_ifstream<char>", "std::ifstream"},
      {"std::basic_ofstream<char>", "std::ofstream"},
      {"std::basic_regex<char>", "std::regex"},
  };
  for (const auto& [from, to] : kAliases)
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, std::strlen(from), to);
  return s;
}

// No tag keywords (`struct Widget` inside template arguments, which the policy keeps), and a
// closure is a lambda, not `(lambda at /path/file.cpp:3:12)`.
std::string tidy(std::string s) {
  static const std::regex kLambda(R"(\(lambda( at [^)]*)?\))");
  static const std::regex kTag(R"((^|[<,( ])(struct|class|union|enum) )");
  s = std::regex_replace(s, kLambda, "lambda");
  if (s.find("(unnamed ") == std::string::npos && s.find("(anonymous ") == std::string::npos)
    s = std::regex_replace(s, kTag, "$1");
  return useStdAliases(std::move(s));
}

// Whether `written` names a template unqualified (`basic_string<`) that the canonical spelling
// qualifies (`std::basic_string<`).
bool unqualifiedLibraryTemplate(const std::string& written, const std::string& canonical) {
  static const std::regex kTemplateName(R"((^|[^:A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)<)");
  for (auto it = std::sregex_iterator(written.begin(), written.end(), kTemplateName); it != std::sregex_iterator(); ++it)
    if (canonical.find("::" + (*it)[2].str() + "<") != std::string::npos) return true;
  return false;
}

QualType resolveAuto(QualType T) {
  if (const auto* at = dyn_cast<AutoType>(T.getTypePtr()); at && at->isDeduced())
    return at->getDeducedType().withFastQualifiers(T.getLocalFastQualifiers());
  return T;
}

}  // namespace

std::string userTypeName(QualType T, const ASTContext& ctx) {
  if (T.isNull()) return "";
  T = resolveAuto(T);
  PrintingPolicy pp = policy(ctx);
  // A member typedef (`auto it = v.begin()` deduces `iterator`) prints bare: name it with its
  // class, whose own name is printed as a user would write it.
  if (const auto* td = dyn_cast<TypedefType>(T.getTypePtr()); td && !reserved(td->getDecl()->getName()))
    if (const auto* rd = dyn_cast<CXXRecordDecl>(td->getDecl()->getDeclContext())) {
      std::string q = T.getLocalQualifiers().getAsString();
      return (q.empty() ? "" : q + " ") + userTypeName(ctx.getCanonicalTagType(rd), ctx) + "::" +
             td->getDecl()->getName().str();
    }
  std::string written = T.getAsString(pp);
  std::string canonical = T.getCanonicalType().getAsString(pp);
  // Library-internal sugar somewhere (`__detail::__unique_ptr_t<Widget>`), or a template the
  // library names without its namespace (`basic_string<char, ...>` returned by `operator+`,
  // `unique_ptr<int> &` inside the class): the specialisation it stands for, as the user knows
  // it (`std::unique_ptr<Widget>`, `std::string`).
  if (showsInternals(written) || unqualifiedLibraryTemplate(written, canonical) || unqualifiedStdName(T, written))
    return tidy(canonical);
  return tidy(written);
}

bool showsLibraryInternals(const std::string& printed) { return showsInternals(printed); }

std::string userTypeName(const ValueDecl* D) { return D ? userTypeName(D->getType(), D->getASTContext()) : ""; }

}  // namespace ownership
