// Builds the SARIF log: one run, all 13 rules, one result per diagnostic.
#include "cli/Sarif.h"

#include <nlohmann/json.hpp>

namespace ownership::cli {

using nlohmann::json;

std::string fileUri(const std::string& absPath) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : absPath) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

static json region(const Range& r) {
  Pos end = r.end.line ? r.end : r.begin;
  return json{{"startLine", r.begin.line},
              {"startColumn", r.begin.column},
              {"endLine", end.line},
              {"endColumn", end.column},
              {"charOffset", r.begin.offset},
              {"charLength", end.offset >= r.begin.offset ? end.offset - r.begin.offset : 0}};
}

static json location(const Range& r) {
  return json{{"physicalLocation", {{"artifactLocation", {{"uri", fileUri(r.file)}}}, {"region", region(r)}}}};
}

std::string toSarif(const std::vector<FileOutcome>& outcomes, const AnalysisStats& stats) {
  json rules = json::array();
  for (int i = 0; i < kNumCodes; ++i) {
    Code c = static_cast<Code>(i);
    std::string level = c == Code::MissingLifetime ? "note"
                        : (c == Code::Leak || c == Code::BorrowEscapes || c == Code::UnusedSuppression) ? "warning"
                                                                         : "error";
    rules.push_back({{"id", std::string(codeName(c))},
                     {"name", std::string(codeName(c))},
                     {"shortDescription", {{"text", std::string(codeDescription(c))}}},
                     {"helpUri", "https://github.com/ownership-lsp/ownership-lsp/blob/main/docs/diagnostics/" +
                                     std::string(codeName(c)) + ".md"},
                     {"defaultConfiguration", {{"level", level}}}});
  }
  json results = json::array();
  json artifacts = json::array();
  json notifications = json::array();
  for (const FileOutcome& o : outcomes) {
    artifacts.push_back({{"location", {{"uri", fileUri(o.path)}}}});
    if (!o.ok) {
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", o.error}}},
                               {"locations", json::array({{{"physicalLocation",
                                                            {{"artifactLocation", {{"uri", fileUri(o.path)}}}}}}})}});
      continue;
    }
    for (size_t di = 0; di < o.diags.size(); ++di) {
      const Diag& d = o.diags[di];
      json res{{"ruleId", std::string(codeName(d.code))},
               {"ruleIndex", static_cast<int>(d.code)},
               {"level", std::string(severityName(d.severity))},
               {"message", {{"text", d.message}}},
               {"locations", json::array({location(d.range)})}};
      json related = json::array();
      int id = 0;
      for (const Note& n : d.notes) {
        json loc = location(n.range);
        loc["id"] = id++;
        loc["message"] = {{"text", n.message}};
        related.push_back(loc);
      }
      if (!related.empty()) res["relatedLocations"] = related;
      if (di < o.fingerprints.size()) res["partialFingerprints"] = {{"ownership/v1", o.fingerprints[di]}};
      if (!d.fixes.empty()) {
        json fixes = json::array();
        for (const Fix& f : d.fixes) {
          json changes = json::array();
          for (const TextEdit& e : f.edits)
            changes.push_back({{"artifactLocation", {{"uri", fileUri(e.range.file)}}},
                               {"replacements", json::array({{{"deletedRegion", region(e.range)},
                                                             {"insertedContent", {{"text", e.newText}}}}})}});
          fixes.push_back({{"description", {{"text", f.title}}}, {"artifactChanges", changes}});
        }
        res["fixes"] = fixes;
      }
      results.push_back(std::move(res));
    }
  }
  json run{{"tool",
            {{"driver",
              {{"name", "ownership-check"},
               {"version", "0.1.0"},
               {"informationUri", "https://github.com/ownership-lsp/ownership-lsp"},
               {"rules", rules}}}}},
           {"artifacts", artifacts},
           {"columnKind", "utf16CodeUnits"},
           {"results", results},
           {"properties",
            {{"functionsAnalysed", stats.analysed},
             {"templateInstantiationsAnalysed", stats.instantiations},
             {"headerFunctionsAnalysed", stats.inHeaders},
             {"mainFileNonTemplateFunctionsAnalysed", stats.mainNonTemplate},
             {"templatesNeverInstantiated", stats.neverInstantiated},
             {"functionsSkippedForErrors", stats.skippedErrors},
             {"functionsSkippedAtWorkCap", stats.skippedCap}}}};
  if (!notifications.empty())
    run["invocations"] = json::array({{{"executionSuccessful", false}, {"toolExecutionNotifications", notifications}}});
  else
    run["invocations"] = json::array({{{"executionSuccessful", true}}});
  json log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", {run}}};
  return log.dump(2) + "\n";
}

}  // namespace ownership::cli
