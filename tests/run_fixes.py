#!/usr/bin/env python3
"""Applies every quick-fix ownership-check offers on the corpus files, one at a time,
and re-checks the edited file: it must still compile, and the diagnostic the fix
belongs to (same code, same line after the edit's line shift) must be gone.
Prints `N passed, N failed` (one unit per fix) and exits 1 on any failure.

  run_fixes.py CHECKER CORPUS_DIR [CORPUS_DIR...]"""
import json
import os
import subprocess
import sys
import tempfile


def sarif(checker, path):
    p = subprocess.run([checker, "--format=sarif", path, "--", "-std=c++20"], capture_output=True, text=True, timeout=120)
    if p.returncode not in (0, 1):
        return None
    return json.loads(p.stdout)["runs"][0]["results"]


def apply(text, fix):
    data = text.encode()
    edits = []
    for ch in fix["artifactChanges"]:
        for rep in ch["replacements"]:
            reg = rep["deletedRegion"]
            edits.append((reg["charOffset"], reg["charLength"], rep["insertedContent"]["text"].encode()))
    for off, length, new in sorted(edits, reverse=True):
        data = data[:off] + new + data[off + length:]
    return data.decode()


def main():
    checker, corpora = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    # Edited copies go to a private directory: never beside the corpus (another test may
    # be listing it, and a shared corpus may be read-only).
    scratch = tempfile.mkdtemp(prefix="ownership-fixes-")
    files = [(c, n) for c in corpora for n in sorted(os.listdir(c)) if n.endswith(".cpp") and not n.startswith(".")]
    for corpus, name in files:
        path = os.path.join(corpus, name)
        text = open(path, encoding="utf-8").read()
        results = sarif(checker, path) or []
        for r in results:
            for fix in r.get("fixes", []):
                line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                new = apply(text, fix)
                shift = new[: len(new)].count("\n") - text.count("\n")
                with tempfile.NamedTemporaryFile("w", suffix=".cpp", dir=scratch, prefix="fix_", delete=False) as f:
                    f.write(new)
                    tmp = f.name
                try:
                    after = sarif(checker, tmp)
                finally:
                    os.unlink(tmp)
                desc = f"{name}:{line} {r['ruleId']}: {fix['description']['text']}"
                if after is None:
                    failed += 1
                    print(f"FAIL {desc}: the edited file no longer compiles")
                    continue
                # Lines before the diagnostic may have moved by the edit's line delta.
                still = [a for a in after if a["ruleId"] == r["ruleId"] and
                         abs(a["locations"][0]["physicalLocation"]["region"]["startLine"] - line) <= abs(shift)]
                if still:
                    failed += 1
                    print(f"FAIL {desc}: diagnostic still reported")
                else:
                    passed += 1
    os.rmdir(scratch)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
