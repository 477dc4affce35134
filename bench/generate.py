# Deterministic generator of the benchmark's C++20 inputs: a ~300-line and a ~2,000-line file, each clean and with injected ownership errors, and a realistic ~2,000-line application file with findings of eight codes.
"""generate.py - write realistic C++20 translation units for bench/run.py.

    python3 bench/generate.py OUT_DIR [--seed 6] [--verify]

Writes into OUT_DIR:
  small_clean.cpp   (~300 lines)     small_errors.cpp   (same code, 5 injected errors)
  large_clean.cpp   (~2,000 lines)   large_errors.cpp   (same code, 10 injected errors)
  realistic.cpp     (~2,000 lines)   an application file of ten different subsystems (classes with
                    std containers, templates used with several types, lambdas) and 8 findings
                    of 8 different codes (issue 17: not the repetitive pattern of the others)
  manifest.json     per file: lines, the line after which edits go (for realistic.cpp also
                    `outside_line`, a blank top-level line: an edit there is outside every
                    body), the injected errors as {line, code}

The code is what an application file looks like: per namespace a record struct, a store
class owning its records through std::unique_ptr with a std::map index, parsing from
std::string_view, sorting and searching with <algorithm> and lambdas, iterator loops,
std::optional, and a little legacy `new`/`delete`. Every module has "slots": functions
written twice, once correctly and once with one ownership bug of the kinds the issue
names (use-after-move, dangling string_view, push_back while iterating, leaked `new`,
double delete). The clean files use the correct form everywhere; the error files use
the buggy form in some slots, marked `// expect: CODE` like tests/corpus. Both forms of
a slot have the same number of lines, so a line means the same thing in both files.

The output depends only on the seed (random.Random(seed), no clock, no hash order).
--verify checks the output with build/ownership-check (clean files: no diagnostic;
error files: exactly the injected ones) and `clang++-22 -std=c++20 -fsyntax-only`.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# The five injected bug kinds, in the order slots cycle through them, with the code the
# checker must report for each (spec §2).
KINDS = ["use-after-move", "dangling", "mutate-while-borrowed", "leak", "double-release"]

ENTITIES = ["Order", "Invoice", "Sensor", "Track", "Account", "Ticket", "Shipment", "Player",
            "Document", "Route", "Booking", "Patient", "Sample", "Release", "Package", "Device",
            "Course", "Listing", "Payment", "Station", "Recipe", "Campaign", "Vehicle", "Claim",
            "Warehouse", "Article", "Session", "Contract", "Flight", "Asset"]
METRICS = ["amount", "weight", "score", "latency", "price", "volume", "rating", "balance",
           "duration", "distance", "priority", "load"]
NOTES = ["comment", "remark", "origin", "owner", "region", "source", "label", "status"]
SEPARATORS = [":", "=", ";", "|", ","]


def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


class Module:
    """One namespace `app::mN` built around one record type; emits its parts as line lists."""

    def __init__(self, index: int, rng: random.Random):
        self.i = index
        self.rng = rng
        self.E = ENTITIES[index % len(ENTITIES)] + (str(index // len(ENTITIES)) if index >= len(ENTITIES) else "")
        self.e = snake(self.E)
        self.S = self.E + "Store"
        self.metric = rng.choice(METRICS)
        self.note = rng.choice(NOTES)
        self.sep = rng.choice(SEPARATORS)
        self.factor = rng.choice(["0.5", "1.25", "2.0", "0.75", "1.5", "3.0"])
        self.limit = rng.choice(["10.0", "25.0", "50.0", "100.0", "7.5"])
        self.topn = rng.randint(3, 12)
        self.tag = rng.choice(["urgent", "archived", "vip", "draft", "late", "flagged", "new"])

    # -- always present: the record and the store that owns records
    def record(self) -> list[str]:
        E, m, n = self.E, self.metric, self.note
        return [
            f"struct {E} {{",
            "    int id = 0;",
            "    std::string name;",
            f"    double {m} = 0.0;",
            "    std::vector<std::string> tags;",
            f"    std::optional<std::string> {n};",
            "};",
            "",
        ]

    def store(self) -> list[str]:
        E, S, m = self.E, self.S, self.metric
        out = [
            f"class {S} {{",
            "public:",
            f"    void add(std::unique_ptr<{E}> item) {{",
            "        index_[item->name] = items_.size();",
            "        items_.push_back(std::move(item));",
            "    }",
            "",
            f"    const {E}* find(std::string_view name) const {{",
            "        auto it = index_.find(name);",
            "        if (it == index_.end()) {",
            "            return nullptr;",
            "        }",
            "        return items_[it->second].get();",
            "    }",
            "",
            "    std::size_t size() const { return items_.size(); }",
            "",
            "    double total() const {",
            "        double sum = 0.0;",
            "        for (const auto& item : items_) {",
            f"            sum += item->{m};",
            "        }",
            "        return sum;",
            "    }",
            "",
            "    std::size_t remove_below(double limit) {",
            "        std::size_t removed = 0;",
            "        for (auto it = items_.begin(); it != items_.end();) {",
            f"            if ((*it)->{m} < limit) {{",
            "                it = items_.erase(it);",
            "                ++removed;",
            "            } else {",
            "                ++it;",
            "            }",
            "        }",
            "        rebuild_index();",
            "        return removed;",
            "    }",
            "",
        ]
        if self.rng.random() < 0.6:
            out += [
                f"    std::unique_ptr<{E}> take(std::string_view name) {{",
                "        auto it = index_.find(name);",
                "        if (it == index_.end()) {",
                "            return nullptr;",
                "        }",
                f"        std::unique_ptr<{E}> out = std::move(items_[it->second]);",
                "        items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(it->second));",
                "        rebuild_index();",
                "        return out;",
                "    }",
                "",
            ]
        if self.rng.random() < 0.6:
            out += [
                "    std::vector<std::string> names_sorted() const {",
                "        std::vector<std::string> out;",
                "        out.reserve(items_.size());",
                "        for (const auto& item : items_) {",
                "            out.push_back(item->name);",
                "        }",
                "        std::sort(out.begin(), out.end());",
                "        return out;",
                "    }",
                "",
            ]
        out += [
            "    template <typename Fn>",
            "    void for_each(Fn&& fn) const {",
            "        for (const auto& item : items_) {",
            "            fn(*item);",
            "        }",
            "    }",
            "",
            "private:",
            "    void rebuild_index() {",
            "        index_.clear();",
            "        for (std::size_t i = 0; i < items_.size(); ++i) {",
            "            index_[items_[i]->name] = i;",
            "        }",
            "    }",
            "",
            f"    std::vector<std::unique_ptr<{E}>> items_;",
            "    std::map<std::string, std::size_t, std::less<>> index_;",
            "};",
            "",
        ]
        return out

    def parse(self) -> list[str]:
        E, e, m = self.E, self.e, self.metric
        return [
            f"std::optional<{E}> parse_{e}(std::string_view line) {{",
            f"    std::size_t pos = line.find('{self.sep}');",
            "    if (pos == std::string_view::npos) {",
            "        return std::nullopt;",
            "    }",
            f"    {E} out;",
            "    out.name = std::string(line.substr(0, pos));",
            "    int value = 0;",
            "    for (char c : line.substr(pos + 1)) {",
            "        if (c < '0' || c > '9') {",
            "            break;",
            "        }",
            "        value = value * 10 + (c - '0');",
            "    }",
            "    out.id = value;",
            f"    out.{m} = value * {self.factor};",
            "    return out;",
            "}",
            "",
        ]

    # -- a pool of ordinary functions; each module takes a seeded subset
    def pool(self) -> list[list[str]]:
        E, e, m, n = self.E, self.e, self.metric, self.note
        return [
            [
                f"std::map<std::string, std::vector<int>> group_{e}s_by_tag(const std::vector<{E}>& items) {{",
                "    std::map<std::string, std::vector<int>> groups;",
                "    for (const auto& item : items) {",
                "        for (const std::string& tag : item.tags) {",
                "            groups[tag].push_back(item.id);",
                "        }",
                "    }",
                "    return groups;",
                "}",
                "",
            ],
            [
                f"std::string describe_{e}(const {E}& item) {{",
                "    std::string text = item.name;",
                "    text += '#';",
                "    text += std::to_string(item.id);",
                f"    if (item.{n}) {{",
                "        text += \" (\";",
                f"        text += *item.{n};",
                "        text += ')';",
                "    }",
                "    return text;",
                "}",
                "",
            ],
            [
                f"int count_{e}s_tagged(const std::vector<{E}>& items, std::string_view tag) {{",
                f"    auto has_tag = [tag](const {E}& item) {{",
                "        return std::find(item.tags.begin(), item.tags.end(), tag) != item.tags.end();",
                "    };",
                "    return static_cast<int>(std::count_if(items.begin(), items.end(), has_tag));",
                "}",
                "",
            ],
            [
                f"void normalize_{e}s(std::vector<{E}>& items) {{",
                f"    for ({E}& item : items) {{",
                "        std::transform(item.name.begin(), item.name.end(), item.name.begin(), [](char c) {",
                "            return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;",
                "        });",
                "        std::sort(item.tags.begin(), item.tags.end());",
                "        item.tags.erase(std::unique(item.tags.begin(), item.tags.end()), item.tags.end());",
                "    }",
                "}",
                "",
            ],
            [
                f"std::vector<std::string> split_{e}_fields(std::string_view text) {{",
                "    std::vector<std::string> fields;",
                "    std::size_t start = 0;",
                "    while (start <= text.size()) {",
                f"        std::size_t end = text.find('{self.sep}', start);",
                "        if (end == std::string_view::npos) {",
                "            end = text.size();",
                "        }",
                "        fields.emplace_back(text.substr(start, end - start));",
                "        start = end + 1;",
                "    }",
                "    return fields;",
                "}",
                "",
            ],
            [
                f"std::optional<{E}> find_{e}_by_id(const std::vector<{E}>& items, int id) {{",
                f"    auto it = std::find_if(items.begin(), items.end(), [id](const {E}& item) {{",
                "        return item.id == id;",
                "    });",
                "    if (it == items.end()) {",
                "        return std::nullopt;",
                "    }",
                "    return *it;",
                "}",
                "",
            ],
            [
                f"std::map<int, int> {e}_histogram(const std::vector<{E}>& items, int bucket) {{",
                "    std::map<int, int> counts;",
                "    for (std::size_t i = 0; i < items.size(); ++i) {",
                f"        int key = static_cast<int>(items[i].{m}) / (bucket > 0 ? bucket : 1);",
                "        ++counts[key];",
                "    }",
                "    return counts;",
                "}",
                "",
            ],
            [
                f"std::map<std::string, std::string> merge_{e}_{n}s(const std::vector<{E}>& items,",
                f"        std::map<std::string, std::string> known) {{",
                "    for (const auto& item : items) {",
                f"        if (item.{n}) {{",
                f"            known.insert_or_assign(item.name, *item.{n});",
                "        }",
                "    }",
                "    for (auto& [name, value] : known) {",
                "        if (value.empty()) {",
                "            value = name;",
                "        }",
                "    }",
                "    return known;",
                "}",
                "",
            ],
            [
                f"std::vector<std::string> unique_{e}_names(const std::vector<{E}>& items) {{",
                "    std::vector<std::string> names;",
                "    names.reserve(items.size());",
                f"    std::transform(items.begin(), items.end(), std::back_inserter(names), [](const {E}& item) {{",
                "        return item.name;",
                "    });",
                "    std::sort(names.begin(), names.end());",
                "    names.erase(std::unique(names.begin(), names.end()), names.end());",
                "    return names;",
                "}",
                "",
            ],
            [
                f"double {e}_{m}_spread(const std::vector<{E}>& items) {{",
                "    if (items.empty()) {",
                "        return 0.0;",
                "    }",
                f"    auto [lo, hi] = std::minmax_element(items.begin(), items.end(), [](const {E}& a, const {E}& b) {{",
                f"        return a.{m} < b.{m};",
                "    });",
                f"    return hi->{m} - lo->{m};",
                "}",
                "",
            ],
        ]

    def top_n(self) -> list[str]:
        E, e, m = self.E, self.e, self.metric
        return [
            f"std::vector<{E}> top_{e}s(std::vector<{E}> items, std::size_t n) {{",
            f"    std::sort(items.begin(), items.end(), [](const {E}& a, const {E}& b) {{",
            f"        return a.{m} > b.{m};",
            "    });",
            "    if (items.size() > n) {",
            "        items.resize(n);",
            "    }",
            "    return items;",
            "}",
            "",
        ]

    def pipeline(self) -> list[str]:
        E, e, S, m = self.E, self.e, self.S, self.metric
        return [
            f"double run_{e}_pipeline(const std::vector<std::string>& lines) {{",
            f"    {S} store;",
            f"    std::vector<{E}> parsed;",
            "    for (const std::string& line : lines) {",
            f"        if (auto item = parse_{e}(line)) {{",
            "            parsed.push_back(std::move(*item));",
            "        }",
            "    }",
            f"    for (const {E}& item : top_{e}s(parsed, {self.topn})) {{",
            f"        store.add(std::make_unique<{E}>(item));",
            "    }",
            "    double weighted = 0.0;",
            f"    store.for_each([&weighted](const {E}& item) {{",
            f"        weighted += item.{m} * {self.factor};",
            "    });",
            f"    store.remove_below({self.limit});",
            "    return weighted + store.total();",
            "}",
            "",
        ]

    # -- slots: (clean lines, buggy lines); same length; the buggy line carries its marker
    def slot(self, kind: str) -> tuple[list[str], list[str]]:
        E, e, S, m = self.E, self.e, self.S, self.metric
        mark = f"  // expect: {kind}"
        if kind == "use-after-move":
            head = [f"std::size_t archive_{e}({S}& store, std::unique_ptr<{E}> item) {{",
                    f"    item->tags.push_back(\"{self.tag}\");"]
            clean = head + ["    const std::size_t width = item->name.size();",
                            "    store.add(std::move(item));",
                            "    return width + store.size();", "}", ""]
            bad = head + ["    const std::size_t before = store.size();",
                          "    store.add(std::move(item));",
                          "    return before + item->name.size();" + mark, "}", ""]
            return clean, bad
        if kind == "dangling":
            head = [f"std::size_t padded_{e}_width(const {E}& item, int width) {{",
                    "    std::string_view label;"]
            tail = ["        padded.resize(static_cast<std::size_t>(width), ' ');",
                    "        label = padded;", "    }",
                    "    return label.size() + item.tags.size();", "}", ""]
            clean = head + ["    std::string padded = item.name;", "    {"] + tail
            bad = head + ["    {", "        std::string padded = item.name;"] + tail
            bad[bad.index("        label = padded;")] += mark
            return clean, bad
        if kind == "mutate-while-borrowed":
            head = [f"void add_default_{e}_tags(std::vector<std::string>& tags) {{",
                    "    std::vector<std::string> extra;",
                    "    for (const std::string& tag : tags) {",
                    "        if (tag.empty()) {"]
            tail = ["        }", "    }",
                    "    tags.insert(tags.end(), extra.begin(), extra.end());", "}", ""]
            clean = head + [f"            extra.push_back(\"{self.tag}\");"] + tail
            bad = head + [f"            tags.push_back(\"{self.tag}\");" + mark] + tail
            return clean, bad
        if kind == "leak":
            # The `new` line is where a leak is reported (the owner's declaration).
            def body(on_error: str, decl_mark: str) -> list[str]:
                return [f"int checksum_{e}s(const std::vector<{E}>& items) {{",
                        f"    {E}* scratch = new {E}{{}};" + decl_mark,
                        f"    for (const {E}& item : items) {{",
                        "        scratch->id += item.id;",
                        "        if (scratch->id < 0) {",
                        on_error,
                        "            return -1;",
                        "        }",
                        "    }",
                        "    int sum = scratch->id;",
                        "    delete scratch;",
                        "    return sum;", "}", ""]
            return (body("            delete scratch;", ""),
                    body("            scratch->id = 0;", mark))
        if kind == "double-release":
            def body(inner: str, outer_mark: str) -> list[str]:
                return [f"void flush_{e}({S}& store, bool keep) {{",
                        f"    {E}* pending = new {E}{{}};",
                        f"    pending->name = \"{self.e}-flush\";",
                        "    if (keep) {",
                        f"        store.add(std::make_unique<{E}>(*pending));",
                        inner,
                        "    }",
                        "    delete pending;" + outer_mark, "}", ""]
            return (body("        pending->id += 1;", ""),
                    body("        delete pending;", mark))
        raise ValueError(kind)


# A piece of a file: (clean lines, buggy lines or None, slot kind or None, is a pool function).
Part = tuple[list[str], list[str] | None, str | None, bool]


def generate(target_lines: int, seed: int, n_errors: int, title: str) -> tuple[str, str, list[dict]]:
    """Returns (clean text, error text, injected errors [{line, code}])."""
    rng = random.Random(seed)
    header = [
        f"// Generated benchmark input ({title}, seed {seed}): application-style C++20 for bench/run.py.",
        "#include <algorithm>",
        "#include <cstddef>",
        "#include <iterator>",
        "#include <map>",
        "#include <memory>",
        "#include <optional>",
        "#include <string>",
        "#include <string_view>",
        "#include <utility>",
        "#include <vector>",
        "",
    ]
    modules: list[tuple[str, list[Part]]] = []
    kind_cycle = 0
    total = len(header) + 4  # + run_all's fixed lines
    i = 0
    while total < target_lines - 20:
        mod = Module(i, rng)
        pool = mod.pool()
        rng.shuffle(pool)
        if target_lines < 600:  # the small file: one module with every kind and the whole pool
            n_slots, n_pool = len(KINDS), len(pool)
        else:
            n_slots, n_pool = rng.randint(1, 2), rng.randint(2, 4)
        pieces: list[Part] = [(p, None, None, True) for p in pool[:n_pool]]
        for _ in range(n_slots):
            kind = KINDS[kind_cycle % len(KINDS)]
            kind_cycle += 1
            c, b = mod.slot(kind)
            assert len(c) == len(b), kind
            pieces.append((c, b, kind, False))
        rng.shuffle(pieces)
        body: list[Part] = [([f"namespace app::m{i} {{", ""], None, None, False),
                            (mod.record(), None, None, False), (mod.store(), None, None, False),
                            (mod.parse(), None, None, False)]
        body += pieces
        body += [(mod.top_n(), None, None, False), (mod.pipeline(), None, None, False),
                 ([f"}}  // namespace app::m{i}", ""], None, None, False)]
        modules.append((mod.e, body))
        total += sum(len(p[0]) for p in body) + 1
        i += 1
    # Land near the target: drop pool functions, last module first, while far above it.
    for _, body in reversed(modules):
        for j in range(len(body) - 1, -1, -1):
            if total - target_lines <= 10:
                break
            if body[j][3] and total - len(body[j][0]) >= target_lines - 30:
                total -= len(body[j][0])
                del body[j]
    parts: list[Part] = [(header, None, None, False)]
    for _, body in modules:
        parts += body
    footer = ["double run_all(const std::vector<std::string>& lines) {", "    double sum = 0.0;"]
    for j, (e, _) in enumerate(modules):
        footer.append(f"    sum += app::m{j}::run_{e}_pipeline(lines);")
    footer += ["    return sum;", "}"]
    parts.append((footer, None, None, False))

    # Choose which slots carry a bug: spread over the file, every kind at least once.
    slot_ids = [j for j, p in enumerate(parts) if p[2] is not None]
    by_kind: dict[str, list[int]] = {}
    for j in slot_ids:
        by_kind.setdefault(parts[j][2], []).append(j)
    pick: list[int] = []
    rounds = 0
    while len(pick) < n_errors and rounds < 100:
        for k in KINDS:
            avail = [j for j in by_kind.get(k, []) if j not in pick]
            if avail and len(pick) < n_errors:
                pick.append(avail[len(avail) // 2] if rounds == 0 else rng.choice(avail))
        rounds += 1
    missing = [k for k in KINDS if not any(parts[j][2] == k for j in pick)]
    if missing:
        raise SystemExit(f"generator: no slot for {missing}; raise the target size")

    clean_lines: list[str] = []
    bad_lines: list[str] = []
    injected: list[dict] = []
    for j, (c, b, k, _) in enumerate(parts):
        clean_lines += c
        use = b if j in pick else c
        for line in use:
            bad_lines.append(line)
            mk = re.search(r"// expect: ([a-z-]+)$", line)
            if mk:
                injected.append({"line": len(bad_lines), "code": mk.group(1)})
    # The first line says what the file is; the error file's names its bugs (same line count).
    bad_lines[0] = bad_lines[0].replace("C++20 for", f"C++20 with {len(injected)} injected ownership errors "
                                        "(marked `// expect:`) for")
    return "\n".join(clean_lines) + "\n", "\n".join(bad_lines) + "\n", injected


# --------------------------------------------------------------------------- the realistic file (issue 17)
#
# Unlike the files above (one module shape repeated), this one reads like an application's
# source: ten different subsystems (configuration, a catalogue, an LRU cache template, an event
# bus, a text index, a job scheduler, statistics templates, a router, a JSON writer, sessions),
# each a namespace with its own classes, containers (vector, map, unordered_map, list, string,
# string_view, unique_ptr, optional, span, function), member functions defined in and out of
# class, free functions, lambdas, and templates instantiated with several types. Some
# subsystems appear twice under other names (as real code bases repeat a pattern), so the file
# lands near 2,000 lines. Findings of eight different codes sit in the places such bugs occur.
# Each kind is C++ text with @NAME@ placeholders and @SLOT:code@ lines that take either the
# clean or the buggy form of a snippet; the buggy line carries `// expect: code`.

REAL_HEADER = """\
// Generated benchmark input (realistic ~2,000-line application file, seed @SEED@) for bench/run.py:
// ten subsystems with std containers, templates and lambdas; @NFIND@ injected findings marked `// expect:`.
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace app::util {

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\\t' || s.back() == '\\r')) {
        s.remove_suffix(1);
    }
    return s;
}

