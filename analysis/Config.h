// The project configuration file `.ownership.yaml` (spec §7): found, parsed, merged, cached, applied to diagnostics.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/Diagnostic.h"

namespace ownership {

inline constexpr const char* kConfigFileName = ".ownership.yaml";

enum class Profile : std::uint8_t { Strict, Safety };
// A code's level as configured: Default keeps the analysis' own severity.
enum class Level : std::uint8_t { Default, Off, Error, Warning, Note };

bool parseProfile(std::string_view name, Profile& out);  // "strict" | "safety"
bool profileAllows(Profile p, Code c);

// One glob of a Checks / WarningsAsErrors list: `*` matches any run of characters; `-` removes.
struct CheckGlob {
  std::string pattern;  // without the leading '-' and without an `ownership-` prefix
  bool remove = false;
};
// Parses a comma-separated glob list (`*,-borrow-escapes`); an entry may be written `ownership-<code>`.
// A glob that matches no code is an error ("'use-after-mvoe' names no diagnostic code").
bool parseGlobList(std::string_view text, std::vector<CheckGlob>& out, std::string& error);
// Whether `code` is selected by `globs` read in order, the last match winning; `initial` when none matches.
bool globsSelect(const std::vector<CheckGlob>& globs, Code code, bool initial);

// One parsed `.ownership.yaml`: only the keys it sets.
struct ConfigFile {
  std::string path;  // absolute
  std::string dir;   // its directory (HeaderFilterRegex is relative to it)
  std::optional<std::vector<CheckGlob>> checks;
  std::optional<Profile> profile;
  std::optional<std::vector<CheckGlob>> warningsAsErrors;
  std::array<Level, kNumCodes> severity{};  // Default: not set here
  std::optional<std::string> headerFilterRegex;
  bool inheritParent = false;
};

// Parses `text` as the contents of the file at `path`. On error returns false and sets `error` to
// "PATH:LINE:COLUMN: message" (YAML syntax errors included).
bool parseConfigText(std::string_view text, const std::string& path, ConfigFile& out, std::string& error);

// The configuration in effect for a file: its files merged, farthest first.
struct Config {
  std::vector<std::string> files;      // the files read, farthest first; empty: built-in defaults
  std::vector<CheckGlob> checks;       // every file's Checks, farthest first, then --checks
  Profile profile = Profile::Strict;
  std::vector<CheckGlob> warningsAsErrors;
  std::array<Level, kNumCodes> severity{};
  std::optional<std::string> headerFilterRegex;  // the nearest file's that sets one
  std::string headerFilterBase;                  // that file's directory

  // Enabled when Checks selects it (default `*`) and the profile keeps it.
  bool enabled(Code c) const;
  // Merges `f` over this (f is nearer): lists are appended, scalars and Severity entries replaced.
  void mergeFrom(const ConfigFile& f);
  // Whether `header` (absolute) is reported under HeaderFilterRegex: the path relative to
  // headerFilterBase is searched (a header outside that directory: its absolute path). No regex: true.
  bool headerMatches(const std::string& header) const;
};

// The configuration for the source file `sourcePath`: the nearest `.ownership.yaml` walking up from its
// directory, with the parents' merged first while a file says `InheritParentConfig: true`. No file:
// the defaults. Files are cached by path, modification time and size, so a changed file is re-read.
// On error returns false with "PATH:LINE:COLUMN: message" in `error`; `out` is then the defaults.
bool configForSource(const std::string& sourcePath, Config& out, std::string& error);
// The configuration read from `configPath` (--config-file) instead of searching; its
// `InheritParentConfig: true` continues the walk from its directory's parent.
bool configFromFile(const std::string& configPath, Config& out, std::string& error);
// Forgets every cached file (a watched file changed).
void clearConfigCache();

// Adjusts `diags` (those of one file) to `cfg`: drops the codes not enabled and those whose Severity is
// `off`; sets the configured severity; WarningsAsErrors makes the remaining ones of its codes errors.
void applyConfig(const Config& cfg, std::vector<Diag>& diags);

}  // namespace ownership
