#!/usr/bin/env python3
"""Checks that every ```mlir example in the generated op reference parses and
verifies with kiln-opt.

Examples use values they do not define (%x, %w, ...). Each example becomes the
body of a function whose arguments are those values, with types read from the
op's own type list (`: T1, T2 ...` after the operands, in operand order). The
dialect overview example is a whole function and is checked as is.

usage: check_examples.py KILN_OPT DOC.md
"""
import re
import subprocess
import sys


def split_top(text, sep=","):
    """Splits at `sep` outside <>, (), [] and {}."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "<([{":
            depth += 1
        elif ch in ">)]}":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def strip_attr_dict(text):
    """Removes a top-level {...} attribute dictionary."""
    out, depth = "", 0
    for ch in text:
        if ch == "{":
            depth += 1
            continue
        if ch == "}":
            depth -= 1
            continue
        if depth == 0:
            out += ch
    return out


def statements(block):
    """Joins continuation lines into one statement per op."""
    stmts = []
    for line in block.splitlines():
        line = line.split("//")[0].rstrip()
        if not line.strip():
            continue
        if stmts and (line.startswith("    ") or line.lstrip().startswith(":")) \
                and not re.match(r"\s*(%|kiln\.|\^|})", line):
            stmts[-1] += " " + line.strip()
        else:
            stmts.append(line.strip())
    return stmts


def wrap(block):
    defined, args = set(), {}
    for stmt in statements(block):
        m = re.match(r"((?:%[\w#:]+(?:\s*,\s*)?)+)\s*=\s*(.*)", stmt)
        rhs = stmt
        if m:
            for name in re.findall(r"%[\w]+", m.group(1)):
                defined.add(name)
            rhs = m.group(2)
        if rhs.startswith("^bb"):
            for name in re.findall(r"(%\w+):", rhs):
                defined.add(name)
            continue
        if ":" not in rhs or not rhs.startswith("kiln."):
            continue
        if rhs.startswith("kiln.fusion"):
            inner = rhs[rhs.index("(") + 1:rhs.index(")")]
            names, types = inner.split(":")
            pairs = zip(split_top(names), split_top(types))
        else:
            head, _, tail = strip_attr_dict(rhs).partition(" : ")
            operands = re.findall(r"%\w+", head)
            types = split_top(re.split(r"\s(?:->|to)\s", tail)[0])
            pairs = zip(operands, types)
        for name, ty in pairs:
            if name not in defined and name not in args:
                args[name] = ty
    sig = ", ".join(f"{n}: {t}" for n, t in args.items())
    return f"func.func @example({sig}) {{\n{block}\n  return\n}}\n"


def main():
    kiln_opt, doc = sys.argv[1], sys.argv[2]
    text = open(doc).read()
    blocks = re.findall(r"```mlir\n(.*?)```", text, re.S)
    failures = 0
    checked = 0
    for block in blocks:
        # Whole functions and region ops are checked as they are; otherwise
        # each op stands alone (examples reuse %x with different types).
        if block.lstrip().startswith("func.func"):
            sources = [block]
        elif "kiln.fusion" in block:
            sources = [wrap(block)]
        else:
            sources = [wrap(stmt) for stmt in statements(block)]
        for source in sources:
            checked += 1
            run = subprocess.run([kiln_opt, "-"], input=source, text=True,
                                 capture_output=True)
            if run.returncode != 0:
                failures += 1
                print(f"example does not parse and verify:\n{source}\n{run.stderr}")
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