inline std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(sep, start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

inline std::string to_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

}  // namespace app::util

"""

# Each kind: (name, template text, slots {code: (clean, buggy)}). Placeholders: @NS@ the
# namespace, @P@ a capitalised prefix, @p@ its lower-case form.
REAL_KINDS: list[tuple[str, str, dict[str, tuple[str, str]]]] = []

REAL_KINDS.append(("config", """\
namespace app::@NS@ {

struct Setting {
    std::string key;
    std::string value;
    int line = 0;
};

class @P@Config {
public:
    bool load(std::string_view text) {
        int line_no = 0;
        for (std::string_view raw : util::split(text, '\\n')) {
            ++line_no;
            std::string_view line = util::trim(raw);
            if (line.empty() || line.front() == '#') {
                continue;
            }
            std::size_t eq = line.find('=');
            if (eq == std::string_view::npos) {
                errors_.push_back("line " + std::to_string(line_no) + ": missing '='");
                continue;
            }
            Setting s;
            s.key = std::string(util::trim(line.substr(0, eq)));
            s.value = std::string(util::trim(line.substr(eq + 1)));
            s.line = line_no;
            std::string key = s.key;
            values_[key] = std::move(s);
        }
        return errors_.empty();
    }

    template <typename T>
    T get_or(const std::string& key, T fallback) const {
        auto it = values_.find(key);
        if (it == values_.end()) {
            return fallback;
        }
        const std::string& v = it->second.value;
        if constexpr (std::is_same_v<T, bool>) {
            return v == "true" || v == "1" || v == "yes";
        } else if constexpr (std::is_integral_v<T>) {
            T out{};
            auto res = std::from_chars(v.data(), v.data() + v.size(), out);
            return res.ec == std::errc() ? out : fallback;
        } else if constexpr (std::is_floating_point_v<T>) {
            char* end = nullptr;
            double d = std::strtod(v.c_str(), &end);
            return end == v.c_str() ? fallback : static_cast<T>(d);
        } else {
            return T(v);
        }
    }

