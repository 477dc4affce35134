// Suppression comments in clang-tidy's syntax (spec §7), read from a file's text.
#include "analysis/Suppressions.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace ownership {
namespace {

enum class Kind { Line, NextLine, Begin, End };

struct Comment {
  Kind kind;
  unsigned line;          // 1-based
  unsigned column = 0;    // 1-based, of `NOLINT`
  unsigned offset = 0;    // of `NOLINT` in the file
  bool hasList = false;   // NOLINT(...) rather than a bare NOLINT
  std::string list;       // the text between the parentheses
};

// `*` matches any run of characters; everything else matches itself (case-sensitive, as clang-tidy).
bool globMatch(std::string_view glob, std::string_view s) {
  size_t g = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      mark = i;
    } else if (g < glob.size() && glob[g] == s[i]) {
      ++g;
      ++i;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The NOLINT comments of one line (clang-tidy looks for the word anywhere in the line's text).
void scanLine(std::string_view line, unsigned number, unsigned lineOffset, std::vector<Comment>& out) {
  for (size_t at = line.find("NOLINT"); at != std::string_view::npos; at = line.find("NOLINT", at + 1)) {
    std::string_view rest = line.substr(at + 6);
    Kind k = Kind::Line;
    if (rest.substr(0, 8) == "NEXTLINE") {
      k = Kind::NextLine;
      rest.remove_prefix(8);
    } else if (rest.substr(0, 5) == "BEGIN") {
      k = Kind::Begin;
      rest.remove_prefix(5);
    } else if (rest.substr(0, 3) == "END") {
      k = Kind::End;
      rest.remove_prefix(3);
    }
    // `NOLINTfoo` is not a suppression (an identifier that merely starts with it).
    if (!rest.empty() && (std::isalnum(static_cast<unsigned char>(rest[0])) || rest[0] == '_')) continue;
    Comment c{k, number, static_cast<unsigned>(at + 1), static_cast<unsigned>(lineOffset + at)};
    if (!rest.empty() && rest[0] == '(') {
      size_t close = rest.find(')');
      if (close == std::string_view::npos) continue;  // clang-tidy ignores an unclosed list too
      c.hasList = true;
      c.list = std::string(rest.substr(1, close - 1));
    }
    out.push_back(std::move(c));
  }
}

std::vector<std::string_view> lines(std::string_view text, std::vector<unsigned>& offsets) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view l = text.substr(b, e - b);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back(l);
    offsets.push_back(static_cast<unsigned>(b));
    if (e == text.size()) break;
    b = e + 1;
  }
  return out;
}

bool applies(const Comment& c, Code code) { return !c.hasList || suppressionNames(c.list, code); }

}  // namespace

bool suppressionNames(std::string_view checks, Code code) {
  std::string name = "ownership-" + std::string(codeName(code));
  checks = trim(checks);
  if (checks.empty()) return true;
  while (!checks.empty()) {
    size_t comma = checks.find(',');
    std::string_view glob = trim(checks.substr(0, comma));
    if (!glob.empty() && globMatch(glob, name)) return true;
    if (comma == std::string_view::npos) break;
    checks.remove_prefix(comma + 1);
  }
  return false;
}

