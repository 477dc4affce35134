#!/usr/bin/env python3
"""Depth bombs (issue 17): generated C++ and JSON inputs that nest deeper than any real code or message.

Each C++ bomb is one text of `n` nested levels (a function, a type, a chain of expressions); the
regression tests generate them at test time (no huge files in the repository). Run as a script it
writes every bomb into a directory, e.g. the small fuzz regression inputs:

    depth_bombs.py OUT_DIR [--depth N] [--max-bytes B]   (OUT_DIR/depth_<name>.cpp; N 5000)
"""
import argparse
import os
import sys


def _chain(n, term, op):
    return op.join([term] * n)


# name -> function(n) returning C++ source text. The comment says what nests.
CPP_BOMBS = {
    # brackets: Clang's -fbracket-depth (256) refuses them, the function must be skipped
    "parens": lambda n: "int f(int a) { return " + "(" * n + "a" + ")" * n + "; }\n",
    "blocks": lambda n: "void f() " + "{" * n + "}" * n + "\n",
    "init_lists": lambda n: "struct S { int a[1]; };\nint f() { int x" + " = " + "{" * n + "1" + "}" * n + "; return x; }\n",
    "lambdas": lambda n: "int f() { return " + "[](){ return " * n + "1" + "; }()" * n + "; }\n",
    "namespaces": lambda n: "namespace a { " * n + "int f() { return 1; } " + "} " * n + "\n",
    "classes": lambda n: "".join(f"struct A{i} {{ " for i in range(n)) + "int f() { return 1; } " + "}; " * n + "\n",
    "template_args": lambda n: "template <class T> struct W {};\n" + "W<" * n + "int" + ">" * n + " x;\n",
    # recursion Clang bounds with -ftemplate-depth (1024) / -fconstexpr-depth (512)
    "template_recursion": lambda n: (
        "template <int N> struct R { static constexpr int v = R<N - 1>::v + 1; };\n"
        "template <> struct R<0> { static constexpr int v = 0; };\n"
        f"int f() {{ return R<{n}>::v; }}\n"),
    # no brackets nest: chains Clang parses with loops or recursion of its own, whose ASTs are
    # as deep as the chain is long
    "plus_chain": lambda n: "int f(int a) { return " + _chain(n, "a", " + ") + "; }\n",
    "assign_chain": lambda n: "int f(int a) { return " + _chain(n, "a", " = ") + "; }\n",
    "comma_chain": lambda n: "int f(int a) { return (" + _chain(n, "a", ", ") + "); }\n",
    "ternary_chain": lambda n: "int f(int a) { return " + "a ? a : " * n + "a; }\n",
    "unary_chain": lambda n: "int f(int a) { return " + "- " * n + "a; }\n",
    # a member function defined in its class: Clang parses it after the class, from stored tokens
    "member_unary_chain": lambda n: "struct S { int f(int a) { return " + "- " * n + "a; } };\n",
    "not_chain": lambda n: "bool f(bool a) { return " + "!" * n + "a; }\n",
    "cast_chain": lambda n: "int f(int a) { return " + "(int)" * n + "a; }\n",
    "deref_chain": lambda n: "int f(int* p) { return " + "*&" * n + "*p; }\n",
    "else_if_chain": lambda n: "int f(int a) { " + "if (a) return 1; else " * n + "return 0; }\n",
    "case_chain": lambda n: "int f(int a) { switch (a) { " + "".join(f"case {i}: " for i in range(n)) + "return 1; } return 0; }\n",
    "label_chain": lambda n: "void f() { " + "".join(f"l{i}: " for i in range(n)) + "; }\n",
    "member_call_chain": lambda n: (
        "struct B { B& next(); int* p; };\n"
        "int* f(B& b) { return b" + ".next()" * n + ".p; }\n"),
    "string_concat": lambda n: "const char* f() { return " + ' "a"' * n + "; }\n",
    "template_plus_chain": lambda n: (
        "template <class T> T f(T a) { return " + _chain(n, "a", " + ") + "; }\nint g() { return f(1); }\n"),
    "constexpr_chain": lambda n: "constexpr int k = " + _chain(n, "1", " + ") + ";\nint f() { return k; }\n",
    "owner_plus_chain": lambda n: (
        "#include <memory>\n"
        "int f() { auto p = std::make_unique<int>(1); return " + _chain(n, "*p", " + ") + "; }\n"),
    # our own recursion: inferring what a returned reference borrows walks the callees' bodies
    "call_depth": lambda n: "int& f0(int& x) { return x; }\n" + "".join(
        f"int& f{i}(int& x) {{ return f{i - 1}(x); }}\n" for i in range(1, n)) + f"int& g() {{ int y = 0; return f{n - 1}(y); }}\n",
}

# The depth of each C++ bomb in the regression test: deep enough to have crashed before the fix
# (on the default 8 MiB stack) or to pass a limit (Clang's bracket depth of 2048, the nesting cap of
# 2048, the parse guards), small enough that the whole test takes well under a minute. Nested
# classes and lambdas cost Clang's Sema seconds per thousand levels, so they stay below 2048.
CPP_DEPTHS = {name: 10000 for name in CPP_BOMBS}
CPP_DEPTHS.update({
    "lambdas": 200, "classes": 300,
    "not_chain": 3000, "cast_chain": 5000, "deref_chain": 3000, "else_if_chain": 3000,
    "member_call_chain": 3000, "owner_plus_chain": 5000, "call_depth": 500,
    "plus_chain": 100000, "comma_chain": 140000,  # past the operator guard's ~131,000 on 256 MiB
    "unary_chain": 100000, "member_unary_chain": 100000,  # past the nesting bound: ~16,000 on 256 MiB
    "string_concat": 100000, "case_chain": 100000, "template_plus_chain": 50000, "constexpr_chain": 100000,
})


def json_array_bomb(n):
    """A JSON-RPC request whose params nest `n` arrays deep."""
    return (b'{"jsonrpc":"2.0","id":"deep","method":"textDocument/hover","params":' + b"[" * n + b"]" * n + b"}")


def fitting_depth(make, depth, max_bytes):
    """The largest n <= depth whose bomb is at most max_bytes long (bisection; sizes grow with n)."""
    if max_bytes is None or len(make(depth)) <= max_bytes:
        return depth
    lo, hi = 1, depth
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(make(mid)) <= max_bytes:
            lo = mid
        else:
            hi = mid - 1
    return lo


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--depth", type=int, default=5000)
    ap.add_argument("--max-bytes", type=int, help="shrink a bomb's depth until it fits (the analysis fuzzer "
                                                   "ignores inputs over 16384 bytes)")
    ap.add_argument("--only", help="comma-separated bomb names")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    names = args.only.split(",") if args.only else list(CPP_BOMBS)
    for name in names:
        make = CPP_BOMBS[name]
        with open(os.path.join(args.out_dir, f"depth_{name}.cpp"), "w") as f:
            f.write(make(fitting_depth(make, args.depth, args.max_bytes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
