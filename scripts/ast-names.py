#!/usr/bin/env python3
"""Lists the UPPERCASE names Python's own ast finds assigned at module level (including inside
module-level if/try/with blocks) in the given files. Used to check the extractor's coverage;
it parses the files and never executes them."""
import ast
import re
import sys

NAME = re.compile(r'^[A-Z][A-Z0-9_]*$')


def targets(node):
    if isinstance(node, ast.Name):
        yield node.id
    elif isinstance(node, (ast.Tuple, ast.List)):
        for e in node.elts:
            yield from targets(e)


def walk(body, out):
    for st in body:
        if isinstance(st, ast.Assign):
            for t in st.targets:
                out.update(n for n in targets(t) if NAME.match(n))
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and NAME.match(st.target.id):
            out.add(st.target.id)
        elif isinstance(st, ast.If):
            walk(st.body, out)
            walk(st.orelse, out)
        elif isinstance(st, ast.Try):
            walk(st.body, out)
            for h in st.handlers:
                walk(h.body, out)
            walk(st.orelse, out)
            walk(st.finalbody, out)
        elif isinstance(st, ast.With):
            walk(st.body, out)


names = set()
for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        walk(ast.parse(f.read()).body, names)
print('\n'.join(sorted(names)))