    bool has(const std::string& key) const { return values_.count(key) != 0; }
    const std::vector<std::string>& errors() const { return errors_; }
    std::size_t size() const { return values_.size(); }

    std::vector<std::string> keys_with_prefix(std::string_view prefix) const {
        std::vector<std::string> out;
        for (const auto& [key, setting] : values_) {
            if (key.size() >= prefix.size() && std::string_view(key).substr(0, prefix.size()) == prefix) {
                out.push_back(key);
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    void merge(const @P@Config& other) {
        for (const auto& [key, setting] : other.values_) {
            if (values_.find(key) == values_.end()) {
                values_[key] = setting;
            }
        }
    }

private:
    std::unordered_map<std::string, Setting> values_;
    std::vector<std::string> errors_;
};

struct @P@Options {
    int workers = 1;
    long max_bytes = 0;
    double ratio = 0.5;
    bool verbose = false;
    std::string name;
};

@P@Options read_@p@_options(const @P@Config& cfg) {
    @P@Options o;
    o.workers = cfg.get_or<int>("workers", 4);
    o.max_bytes = cfg.get_or<long>("max_bytes", 1L << 20);
    o.ratio = cfg.get_or<double>("ratio", 0.75);
    o.verbose = cfg.get_or<bool>("verbose", false);
    o.name = cfg.get_or<std::string>("name", "@p@");
    if (o.workers < 1) {
        o.workers = 1;
    }
    return o;
}

std::string describe_@p@_options(const @P@Options& o) {
    std::string text = o.name;
    text += ": ";
    text += std::to_string(o.workers);
    text += " workers, ";
    text += std::to_string(o.max_bytes);
    text += " bytes";
    if (o.verbose) {
        text += " (verbose)";
    }
    return text;
}

}  // namespace app::@NS@

""", {}))

REAL_KINDS.append(("catalog", """\
namespace app::@NS@ {

struct @P@Item {
    int id = 0;
    std::string sku;
    std::string title;
    double price = 0.0;
    int stock = 0;
    std::vector<std::string> tags;
};

class @P@Catalog {
public:
    void add(std::unique_ptr<@P@Item> item) {
        by_sku_[item->sku] = items_.size();
        items_.push_back(std::move(item));
    }

    const @P@Item* find(std::string_view sku) const {
        auto it = by_sku_.find(sku);
        if (it == by_sku_.end()) {
            return nullptr;
        }
        return items_[it->second].get();
    }

    void restock(std::span<const int> amounts) {
        std::size_t n = std::min(amounts.size(), items_.size());
        for (std::size_t i = 0; i < n; ++i) {
            items_[i]->stock += amounts[i];
        }
    }

    double inventory_value() const {
        return std::accumulate(items_.begin(), items_.end(), 0.0, [](double sum, const auto& item) {
            return sum + item->price * item->stock;
        });
    }

    std::vector<std::string> cheapest(std::size_t n) const;
    std::size_t tag_all(std::string_view tag, double min_price);
    std::size_t size() const { return items_.size(); }

private:
    std::vector<std::unique_ptr<@P@Item>> items_;
    std::map<std::string, std::size_t, std::less<>> by_sku_;
};

std::vector<std::string> @P@Catalog::cheapest(std::size_t n) const {
    std::vector<const @P@Item*> sorted;
    sorted.reserve(items_.size());
    for (const auto& item : items_) {
        sorted.push_back(item.get());
    }
    std::sort(sorted.begin(), sorted.end(), [](const @P@Item* a, const @P@Item* b) {
        return a->price < b->price;
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < sorted.size() && i < n; ++i) {
        out.push_back(sorted[i]->sku);
    }
    return out;
}

std::size_t @P@Catalog::tag_all(std::string_view tag, double min_price) {
    std::size_t tagged = 0;
    for (auto& item : items_) {
        if (item->price < min_price) {
            continue;
        }
        if (std::find(item->tags.begin(), item->tags.end(), tag) == item->tags.end()) {
            item->tags.emplace_back(tag);
            ++tagged;
        }
    }
    return tagged;
}

std::unique_ptr<@P@Item> parse_@p@_item(std::string_view line) {
    std::vector<std::string_view> fields = util::split(line, ';');
    if (fields.size() < 4) {
        return nullptr;
    }
    auto item = std::make_unique<@P@Item>();
    item->sku = std::string(util::trim(fields[0]));
    item->title = std::string(util::trim(fields[1]));
    std::string price(util::trim(fields[2]));
    item->price = std::strtod(price.c_str(), nullptr);
    std::string_view stock = util::trim(fields[3]);
    std::from_chars(stock.data(), stock.data() + stock.size(), item->stock);
    for (std::size_t i = 4; i < fields.size(); ++i) {
        item->tags.emplace_back(util::trim(fields[i]));
    }
    return item;
}

void add_default_@p@_tags(std::vector<std::string>& tags) {
    std::vector<std::string> extra;
    for (const std::string& tag : tags) {
        if (tag == "sale") {
@SLOT:mutate-while-borrowed@
        }
    }
    tags.insert(tags.end(), extra.begin(), extra.end());
}

std::size_t load_@p@_catalog(@P@Catalog& catalog, const std::vector<std::string>& lines) {
    std::size_t loaded = 0;
    for (const std::string& line : lines) {
        std::unique_ptr<@P@Item> item = parse_@p@_item(line);
        if (!item) {
            continue;
        }
        add_default_@p@_tags(item->tags);
        catalog.add(std::move(item));
        ++loaded;
    }
    return loaded;
}

}  // namespace app::@NS@

""", {"mutate-while-borrowed": ("            extra.push_back(\"clearance\");",
                                 "            tags.push_back(\"clearance\");  // expect: mutate-while-borrowed")}))

REAL_KINDS.append(("cache", """\
namespace app::@NS@ {

template <typename K, typename V>
class LruCache {
public:
    explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

    void put(const K& key, V value) {
        auto it = index_.find(key);
        if (it != index_.end()) {
            order_.erase(it->second);
            index_.erase(it);
        }
        order_.emplace_front(key, std::move(value));
        index_[key] = order_.begin();
        while (order_.size() > capacity_) {
            K oldest = order_.back().first;
            order_.pop_back();
            index_.erase(oldest);
            ++evictions_;
        }
    }

    std::optional<V> get(const K& key) {
        auto it = index_.find(key);
        if (it == index_.end()) {
            ++misses_;
            return std::nullopt;
        }
        ++hits_;
        V value = it->second->second;
        put(key, value);
        return value;
    }

    bool contains(const K& key) const { return index_.count(key) != 0; }
    std::size_t size() const { return order_.size(); }
    std::size_t evictions() const { return evictions_; }

    double hit_rate() const {
        std::size_t total = hits_ + misses_;
        return total == 0 ? 0.0 : static_cast<double>(hits_) / static_cast<double>(total);
    }

    template <typename Fn>
    void for_each(Fn&& fn) const {
        for (const auto& entry : order_) {
            fn(entry.first, entry.second);
        }
    }

private:
    std::size_t capacity_;
    std::list<std::pair<K, V>> order_;
    std::unordered_map<K, typename std::list<std::pair<K, V>>::iterator> index_;
    std::size_t hits_ = 0;
    std::size_t misses_ = 0;
    std::size_t evictions_ = 0;
};

struct @P@Stats {
    std::size_t entries = 0;
    std::size_t evictions = 0;
    double hit_rate = 0.0;
};

template <typename K, typename V>
@P@Stats stats_of(const LruCache<K, V>& cache) {
    @P@Stats s;
    s.entries = cache.size();
    s.evictions = cache.evictions();
    s.hit_rate = cache.hit_rate();
    return s;
}

double warm_@p@_caches(const std::vector<std::string>& words) {
    LruCache<std::string, int> lengths(64);
    LruCache<int, std::string> by_rank(16);
    LruCache<std::string, std::vector<double>> series(8);
    int rank = 0;
    for (const std::string& w : words) {
        if (!lengths.get(w)) {
            lengths.put(w, static_cast<int>(w.size()));
        }
        by_rank.put(rank++, w);
        std::vector<double> points;
        for (char c : w) {
            points.push_back(static_cast<double>(c) / 128.0);
        }
        series.put(w.substr(0, 2), std::move(points));
    }
    double total = 0.0;
    series.for_each([&total](const std::string& key, const std::vector<double>& points) {
        total += static_cast<double>(key.size()) + std::accumulate(points.begin(), points.end(), 0.0);
    });
    @P@Stats a = stats_of(lengths);
    @P@Stats b = stats_of(by_rank);
    return total + a.hit_rate + b.hit_rate + static_cast<double>(a.evictions + b.evictions);
}

}  // namespace app::@NS@

""", {}))

REAL_KINDS.append(("events", """\
namespace app::@NS@ {

struct @P@Event {
    std::string topic;
    std::string payload;
    int priority = 0;
};

class @P@Bus {
public:
    using Handler = std::function<void(const @P@Event&)>;

    int subscribe(const std::string& topic, Handler handler) {
        int id = next_id_++;
        handlers_[topic].push_back(Subscription{id, std::move(handler)});
        return id;
    }

    bool unsubscribe(int id) {
        for (auto& entry : handlers_) {
            std::vector<Subscription>& list = entry.second;
            auto it = std::find_if(list.begin(), list.end(), [id](const Subscription& s) { return s.id == id; });
            if (it != list.end()) {
                list.erase(it);
                return true;
            }
        }
        return false;
    }

    std::size_t publish(const @P@Event& event) {
        last_topic_ = event.topic;
        history_.push_back(event);
        auto it = handlers_.find(event.topic);
        if (it == handlers_.end()) {
            return 0;
        }
        for (const Subscription& s : it->second) {
            s.handler(event);
        }
        return it->second.size();
    }

    std::vector<@P@Event> drain_history(int min_priority) {
        std::vector<@P@Event> kept;
        for (@P@Event& e : history_) {
            if (e.priority >= min_priority) {
                kept.push_back(std::move(e));
            }
        }
        history_.clear();
        return kept;
    }

    std::size_t topics() const { return handlers_.size(); }
    const std::string& last_topic() const { return last_topic_; }

private:
    struct Subscription {
        int id;
        Handler handler;
    };
    std::unordered_map<std::string, std::vector<Subscription>> handlers_;
    std::vector<@P@Event> history_;
    std::string last_topic_;
    int next_id_ = 1;
};

@SLOT:borrow-escapes/sig@
    if (event.priority > 0 && recent.size() < 16) {
@SLOT:borrow-escapes@
    }
}

std::size_t wire_@p@_handlers(@P@Bus& bus, std::vector<std::string>& log) {
    int errors = 0;
    bus.subscribe("error", [&errors](const @P@Event& e) {
        if (!e.payload.empty()) {
            ++errors;
        }
    });
    bus.subscribe("audit", [&log](const @P@Event& e) { log.push_back(e.topic + ":" + e.payload); });
    std::size_t delivered = 0;
    for (int i = 0; i < 4; ++i) {
        @P@Event e{i % 2 == 0 ? "error" : "audit", "event " + std::to_string(i), i};
        delivered += bus.publish(e);
    }
    return delivered + static_cast<std::size_t>(errors);
}

}  // namespace app::@NS@

""", {"borrow-escapes/sig": ("void remember_@p@_topic(const @P@Event& event, std::vector<std::string>& recent) {",
                              "void remember_@p@_topic(const @P@Event& event, std::vector<std::string_view>& recent) {"),
   "borrow-escapes": ("        recent.push_back(event.topic);",
                      "        recent.push_back(event.topic);  // expect: borrow-escapes")}))

REAL_KINDS.append(("index", """\
namespace app::@NS@ {

struct Posting {
    std::size_t doc = 0;
    std::size_t position = 0;
};

class @P@Index {
public:
    std::size_t add_document(std::string_view text);
    std::vector<std::size_t> search(std::string_view query) const;

    std::size_t documents() const { return docs_.size(); }
    std::size_t terms() const { return postings_.size(); }

    std::vector<std::pair<std::string, std::size_t>> top_terms(std::size_t n) const {
        std::vector<std::pair<std::string, std::size_t>> counts;
        for (const auto& [term, list] : postings_) {
            counts.emplace_back(term, list.size());
        }
        std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        if (counts.size() > n) {
            counts.resize(n);
        }
        return counts;
    }

private:
    std::vector<std::string> docs_;
    std::unordered_map<std::string, std::vector<Posting>> postings_;
};

std::size_t @P@Index::add_document(std::string_view text) {
    std::size_t doc = docs_.size();
    docs_.emplace_back(text);
    std::size_t position = 0;
    for (std::string_view word : util::split(text, ' ')) {
        word = util::trim(word);
        if (word.empty()) {
            continue;
        }
        postings_[util::to_lower(word)].push_back(Posting{doc, position++});
    }
    return doc;
}

std::vector<std::size_t> @P@Index::search(std::string_view query) const {
    std::vector<std::size_t> result;
    bool first = true;
    for (std::string_view word : util::split(query, ' ')) {
        auto it = postings_.find(util::to_lower(util::trim(word)));
        std::vector<std::size_t> docs;
        if (it != postings_.end()) {
            for (const Posting& p : it->second) {
                docs.push_back(p.doc);
            }
        }
        std::sort(docs.begin(), docs.end());
        docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
        if (first) {
            result = std::move(docs);
            first = false;
        } else {
            std::vector<std::size_t> both;
            std::set_intersection(result.begin(), result.end(), docs.begin(), docs.end(), std::back_inserter(both));
            result = std::move(both);
        }
    }
    return result;
}

std::size_t longest_@p@_word(const std::vector<std::string>& lines, int width) {
    std::string_view longest;
@SLOT:dangling@
    for (const std::string& line : lines) {
        for (std::string_view word : util::split(line, ' ')) {
            if (word.size() > longest.size()) {
                longest = word;
            }
        }
    }
    return longest.size();
}

std::size_t index_@p@_corpus(@P@Index& index, const std::vector<std::string>& lines) {
    std::size_t words = 0;
    for (const std::string& line : lines) {
        std::size_t doc = index.add_document(line);
        words += doc + 1;
    }
    std::vector<std::size_t> hits = index.search("error timeout");
    return words + hits.size() + index.top_terms(5).size();
}

}  // namespace app::@NS@

""", {"dangling": ("    std::string padded(static_cast<std::size_t>(width > 0 ? width : 0), '-');\n"
                   "    {\n        longest = padded;\n    }",
                   "    {\n        std::string padded(static_cast<std::size_t>(width > 0 ? width : 0), '-');\n"
                   "        longest = padded;  // expect: dangling\n    }")}))

REAL_KINDS.append(("scheduler", """\
namespace app::@NS@ {

struct @P@Job {
    std::string name;
    std::vector<std::string> args;
    int retries = 0;
};

struct @P@Task {
    std::string name;
    int priority = 0;
    std::unique_ptr<@P@Job> job;
    std::optional<long> deadline;
};

class @P@Scheduler {
public:
    std::size_t submit(@P@Task task) {
        if (task.priority < 0) {
            task.priority = 0;
        }
        std::size_t width = task.name.size();
        tasks_.push_back(std::move(task));
        return width + tasks_.size();
    }

    std::size_t submit_logged(@P@Task task, std::vector<std::string>& log) {
@SLOT:use-after-move@
    }

    std::optional<@P@Task> pop_next(long now) {
        if (tasks_.empty()) {
            return std::nullopt;
        }
        auto best = std::max_element(tasks_.begin(), tasks_.end(), [now](const @P@Task& a, const @P@Task& b) {
            bool a_late = a.deadline && *a.deadline < now;
            bool b_late = b.deadline && *b.deadline < now;
            if (a_late != b_late) {
                return b_late;
            }
            return a.priority < b.priority;
        });
        @P@Task out = std::move(*best);
        tasks_.erase(best);
        return out;
    }

    std::size_t drop_expired(long now) {
        auto keep_end = std::remove_if(tasks_.begin(), tasks_.end(), [now](const @P@Task& t) {
            return t.deadline && *t.deadline + 1000 < now;
        });
        std::size_t dropped = static_cast<std::size_t>(std::distance(keep_end, tasks_.end()));
        tasks_.erase(keep_end, tasks_.end());
        return dropped;
    }

    std::size_t pending() const { return tasks_.size(); }

private:
    std::vector<@P@Task> tasks_;
};

int run_@p@_jobs(@P@Scheduler& scheduler, long now) {
    int executed = 0;
    while (std::optional<@P@Task> task = scheduler.pop_next(now)) {
        if (!task->job) {
            continue;
        }
        for (const std::string& arg : task->job->args) {
            executed += static_cast<int>(arg.size() % 3);
        }
        if (task->job->retries > 0 && executed % 7 == 0) {
            --task->job->retries;
            scheduler.submit(std::move(*task));
        }
        ++executed;
    }
    return executed;
}

@P@Task make_@p@_task(std::string name, int priority, std::vector<std::string> args) {
    @P@Task t;
    t.name = std::move(name);
    t.priority = priority;
    t.job = std::make_unique<@P@Job>();
    t.job->name = t.name;
    t.job->args = std::move(args);
    return t;
}

}  // namespace app::@NS@

""", {"use-after-move": ("        log.push_back(\"submit \" + task.name);\n        std::size_t n = submit(std::move(task));\n"
                          "        return n;",
                          "        std::size_t n = submit(std::move(task));\n"
                          "        log.push_back(\"submitted \" + task.name);  // expect: use-after-move\n"
                          "        return n;")}))

REAL_KINDS.append(("stats", """\
namespace app::@NS@ {

template <typename T>
double mean(std::span<const T> xs) {
    if (xs.empty()) {
        return 0.0;
    }
    double sum = 0.0;
    for (const T& x : xs) {
        sum += static_cast<double>(x);
    }
    return sum / static_cast<double>(xs.size());
}

template <typename T>
T percentile(std::vector<T> xs, double p) {
    if (xs.empty()) {
        return T{};
    }
    std::sort(xs.begin(), xs.end());
    auto k = static_cast<std::size_t>(p * static_cast<double>(xs.size() - 1) / 100.0);
    return xs[std::min(k, xs.size() - 1)];
}

template <typename T>
std::map<long, int> histogram(std::span<const T> xs, T bucket) {
    std::map<long, int> counts;
    for (const T& x : xs) {
        long key = bucket > T{} ? static_cast<long>(x / bucket) : 0L;
        counts[key] += 1;
    }
    return counts;
}

struct @P@Summary {
    double mean = 0.0;
    double p50 = 0.0;
    double p90 = 0.0;
    std::size_t buckets = 0;
};

@P@Summary summarize_@p@_latencies(const std::vector<double>& ms) {
    @P@Summary s;
    s.mean = mean<double>(ms);
    s.p50 = percentile(ms, 50.0);
    s.p90 = percentile(ms, 90.0);
    s.buckets = histogram<double>(ms, 10.0).size();
    return s;
}

long summarize_@p@_sizes(const std::vector<int>& sizes, const std::vector<long>& offsets) {
    double avg = mean<int>(sizes);
    long p = percentile(offsets, 75.0);
    int mid = percentile(sizes, 50.0);
    std::size_t buckets = histogram<long>(offsets, 4096L).size();
    return static_cast<long>(avg) + p + mid + static_cast<long>(buckets);
}

std::vector<double> moving_@p@_average(std::span<const double> xs, std::size_t window) {
    std::vector<double> out;
    if (window == 0 || xs.size() < window) {
        return out;
    }
    double sum = std::accumulate(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(window), 0.0);
    out.push_back(sum / static_cast<double>(window));
    for (std::size_t i = window; i < xs.size(); ++i) {
        sum += xs[i] - xs[i - window];
        out.push_back(sum / static_cast<double>(window));
    }
    return out;
}

}  // namespace app::@NS@

""", {}))

REAL_KINDS.append(("router", """\
namespace app::@NS@ {

struct @P@Request {
    std::string method;
    std::string path;
    std::map<std::string, std::string> query;
    std::string body;
};

struct @P@Response {
    int status = 200;
    std::string body;
};

class @P@Router {
public:
    using Handler = std::function<@P@Response(const @P@Request&, const std::vector<std::string>&)>;

    void route(std::string method, std::string pattern, Handler handler) {
        routes_.push_back(Route{std::move(method), util::split(pattern, '/').size(), std::move(pattern),
                                std::move(handler)});
    }

    @P@Response dispatch(const @P@Request& req) const {
        for (const Route& r : routes_) {
            if (r.method != req.method) {
                continue;
            }
            std::vector<std::string> params;
            if (match(r.pattern, req.path, params)) {
                return r.handler(req, params);
            }
        }
        return @P@Response{404, "not found: " + req.path};
    }

    std::size_t size() const { return routes_.size(); }

private:
    struct Route {
        std::string method;
        std::size_t segments;
        std::string pattern;
        Handler handler;
    };

    static bool match(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
        std::vector<std::string_view> want = util::split(pattern, '/');
        std::vector<std::string_view> got = util::split(path, '/');
        if (want.size() != got.size()) {
            return false;
        }
        for (std::size_t i = 0; i < want.size(); ++i) {
            if (!want[i].empty() && want[i].front() == ':') {
                params.emplace_back(got[i]);
            } else if (want[i] != got[i]) {
                params.clear();
                return false;
            }
        }
        return true;
    }

    std::vector<Route> routes_;
};

std::map<std::string, std::string> parse_@p@_query(std::string_view q) {
    std::map<std::string, std::string> out;
    for (std::string_view pair : util::split(q, '&')) {
        std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) {
            out.emplace(std::string(pair), std::string());
        } else {
            out.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
        }
    }
    return out;
}

int serve_@p@_requests(const std::vector<std::string>& lines) {
    @P@Router router;
    std::unordered_map<std::string, int> hits;
    router.route("GET", "/users/:id", [&hits](const @P@Request& req, const std::vector<std::string>& params) {
        hits[req.path] += 1;
        return @P@Response{200, "user " + (params.empty() ? std::string("?") : params[0])};
    });
    router.route("POST", "/users", [](const @P@Request& req, const std::vector<std::string>&) {
        return @P@Response{req.body.empty() ? 400 : 201, req.body};
    });
    int ok = 0;
    for (const std::string& line : lines) {
        std::vector<std::string_view> parts = util::split(line, ' ');
        if (parts.size() < 2) {
            continue;
        }
        @P@Request req;
        req.method = std::string(parts[0]);
        std::string_view target = parts[1];
        std::size_t qm = target.find('?');
        req.path = std::string(target.substr(0, qm));
        if (qm != std::string_view::npos) {
            req.query = parse_@p@_query(target.substr(qm + 1));
        }
        @P@Response resp = router.dispatch(req);
        if (resp.status < 400) {
            ++ok;
        }
    }
    return ok + static_cast<int>(hits.size());
}

}  // namespace app::@NS@

""", {}))

REAL_KINDS.append(("writer", """\
namespace app::@NS@ {

std::string escape_@p@(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\\\\"";
                break;
            case '\\\\':
                out += "\\\\\\\\";
                break;
            case '\\n':
                out += "\\\\n";
                break;
            default:
                out += c;
        }
    }
    return out;
}

class @P@Writer {
public:
    @P@Writer& begin_object() {
        separate();
        out_ += '{';
        first_.push_back(true);
        return *this;
    }

