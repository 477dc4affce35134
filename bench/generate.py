# Deterministic generator of the benchmark's C++20 inputs: a ~300-line and a ~2,000-line file, each clean and with injected ownership errors.
"""generate.py - write realistic C++20 translation units for bench/run.py.

    python3 bench/generate.py OUT_DIR [--seed 6] [--verify]

Writes into OUT_DIR:
  small_clean.cpp   (~300 lines)     small_errors.cpp   (same code, 5 injected errors)
  large_clean.cpp   (~2,000 lines)   large_errors.cpp   (same code, 10 injected errors)
  manifest.json     per file: lines, the line after which edits go, the injected errors
                    as {line, code}

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


def edit_line(lines: list[str]) -> int:
    """1-based line of the first free function's header at or after the middle: the edits of
    the benchmark go into that function's body (lsp_bench.py's own choice may be a lambda)."""
    header = re.compile(r"^[A-Za-z][\w:<>, ]*[\w>]\s+\w+\(.*\) \{$")
    for i in range(len(lines) // 2, len(lines)):
        if header.match(lines[i]) and not lines[i].startswith("namespace"):
            return i + 1
    raise ValueError("no function header in the second half")


SIZES = {"small": (300, 5), "large": (2000, 10)}  # name: (target lines, injected errors)


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
