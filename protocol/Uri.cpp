// URI conversion: decode, check and normalise file:// URIs; encode paths.
#include "protocol/Uri.h"

#include <cctype>
#include <vector>

namespace ownership::protocol {

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<std::string> uriToPath(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.size() < scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(uri[i])) != scheme[i]) return std::nullopt;
  std::string_view rest = uri.substr(scheme.size());
  // Authority: only empty or "localhost" name this machine.
  std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view authority = rest.substr(0, slash);
  if (!authority.empty() && authority != "localhost") return std::nullopt;
  rest = rest.substr(slash);
  // Drop query and fragment.
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::string decoded;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%') {
      if (i + 2 >= rest.size()) return std::nullopt;
      int hi = hexValue(rest[i + 1]), lo = hexValue(rest[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      decoded.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      decoded.push_back(rest[i]);
    }
  }
  if (decoded.empty() || decoded.front() != '/' || decoded.find('\0') != std::string::npos) return std::nullopt;
  std::vector<std::string_view> parts;
  std::string_view p(decoded);
  std::size_t start = 1;
  while (start <= p.size()) {
    std::size_t e = p.find('/', start);
    if (e == std::string_view::npos) e = p.size();
    std::string_view seg = p.substr(start, e - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = e + 1;
  }
  std::string out;
  for (std::string_view s : parts) {
    out.push_back('/');
    out.append(s);
  }
  if (out.empty()) out = "/";
  return out;
}

std::string pathToUri(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    bool keep = std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' ||
                c == '@' || c == ':' || c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' ||
                c == '*' || c == ',' || c == ';' || c == '=';
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace ownership::protocol