    @P@Writer& end_object() {
        out_ += '}';
        first_.pop_back();
        return *this;
    }

    @P@Writer& key(std::string_view k) {
        separate();
        out_ += '"';
        out_ += escape_@p@(k);
        out_ += "\\":";
        pending_value_ = true;
        return *this;
    }

    @P@Writer& value(std::string_view v) {
        separate();
        out_ += '"';
        out_ += escape_@p@(v);
        out_ += '"';
        return *this;
    }

    @P@Writer& value(double v) {
        separate();
        out_ += std::to_string(v);
        return *this;
    }

    std::string take() { return std::move(out_); }
    std::size_t depth() const { return first_.size(); }

private:
    void separate() {
        if (pending_value_) {
            pending_value_ = false;
            return;
        }
        if (!first_.empty()) {
            if (!first_.back()) {
                out_ += ',';
            }
            first_.back() = false;
        }
    }

    std::string out_;
    std::vector<bool> first_;
    bool pending_value_ = false;
};

struct @P@Field {
    std::string name;
    std::string text;
    double number = 0.0;
};

int* @p@_depth_slot(int depth) {
    struct Frame {
        int depth = 0;
        int* slot() { return &depth; }
    };
    Frame frame;
    frame.depth = depth;
@SLOT:return-local-borrow@
}

std::string write_@p@_record(const std::vector<@P@Field>& fields) {
    @P@Writer w;
    w.begin_object();
    for (const @P@Field& f : fields) {
        w.key(f.name);
        if (f.text.empty()) {
            w.value(f.number);
        } else {
            w.value(f.text);
        }
    }
    w.end_object();
    return w.take();
}

}  // namespace app::@NS@

