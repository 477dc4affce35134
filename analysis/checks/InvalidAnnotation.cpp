// invalid-annotation (spec §2a.13): an ownership annotation on something it cannot
// apply to ([[owner]] on an int, [[owner]] and [[borrow]] together, [[borrow(p)]]
// naming no parameter). The model decides and words each problem
// (model::annotationProblems, analysis/model/AnnotationRules.cpp).
//   [[owner]] int n = 0;  // fix: remove the annotation
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

Diag misplacedAnnotation(const SourceConv& conv, model::AnnotationProblem p) {
  Diag d = makeDiag(conv, Code::InvalidAnnotation, Severity::Error, p.annotation.range, std::move(p.message),
                    rule::InvalidAnnotation::Misplaced);
  d.input.subjectDecl = d.range;  // the attribute as written
  return d;
}

}  // namespace

void checkAnnotationPlacement(const SourceConv& conv, const Decl* D, std::vector<Diag>& out) {
  for (model::AnnotationProblem& p : model::annotationProblems(D)) out.push_back(misplacedAnnotation(conv, std::move(p)));
}

// Remove the whole [[ ... ]] around the annotation (its line when it stands alone).
void fixInvalidAnnotation(const FixContext& a, Diag& d) {
  const Text& t = a.t;
  unsigned b = d.range.begin.offset, e = d.range.end.offset;
  // Widen to the enclosing [[ ... ]].
  unsigned ob = b;
  while (ob >= 2 && !(t.buf[ob - 1] == '[' && t.buf[ob - 2] == '[')) {
    if (t.buf[ob - 1] == '\n' || b - ob > 40) return;
    --ob;
  }
  if (ob < 2) return;
  ob -= 2;
  unsigned oe = e;
  while (oe + 1 < t.buf.size() && !(t.buf[oe] == ']' && t.buf[oe + 1] == ']')) {
    if (t.buf[oe] == '\n') return;
    ++oe;
  }
  oe += 2;
  while (oe < t.buf.size() && t.buf[oe] == ' ') ++oe;
  Fix f;
  f.title = "remove the annotation";
  f.preferred = true;
  unsigned ls = t.lineStart(ob), le = t.lineEnd(oe);
  if (t.buf.substr(ls, ob - ls).trim().empty() && t.buf.substr(oe, le - oe).trim().empty())
    f.edits.push_back(edit(t, ls, le + 1, ""));
  else
    f.edits.push_back(edit(t, ob, oe, ""));
  d.fixes.push_back(std::move(f));
}

}  // namespace ownership::checks
