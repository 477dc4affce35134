#!/usr/bin/env python3
"""CMAKE_CXX_CLANG_TIDY=ownership-check (spec §7): a small CMake project configured with Ninja and
that setting fails to build while an error-level finding is in it, and builds once the finding is
suppressed with a NOLINT comment or fixed. Usage: run_cmake_tidy.py --checker BIN. Prints
`N passed, N failed`.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def build(checker, src_dir, variant, work):
    shutil.copy(os.path.join(src_dir, "queue.cpp." + variant), os.path.join(work, "queue.cpp"))
    b = os.path.join(work, "build-" + variant)
    cfg = subprocess.run(["cmake", "-S", work, "-B", b, "-G", "Ninja", "-DCMAKE_CXX_CLANG_TIDY=" + checker],
                         capture_output=True, text=True)
    if cfg.returncode != 0:
        return None, cfg.stdout + cfg.stderr
    p = subprocess.run(["cmake", "--build", b], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checker", required=True)
    a = ap.parse_args()
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "project")
    passed = failed = 0
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(os.path.join(here, "CMakeLists.txt"), work)
        for variant, should_pass, must_say in (("bug", False, "use of moved value `p` [use-after-move]"),
                                               ("suppressed", True, None), ("fixed", True, None)):
            rc, out = build(a.checker, here, variant, work)
            ok = rc is not None and (rc == 0) == should_pass and (must_say is None or must_say in out)
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {variant}: build exit {rc}, expected {'success' if should_pass else 'failure'}\n{out[-2000:]}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