""", {"return-local-borrow": ("    static int last = 0;\n    last = *frame.slot();\n    return &last;",
                               "    return frame.slot();  // expect: return-local-borrow")}))

REAL_KINDS.append(("sessions", """\
namespace app::@NS@ {

struct @P@User {
    int id = 0;
    std::string name;
    std::vector<std::string> roles;
};

struct @P@Session {
    std::string token;
    std::unique_ptr<@P@User> user;
    long created = 0;
    long last_seen = 0;
};

struct @P@Buffer {
    char bytes[256] = {};
    std::size_t used = 0;
};

class @P@SessionTable {
public:
    @P@Session* open(std::unique_ptr<@P@User> user, long now) {
        auto s = std::make_unique<@P@Session>();
        s->token = "t" + std::to_string(user->id) + "-" + std::to_string(now);
        s->user = std::move(user);
        s->created = now;
        s->last_seen = now;
        std::string token = s->token;
        by_token_[token] = std::move(s);
        return by_token_[token].get();
    }

    bool touch(const std::string& token, long now) {
        auto it = by_token_.find(token);
        if (it == by_token_.end()) {
            return false;
        }
        it->second->last_seen = now;
        return true;
    }

    std::size_t expire(long now, long ttl) {
        std::size_t removed = 0;
        for (auto it = by_token_.begin(); it != by_token_.end();) {
            if (now - it->second->last_seen > ttl) {
                it = by_token_.erase(it);
                ++removed;
            } else {
                ++it;
            }
        }
        return removed;
    }

