# Where ownership-lsp's time goes on one file: its per-build timers for an edit inside a body and a full re-parse, and optionally a perf sample of the same edits.
"""profile.py - break down our server's edit latency (issue 17, part 4).

    python3 bench/profile.py                       # leveldb db/db_impl.cc (from --realcode)
    python3 bench/profile.py --file F [--compile-db DB | --flags "-std=c++20"] [--prefer REGEX]
    python3 bench/profile.py --perf                # also sample the server with perf

Runs our server (--log=verbose) through bench/lsp_edits.py's session on one file: the open,
--body-edits edits inside one function body (incremental: that function re-checked) and
--outside-edits edits outside every body (a top-level declaration: a full re-parse), and
prints the medians of the server's "profile" log lines (server/DocumentWorker.cpp) per kind:

  wait        the update's debounce and queueing before its build
  build       the whole build, = attempt + parse + collect + decls + functions + fixes +
              assemble + decide + other
  attempt     an incremental build thrown away for a full one (its validation failed)
  parse       ParsedFile::build = preamble (build it, or check that it can be reused) + setup
              (driver, invocation, loading the preamble PCH) + frontend (Clang's parse and Sema
              of the main file, skipped bodies included; of which end_of_unit: the pending
              template instantiations Sema does at the end of the file)
  collect     the main file's declarations and functions (instantiations too)
  decls       declaration checks
  functions   per function: lowering (Clang's CFG built), dataflow, liveness, the rules
  fixes       quick-fixes of the diagnostics, template merge
  assemble    reused units' results, dedup, suppressions, file stamps
  decide      diffing the texts, carrying cached units over the edit, validation
  other       the worker around the analyzer (crash recovery context, snapshot)
  release     freeing the previous build (its AST, unless cached units still use it)
  publish     conversion to LSP, JSON, writing the notification

With --perf, `perf record` samples the server (all threads) during each kind of edit and
prints the share of CPU samples per component, by the symbol each sample's time was spent in
(self time): Clang's lexer/preprocessor and parser, Sema (template instantiation included),
reading the preamble (ASTReader), the CFG, our analysis (by file area), the allocator, the
kernel. With --callgraph (DWARF unwinding: bigger data, slower report) it also prints the
inclusive share of the entry points of ENTRY_POINTS (Clang's parse, its end-of-unit
instantiations, the preamble, our function analyses with Clang's CFG and our dataflow, freeing
ASTs), which attributes the samples Clang's unnamed functions and LLVM's containers take.
Needs perf (linux-perf) and perf_event_paranoid <= 2 for a process of one's own.
Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(BENCH))
import lsp_edits  # noqa: E402

DEFAULT = ("leveldb", "db/db_impl.cc", "build", r"^void DBImpl::BackgroundCompaction\(\) \{$")

# Components of a perf sample, by the symbol it was taken in (first match wins). Clang's own
# anonymous-namespace code (CFGBuilder, most of the template instantiator's helpers) has no
# exported name and lands in "libclang-cpp (unnamed)".
BUCKETS = [
    ("kernel", r"^\[k\]"),
    ("allocator (malloc/free/new)", r"malloc|free|calloc|realloc|operator new|operator delete|_int_|tcache|cfree"),
    ("memcpy/memset/str*", r"mem(cpy|move|set|cmp)|str(len|cmp|chr)|__memc|__mems|__str"),
    ("preamble: ASTReader/serialization", r"clang::(ASTReader|ASTDeclReader|ASTRecordReader|ASTStmtReader|"
                                          r"serialization|ASTWriter|ASTDeclWriter|ASTRecordWriter|"
                                          r"PCHGenerator|ModuleManager|GlobalModuleIndex)|OnDiskChainedHash|"
                                          r"llvm::BitstreamCursor|llvm::SimpleBitstreamCursor"),
    ("CFG build", r"clang::(CFG|CFGBlock|CFGBuilder|CFGStmtMap|CFGElement)"),
    ("lexer/preprocessor", r"clang::(Lexer|Preprocessor|Token|HeaderSearch|MacroInfo|MacroArgs|"
                           r"TokenLexer|IdentifierTable|IdentifierInfo|PPCallbacks|SourceManager|FileManager)"),
    ("parser", r"clang::Parser"),
    ("Sema (incl. template instantiation)", r"clang::(Sema|TreeTransform|TemplateDeclInstantiator|"
                                            r"InitializationSequence|OverloadCandidateSet|LookupResult|"
                                            r"TemplateArgument|DeductionFailureInfo|ImplicitConversionSequence|"
                                            r"CXXRecordDecl::|CXXBasePaths|StandardConversionSequence)"),
    ("AST (types, decls, exprs)", r"clang::(ASTContext|Decl|Type|QualType|Stmt|Expr|DeclContext|"
                                  r"NamedDecl|FunctionDecl|VarDecl|RecordDecl|CXX\w*Decl|TagDecl|"
                                  r"DeclarationName|NestedNameSpecifier|ASTTemplate|TemplateName|"
                                  r"RecursiveASTVisitor|DynTypedNode|ParentMap|APValue)"),
    ("ours: lowering", r"ownership::.*(Lowerer|lowerFunction|Lowering|lowering|ExprShapes|strip)"),
    ("ours: dataflow + liveness", r"ownership::.*(Dataflow|runDataflow|Liveness|LoanSet|OwnerState)"),
    ("ours: checks + fixes", r"ownership::.*(check|Check|Fix|fix|Diag|Rule|rule)"),
    ("ours: model, inference, incremental", r"ownership::"),
    ("libclang-cpp (unnamed)", r"libclang-cpp"),
    ("libLLVM", r"llvm::|libLLVM"),
    ("libstdc++ / other", r"."),
]


# Inclusive ("children") shares of these functions, with --callgraph: (label, regex of the symbol).
ENTRY_POINTS = [
    ("Clang: parse + Sema of the main file", r"^clang::ParseAST(\(|$)"),
    ("Sema: end-of-unit instantiations (PerformPendingInstantiations)", r"^clang::Sema::PerformPendingInstantiations(\(|$)"),
    ("Clang: begin source file (load the preamble)", r"^clang::FrontendAction::BeginSourceFile(\(|$)"),
    ("Clang: preamble reuse check", r"^clang::PrecompiledPreamble::CanReuse(\(|$)"),
    ("Clang: preamble build", r"^clang::PrecompiledPreamble::Build(\(|$)"),
    ("PCH reads (ASTReader::GetDecl, inclusive)", r"^clang::ASTReader::GetDecl(\(|$)"),
    ("ours: collect main-file items", r"^ownership::collectMainFileItems(\(|$)"),
    ("ours: declaration checks", r"^ownership::checkDecl(\(|$)"),
    ("ours: function analyses", r"^ownership::analyzeFunction(\(|$)"),
    ("  of which Clang CFG build", r"^clang::CFG::buildCFG(\(|$)"),
    ("  of which our dataflow", r"^ownership::runDataflow(\(|$)"),
    ("ours: fixes", r"^ownership::addFixes(\(|$)"),
    ("freeing an AST (~ASTContext)", r"^clang::ASTContext::~ASTContext(\(|$)"),
    ("freeing a compiler (~CompilerInstance)", r"^clang::CompilerInstance::~CompilerInstance(\(|$)"),
]


def perf_entry_points(data: Path) -> list[tuple[str, float]]:
    r = subprocess.run(["perf", "report", "-i", str(data), "--stdio", "--children", "--sort", "symbol", "-g", "none",
                        "--percent-limit", "0.1"], capture_output=True, text=True)
    found: dict[str, float] = {}
    for line in r.stdout.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(.*)$", line)
        if not m:
            continue
        sym = re.sub(r"(\s+-)+\s*$", "", m.group(3)).strip()  # perf's empty srcline columns
        for label, rx in ENTRY_POINTS:
            if re.search(rx, sym) and label not in found:
                found[label] = float(m.group(1))
    return [(label, found[label]) for label, _ in ENTRY_POINTS if label in found]


def perf_available() -> str | None:
    if not shutil.which("perf"):
        return "perf is not installed (apt-get install linux-perf)"
    try:
        level = int(Path("/proc/sys/kernel/perf_event_paranoid").read_text())
    except (OSError, ValueError):
        level = 2
    if level > 2 and os.geteuid() != 0:
        return f"perf_event_paranoid is {level}: sampling needs <= 2 (or root)"
    return None


class PerfSampler:
    """`perf record -p PID` from a phase's start to its end, one data file per phase."""

    def __init__(self, out: Path, freq: int, callgraph: bool):
        self.out, self.freq, self.callgraph = out, freq, callgraph
        self.proc: subprocess.Popen | None = None
        self.files: dict[str, Path] = {}

    def __call__(self, event: str, kind: str, pid: int) -> None:
        if event == "start":
            f = self.out / f"perf-{kind}.data"
            self.files[kind] = f
            cg = ["--call-graph", "dwarf,16384"] if self.callgraph else []
            self.proc = subprocess.Popen(["perf", "record", "-q", "-F", str(self.freq), *cg, "-p", str(pid), "-o", str(f)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)  # perf attaches to every thread before the first edit is sent
        elif self.proc:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None


def perf_buckets(data: Path) -> tuple[list[tuple[str, float]], list[tuple[float, str]]]:
    """(share of samples per bucket, top symbols) from `perf report` of one data file."""
    r = subprocess.run(["perf", "report", "-i", str(data), "--stdio", "--no-children", "--sort", "dso,symbol",
                        "--percent-limit", "0"], capture_output=True, text=True)
    rows: list[tuple[float, str]] = []
    for line in r.stdout.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+(\[[.k]\])\s+(.*)$", line)
        if not m:
            continue
        pct, dso, kind, sym = float(m.group(1)), m.group(2), m.group(3), m.group(4).strip()
        if kind == "[k]":
            name = "[k] " + sym
        elif sym.startswith("0x") or sym.startswith("0000"):
            name = f"{dso} {sym}"
        else:
            name = sym
        rows.append((pct, name))
    buckets: dict[str, float] = {}
    for pct, name in rows:
        for b, rx in BUCKETS:
            if re.search(rx, name):
                buckets[b] = buckets.get(b, 0.0) + pct
                break
    order = [b for b, _ in BUCKETS]
    return ([(b, round(buckets[b], 1)) for b in order if buckets.get(b)],
            sorted(rows, reverse=True)[:12])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", default=str(REPO / "build" / "ownership-lsp"))
    ap.add_argument("--file", help="default: leveldb's db/db_impl.cc under --realcode")
    ap.add_argument("--realcode", default="/work/realcode")
    ap.add_argument("--compile-db", help="take --file's flags from this compile_commands.json")
    ap.add_argument("--flags", default="-std=c++20")
    ap.add_argument("--prefer", help="regex of the header of the function whose body is edited")
    ap.add_argument("--body-edits", type=int, default=20)
    ap.add_argument("--outside-edits", type=int, default=10)
    ap.add_argument("--perf", action="store_true", help="also sample the server with perf during the edits")
    ap.add_argument("--freq", type=int, default=999, help="perf sampling frequency (Hz)")
    ap.add_argument("--callgraph", action="store_true",
                    help="with --perf: DWARF call graphs, and the inclusive share of Clang's and our entry points")
    ap.add_argument("--keep", action="store_true", help="keep the session dir (server log, perf data)")
    a = ap.parse_args(argv)

    prefer = a.prefer
    if a.file is None:
        proj, rel, bdir, prefer_default = DEFAULT
        a.file = str(Path(a.realcode) / proj / rel)
        db = Path(a.realcode) / proj / bdir / "compile_commands.json"
        if not Path(a.file).is_file() or not db.is_file():
            print(f"profile: {a.file if not Path(a.file).is_file() else db} is absent: pass --file (and --flags)")
            return 2
        a.compile_db, prefer = str(db), prefer or prefer_default
    f = Path(a.file).resolve()
    flags = lsp_edits.flags_from_compile_db(Path(a.compile_db), f) if a.compile_db else a.flags.split()
    bl, ol = lsp_edits.pick_positions(f.read_text().split("\n"), prefer)
    why = perf_available() if a.perf else None
    if why:
        print(f"profile: no perf sampling: {why}")
    work = Path(tempfile.mkdtemp(prefix="ownership-profile-"))
    sampler = PerfSampler(work, a.freq, a.callgraph) if a.perf and not why else None
    print(f"profile: {f} ({f.read_text().count(chr(10))} lines): {a.body_edits} edits inside the body after line "
          f"{bl}, {a.outside_edits} outside bodies at line {ol}; load average "
          f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    r = lsp_edits.session(f"{Path(a.server).resolve()} --log=verbose", f, flags, bl, ol,
                          body_edits=a.body_edits, outside_edits=a.outside_edits, hovers=0, code_actions=0,
                          workdir=work, keep=True, on_phase=sampler)
    s = lsp_edits.summary(r)
    print(f"  wall: cold {s['cold_ms']} ms (CPU {s['cold_cpu_ms']}), edit in body p50 {s['body_p50_ms']} ms "
          f"(CPU {s['body_cpu_p50_ms']}), edit outside p50 {s['outside_p50_ms']} ms (CPU {s['outside_cpu_p50_ms']}), "
          f"VmHWM {s['peak_rss_mb']} MiB")
    print(f"  builds: {lsp_edits.build_kinds(r)}")
    print("  per-build timers, medians (ms):")
    lsp_edits.print_profile(f.name, lsp_edits.profile_medians([r]))
    for e in r["errors"]:
        print(f"  PROBLEM: {e}")
    if sampler:
        for kind, data in sampler.files.items():
            if not data.is_file():
                print(f"  perf {kind}: no data")
                continue
            buckets, top = perf_buckets(data)
            print(f"  perf, edits {'inside the body' if kind == 'body' else 'outside bodies'}: share of CPU samples")
            for b, p in buckets:
                print(f"    {p:5.1f} %  {b}")
            print("    top symbols: " + "; ".join(f"{p:.1f}% {n[:70].strip()}" for p, n in top[:8]))
            if a.callgraph:
                print("    inclusive share of samples (a sample counts for every function on its stack; lower "
                      "bounds: perf cannot unwind some of Clang's deep stacks):")
                for label, p in perf_entry_points(data):
                    print(f"    {p:5.1f} %  {label}")
    if a.keep or r["errors"]:
        print(f"  kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if r["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
