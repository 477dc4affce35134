// Moving positions and diagnostics across one text edit (see TextEdit.h).
#include "analysis/TextEdit.h"

#include <algorithm>
#include <optional>

namespace ownership {

static void lineCol(std::string_view text, unsigned offset, unsigned& line, unsigned& col) {
  line = 1 + static_cast<unsigned>(std::count(text.begin(), text.begin() + offset, '\n'));
  size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  col = offset - (nl == std::string_view::npos ? 0 : static_cast<unsigned>(nl) + 1) + 1;
}

Edit diffTexts(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  size_t p = 0;
  while (p < n && a[p] == b[p]) ++p;
  size_t s = 0;
  while (s < n - p && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
  Edit e;
  e.start = static_cast<unsigned>(p);
  e.oldEnd = static_cast<unsigned>(a.size() - s);
  e.newEnd = static_cast<unsigned>(b.size() - s);
  lineCol(a, e.oldEnd, e.oldEndLine, e.oldEndCol);
  lineCol(b, e.newEnd, e.newEndLine, e.newEndCol);
  return e;
}

bool mapPos(Pos& p, const Edit& e) {
  if (p.offset < e.start) return true;
  if (p.offset <= e.oldEnd) return false;
  if (p.line == e.oldEndLine) p.column = p.column - e.oldEndCol + e.newEndCol;
  p.line = p.line - e.oldEndLine + e.newEndLine;
  p.offset = p.offset - e.oldEnd + e.newEnd;
  return true;
}

bool mapRange(Range& r, const std::string& mainPath, const Edit& e) {
  if (r.file != mainPath) return true;  // in a header: does not move
  return mapPos(r.begin, e) && mapPos(r.end, e);
}

bool mapDiag(Diag& d, const std::string& mainPath, const Edit& e) {
  if (!mapRange(d.range, mainPath, e)) return false;
  for (Note& n : d.notes)
    if (!mapRange(n.range, mainPath, e)) return false;
  for (Fix& f : d.fixes)
    for (TextEdit& t : f.edits)
      if (!mapRange(t.range, mainPath, e)) return false;
  // The fix input's ranges follow (fixes are already computed: a stale one only loses precision).
  FixInput& in = d.input;
  for (std::optional<Range>* r : {&in.subjectDecl, &in.moveSite, &in.releaseSite, &in.borrowSite, &in.annotationSite})
    if (*r && !mapRange(**r, mainPath, e)) r->reset();
  if (in.temporarySite && !mapRange(*in.temporarySite, mainPath, e)) in.temporarySite.reset();
  for (Range& r : in.holderDecls)  // all or none: a fix must know every holder
    if (!mapRange(r, mainPath, e)) {
      in.holderDecls.clear();
      break;
    }
  std::erase_if(in.leakExits, [&](Range& r) { return !mapRange(r, mainPath, e); });
  // All or none: a fix adding some of the attributes would change the contract.
  for (Range& r : in.lifetimeboundSites)
    if (!mapRange(r, mainPath, e)) {
      in.lifetimeboundSites.clear();
      break;
    }
  return true;
}


}  // namespace ownership