    std::vector<std::string> users_with_role(std::string_view role) const {
        std::vector<std::string> names;
        for (const auto& [token, session] : by_token_) {
            const std::vector<std::string>& roles = session->user->roles;
            if (std::find(roles.begin(), roles.end(), role) != roles.end()) {
                names.push_back(session->user->name);
            }
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    std::size_t size() const { return by_token_.size(); }

private:
    std::unordered_map<std::string, std::unique_ptr<@P@Session>> by_token_;
};

bool fill_@p@_buffer(@P@Buffer* b, std::string_view data) {
    if (data.size() > sizeof(b->bytes)) {
        return false;
    }
    std::copy(data.begin(), data.end(), b->bytes);
    b->used = data.size();
    return true;
}

int checksum_@p@_payload(std::string_view data) {
@SLOT:leak@
    if (data.size() > sizeof(buf->bytes)) {
@SLOT:leak/exit@
        return -1;
    }
    std::copy(data.begin(), data.end(), buf->bytes);
    buf->used = data.size();
    int sum = 0;
    for (std::size_t i = 0; i < buf->used; ++i) {
        sum += static_cast<unsigned char>(buf->bytes[i]);
    }
    delete buf;
    return sum;
}

std::size_t flush_@p@_buffers(const std::vector<std::string>& chunks, bool keep_last) {
    @P@Buffer* pending = new @P@Buffer{};
    std::size_t total = 0;
    for (const std::string& c : chunks) {
        if (fill_@p@_buffer(pending, c)) {
            total += pending->used;
        }
    }
@SLOT:double-release@
}

std::size_t recycle_@p@_buffer(std::string_view data) {
    @P@Buffer* b = new @P@Buffer{};
    fill_@p@_buffer(b, data);
@SLOT:use-after-release@
}

std::size_t open_@p@_sessions(@P@SessionTable& table, const std::vector<std::string>& names, long now) {
    int next_id = 1;
    for (const std::string& n : names) {
        auto user = std::make_unique<@P@User>();
        user->id = next_id++;
        user->name = n;
        user->roles = {"reader"};
        if (n.size() > 6) {
            user->roles.push_back("admin");
        }
        table.open(std::move(user), now);
    }
    return table.expire(now + 100, 50) + table.users_with_role("admin").size();
}

}  // namespace app::@NS@

""", {"leak": ("    @P@Buffer* buf = new @P@Buffer{};", "    @P@Buffer* buf = new @P@Buffer{};  // expect: leak"),
      "leak/exit": ("        delete buf;", "        buf->used = 0;"),
      "double-release": ("    if (keep_last) {\n        total += pending->used;\n    }\n    delete pending;\n    return total;",
                         "    if (keep_last) {\n        delete pending;\n    }\n    delete pending;  // expect: double-release\n    return total;"),
      "use-after-release": ("    std::size_t used = b->used;\n    delete b;\n    return used;",
                            "    delete b;\n    return b->used;  // expect: use-after-release")}))

REAL_PREFIXES = ["Billing", "Media", "Fleet", "Ledger", "Search", "Mail", "Stock", "Grid", "Audit", "Chat",
                 "Print", "Transit", "Sensor", "Ticket", "Clinic", "Market", "Studio", "Harbor"]
# Subsystems written a second time under another name; the edit target is in the second pass.
REAL_REPEATS = ["scheduler", "catalog", "router", "events", "index", "sessions", "config", "writer", "stats",
                "cache"]
REAL_EDIT_TARGET = ("scheduler", "int run_@p@_jobs(")  # an ordinary function body in the second half
# Codes each injected where such a bug occurs (the first pass of each subsystem).
REAL_CODES = ["mutate-while-borrowed", "borrow-escapes", "dangling", "use-after-move", "return-local-borrow",
              "leak", "double-release", "use-after-release"]


def generate_realistic(seed: int, target_lines: int = 2000) -> tuple[str, list[dict], int, int]:
    """Returns (text, injected [{line, code}], edit line, outside line): the 1-based header line of the
    function whose body the benchmark edits, and the 1-based blank top-level line after that
    function, where an edit forces a full re-parse."""
    rng = random.Random(seed)
    prefixes = list(REAL_PREFIXES)
    rng.shuffle(prefixes)
    kinds = {name: (text, slots) for name, text, slots in REAL_KINDS}
    first = [name for name, _, _ in REAL_KINDS]
    rng.shuffle(first)
    plan = [(k, True) for k in first]
    n_lines = REAL_HEADER.count("\n") + sum(kinds[k][0].count("\n") for k in first)
    for k in REAL_REPEATS:  # repeat subsystems (clean) while the file is short of the target
        if n_lines >= target_lines - 60 and k != REAL_EDIT_TARGET[0]:
            continue
        plan.append((k, False))
        n_lines += kinds[k][0].count("\n")
    out = REAL_HEADER.replace("@SEED@", str(seed)).replace("@NFIND@", str(len(REAL_CODES)))
    target_pieces: list[str] = []
    for i, (k, bugs) in enumerate(plan):
        text, slots = kinds[k]
        P = prefixes[i % len(prefixes)]
        subst = {"@P@": P, "@p@": snake(P), "@NS@": f"{snake(P)}_{k}"}

        def slot(m: re.Match) -> str:
            code = m.group(1)
            clean, buggy = slots[code]
            base = code.split("/")[0]
            return buggy if bugs and base in REAL_CODES else clean

        text = re.sub(r"^@SLOT:([a-z/-]+)@$", slot, text, flags=re.M)
        for a, b in subst.items():
            text = text.replace(a, b)
        if not bugs and k == REAL_EDIT_TARGET[0] and not target_pieces:
            target_pieces.append(REAL_EDIT_TARGET[1].replace("@p@", subst["@p@"]))
        out += text
    lines = out.split("\n")
    injected = [{"line": n + 1, "code": m.group(1)} for n, l in enumerate(lines)
                for m in [re.search(r"// expect: ([a-z-]+)$", l)] if m]
    edit = next(n for n, l in enumerate(lines) if target_pieces and l.startswith(target_pieces[0]))
    close = next(n for n in range(edit, len(lines)) if lines[n] == "}")
    if lines[close + 1] != "":
        raise ValueError("no blank line after the edit target")
    return out, injected, edit + 1, close + 2


def edit_line(lines: list[str]) -> int:
    """1-based line of the first free function's header at or after the middle: the edits of
    the benchmark go into that function's body (lsp_bench.py's own choice may be a lambda)."""
    header = re.compile(r"^[A-Za-z][\w:<>, ]*[\w>]\s+\w+\(.*\) \{$")
    for i in range(len(lines) // 2, len(lines)):
        if header.match(lines[i]) and not lines[i].startswith("namespace"):
            return i + 1
    raise ValueError("no function header in the second half")


SIZES = {"small": (300, 5), "large": (2000, 10)}  # name: (target lines, injected errors)
REALISTIC = "realistic.cpp"


def write_all(out_dir: Path, seed: int) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"seed": seed, "files": {}}
    for name, (target, n_err) in SIZES.items():
        clean, bad, injected = generate(target, seed + (0 if name == "small" else 1000), n_err,
                                        f"~{target} lines")
        for variant, text, inj in (("clean", clean, []), ("errors", bad, injected)):
            fname = f"{name}_{variant}.cpp"
            (out_dir / fname).write_text(text)
            manifest["files"][fname] = {"lines": text.count("\n"), "edit_line": edit_line(text.split("\n")),
                                        "expected": inj}
    # The realistic file: one variant (with findings), and a second edit position outside bodies.
    text, injected, edit, outside = generate_realistic(seed)
    (out_dir / REALISTIC).write_text(text)
    manifest["files"][REALISTIC] = {"lines": text.count("\n"), "edit_line": edit, "outside_line": outside,
                                    "expected": injected}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


DIAG = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|note|remark|hint|info\w*): "
                  r"(?P<msg>.*?)(?: \[(?P<code>[a-z-]+)\])?$")


def verify(out_dir: Path, manifest: dict, checker: str, clangxx: str) -> list[str]:
    """Problems found (empty = all good)."""
    problems: list[str] = []
    for fname, info in manifest["files"].items():
        path = out_dir / fname
        cc = subprocess.run([clangxx, "-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", str(path)],
                            capture_output=True, text=True)
        if cc.returncode != 0 or cc.stderr.strip():
            problems.append(f"{fname}: {clangxx} -fsyntax-only: rc={cc.returncode}\n{cc.stderr[:2000]}")
        r = subprocess.run([checker, "--no-snippets", str(path)], capture_output=True, text=True)
        if r.returncode == 2:
            problems.append(f"{fname}: ownership-check could not run: {r.stderr.strip()[:500]}")
            continue
        got = set()
        for line in r.stdout.splitlines():
            m = DIAG.match(line)
            if m and m.group("sev") != "note" and Path(m.group("file")).name == fname:
                got.add((int(m.group("line")), m.group("code")))
        want = {(e["line"], e["code"]) for e in info["expected"]}
        for ln, code in sorted(want - got):
            problems.append(f"{fname}:{ln}: expected [{code}], not reported")
        for ln, code in sorted(got - want):
            problems.append(f"{fname}:{ln}: unexpected [{code}]")
        info["reported"] = sorted([{"line": ln, "code": c} for ln, c in got], key=lambda d: d["line"])
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=6, help="seed (the issue's number by default)")
    ap.add_argument("--verify", action="store_true", help="check with ownership-check and clang++-22")
    ap.add_argument("--checker", default=str(REPO / "build" / "ownership-check"))
    ap.add_argument("--clangxx", default="clang++-22")
    args = ap.parse_args(argv)
    out = Path(args.out_dir)
    manifest = write_all(out, args.seed)
    for fname, info in manifest["files"].items():
        print(f"{out / fname}: {info['lines']} lines, {len(info['expected'])} injected errors")
    if args.verify:
        if not Path(args.checker).exists() or not shutil.which(args.clangxx):
            print(f"cannot verify: need {args.checker} and {args.clangxx}", file=sys.stderr)
            return 2
        problems = verify(out, manifest, args.checker, args.clangxx)
        for p in problems:
            print("PROBLEM:", p)
        if problems:
            return 1
        print("verified: clean files have no diagnostics, error files exactly the injected ones; all compile")
    return 0


if __name__ == "__main__":
    sys.exit(main())