void applySuppressions(const std::string& file, std::string_view text, std::vector<Diag>& diags,
                       std::vector<SuppressionProblem>* problems, std::vector<Diag>* unused) {
  if (text.find("NOLINT") == std::string_view::npos) return;
  std::vector<Comment> comments;
  std::vector<unsigned> offsets;
  std::vector<std::string_view> ls = lines(text, offsets);
  for (size_t i = 0; i < ls.size(); ++i)
    if (ls[i].find("NOLINT") != std::string_view::npos)
      scanLine(ls[i], static_cast<unsigned>(i + 1), offsets[i], comments);
  // Regions: an END closes the innermost open BEGIN with the same list (clang-tidy's rule).
  struct Region {
    unsigned first, last;
    const Comment* c;
  };
  std::vector<Region> regions;
  std::vector<const Comment*> open;
  for (const Comment& c : comments) {
    if (c.kind == Kind::Begin) {
      open.push_back(&c);
    } else if (c.kind == Kind::End) {
      auto it = std::find_if(open.rbegin(), open.rend(), [&](const Comment* b) {
        return b->hasList == c.hasList && trim(b->list) == trim(c.list);
      });
      if (it == open.rend()) {
        if (problems)
          problems->push_back({file, c.line, "NOLINTEND without a matching NOLINTBEGIN before it; it suppresses nothing"});
        continue;
      }
      regions.push_back({(*it)->line, c.line, *it});
      open.erase(std::next(it).base());
    }
  }
  for (const Comment* b : open) {
    if (problems)
      problems->push_back({file, b->line, "NOLINTBEGIN without a matching NOLINTEND after it; it suppresses nothing"});
  }
  std::vector<char> used(comments.size(), 0);
  auto mark = [&](const Comment* c) {
    used[static_cast<size_t>(c - comments.data())] = 1;
    return true;
  };
  std::erase_if(diags, [&](const Diag& d) {
    if (d.range.file != file) return false;
    unsigned line = d.range.begin.line;
    for (const Comment& c : comments) {
      if (c.kind == Kind::Line && c.line == line && applies(c, d.code)) return mark(&c);
      if (c.kind == Kind::NextLine && c.line + 1 == line && applies(c, d.code)) return mark(&c);
    }
    for (const Region& r : regions)
      if (r.first <= line && line <= r.last && applies(*r.c, d.code)) return mark(r.c);
    return false;
  });
  if (!unused) return;
  for (size_t i = 0; i < comments.size(); ++i) {
    const Comment& c = comments[i];
    if (used[i] || c.kind == Kind::End || !c.hasList || c.list.find("ownership-") == std::string::npos) continue;
    bool closed = c.kind != Kind::Begin;
    for (const Region& r : regions) closed = closed || r.c == &c;
    if (!closed) continue;  // an unmatched BEGIN is already a problem
    Diag d;
    d.code = Code::UnusedSuppression;
    d.severity = Severity::Warning;
    d.range.file = file;
    d.range.begin = Pos{c.offset, c.line, c.column};
    std::string word = c.kind == Kind::Line ? "NOLINT" : c.kind == Kind::NextLine ? "NOLINTNEXTLINE" : "NOLINTBEGIN";
    d.range.end = Pos{c.offset + static_cast<unsigned>(word.size()), c.line, c.column + static_cast<unsigned>(word.size())};
    d.message = "`" + word + "(" + std::string(trim(c.list)) + ")` suppresses nothing";
    unused->push_back(std::move(d));
  }
}

TextEdit suppressionEdit(const Diag& d, std::string_view text) {
  std::string name = "ownership-" + std::string(codeName(d.code));
  // The primary line's extent: from the diagnostic's offset back to the line start and on to its end.
  unsigned off = std::min<unsigned>(d.range.begin.offset, static_cast<unsigned>(text.size()));
  size_t b = text.rfind('\n', off == 0 ? 0 : off - 1);
  b = (b == std::string_view::npos || off == 0) ? 0 : b + 1;
  if (off > 0 && text[off - 1] == '\n') b = off;
  size_t e = text.find('\n', off);
  if (e == std::string_view::npos) e = text.size();
  size_t end = e;
  if (end > b && text[end - 1] == '\r') --end;
  std::string_view line = text.substr(b, end - b);
  Pos at;
  at.line = d.range.begin.line;
  TextEdit edit;
  edit.range.file = d.range.file;
  size_t nolint = line.find("NOLINT(");
  if (nolint != std::string_view::npos && line.find(')', nolint) != std::string_view::npos) {
    size_t close = line.find(')', nolint);
    at.offset = static_cast<unsigned>(b + close);
    at.column = static_cast<unsigned>(close + 1);
    edit.newText = ", " + name;
  } else {
    at.offset = static_cast<unsigned>(end);
    at.column = static_cast<unsigned>(end - b + 1);
    edit.newText = "  // NOLINT(" + name + ")";
  }
  edit.range.begin = at;
  edit.range.end = at;
  return edit;
}

}  // namespace ownership
