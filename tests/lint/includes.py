#!/usr/bin/env python3
"""The include graph of precis' C sources, checked (run by ctest as lint.includes).

A module is a .c/.h pair (config.c, config.h) with the files named after it
(config_file.c, config_impl.h). Two rules:

  1. No include cycle between modules: if a includes b's header, b must not
     reach back to a (sink.c and publisher.c once included each other).
  2. Layers: common/ includes only common/ (the library knows no service);
     a stage in services/NAME includes common/, proto/ and its own folder,
     never another stage (stages talk over Kafka only); tool/ and bench/
     may use everything.

Prints every problem and exits 1 when there is one.
"""
import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
top = os.path.abspath(top)
ROOTS = ["common", "proto", "services", "tool", "bench"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

files = {}  # path relative to top -> text
for root in ROOTS:
    for d, _, names in os.walk(os.path.join(top, root)):
        for n in names:
            if n.endswith((".c", ".h")):
                p = os.path.join(d, n)
                with open(p, encoding="utf-8", errors="replace") as f:
                    files[os.path.relpath(p, top)] = f.read()

headers = {}  # basename -> paths
for p in files:
    if p.endswith(".h"):
        headers.setdefault(os.path.basename(p), []).append(p)


def module(path):
    """config_file.c and config_impl.h belong to config when config.h sits beside them."""
    d, n = os.path.split(path)
    stem = os.path.splitext(n)[0]
    parts = stem.split("_")
    for i in range(len(parts) - 1, 0, -1):
        base = "_".join(parts[:i])
        if os.path.join(d, base + ".h") in files:
            return os.path.join(d, base)
    return os.path.join(d, stem)


def layer(path):
    parts = path.split(os.sep)
    return os.path.join(*parts[:2]) if parts[0] == "services" else parts[0]


problems = []
edges = {}
for p, text in sorted(files.items()):
    for inc in INCLUDE.findall(text):
        targets = headers.get(os.path.basename(inc), [])
        if not targets:
            continue  # generated, or not ours
        # The header in the includer's own folder wins, as the compiler's search does.
        same = [t for t in targets if os.path.dirname(t) == os.path.dirname(p)]
        target = (same or targets)[0]
        src, dst = layer(p), layer(target)
        if src == "common" and dst != "common":
            problems.append(f"{p}: common/ includes {target}: the library must not know a service")
        if src.startswith("services") and dst not in ("common", "proto", src):
            problems.append(f"{p}: includes {target}: a stage must not use another stage's code")
        a, b = module(p), module(target)
        if a != b:
            edges.setdefault(a, set()).add(b)

# Depth-first search for cycles, each reported once by its smallest rotation.
seen_cycles = set()
state = {}


def visit(node, stack):
    state[node] = "open"
    stack.append(node)
    for nxt in sorted(edges.get(node, ())):
        if state.get(nxt) == "open":
            cycle = stack[stack.index(nxt):]
            k = min(range(len(cycle)), key=lambda i: cycle[i])
            key = tuple(cycle[k:] + cycle[:k])
            if key not in seen_cycles:
                seen_cycles.add(key)
                problems.append("include cycle: " + " -> ".join(key + (key[0],)))
        elif nxt not in state:
            visit(nxt, stack)
    stack.pop()
    state[node] = "done"


for n in sorted(edges):
    if n not in state:
        visit(n, [])

for line in problems:
    print(line)
print(f"{len(files)} files, {sum(len(v) for v in edges.values())} module dependencies, "
      f"{len(problems)} problems")
sys.exit(1 if problems else 0)
