#!/usr/bin/python3
"""circles.py ROOT DIR...: the structure rules of issue 10, read from the
sources under ROOT (nothing is built or run):

  - no two files of one directory DIR call each other in a circle: file A
    calls file B when A names a function that B defines (not static) and A
    does not; a circle is a loop of such calls;
  - no file of DIR includes a header of another program's directory: an
    #include "x.h" is resolved as the compiler does (the file's own
    directory, then lib/), and one that names a header of another
    directory of ROOT (and not lib/) is refused.

Prints one line per circle or include found and exits 1 when there is any,
0 otherwise; `--edges` also prints who calls whom (the map of
doc/design.md)."""
import os
import re
import sys

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def strip(text):
    """text without comments, string and character literals (their
    length and line breaks kept)"""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def definitions(code):
    """the functions a C file defines with external linkage: a name at
    the start of a line, then '(' ... ')' and a '{' before any ';', the
    type before it (on that line or the one above) without 'static'"""
    names = set()
    lines = code.split("\n")
    for k, line in enumerate(lines):
        m = re.match(r"^(?:[A-Za-z_][\w \t\*]*?[\s\*])?([A-Za-z_]\w*)\s*\(",
                     line)
        if not m or line[:1] in (" ", "\t", "#"):
            continue
        name = m.group(1)
        if name in ("if", "for", "while", "switch", "return", "sizeof"):
            continue
        rest = "\n".join(lines[k:k + 40])
        brace, semi = rest.find("{"), rest.find(";")
        if brace < 0 or (0 <= semi < brace):
            continue
        before = line[:m.start(1)]
        if not before.strip() and k > 0:
            before = lines[k - 1]
        if re.search(r"\bstatic\b", before) or before.rstrip().endswith(
                (";", "}", ")")):
            continue
        names.add(name)
    return names


def sources(root, d):
    path = os.path.join(root, d)
    return sorted(f for f in os.listdir(path)
                  if f.endswith((".c", ".h")) and
                  os.path.isfile(os.path.join(path, f)))


def calls(root, d):
    """{file: {other file: set of names}} for the .c files of d"""
    code, defs = {}, {}
    for f in sources(root, d):
        if not f.endswith(".c"):
            continue
        with open(os.path.join(root, d, f), errors="replace") as fh:
            code[f] = strip(fh.read())
        defs[f] = definitions(code[f])
    owner = {}
    for f, names in defs.items():
        for name in names:
            owner.setdefault(name, set()).add(f)
    edges = {f: {} for f in code}
    for f, text in code.items():
        for name in set(IDENT.findall(text)) - defs[f]:
            for g in owner.get(name, ()):
                edges[f].setdefault(g, set()).add(name)
    return edges


def circles(edges):
    """the strongly connected sets of more than one file (Tarjan)"""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                out.append(sorted(scc))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def foreign_includes(root, d):
    """(file, header, directory) for each include of a header that lies in
    another directory of root than d and lib"""
    bad = []
    for f in sources(root, d):
        with open(os.path.join(root, d, f), errors="replace") as fh:
            text = fh.read()
        for h in INCLUDE.findall(text):
            own = os.path.normpath(os.path.join(root, d, h))
            if os.path.exists(own):
                where = os.path.relpath(os.path.dirname(own), root)
                if where not in (d, "lib"):
                    bad.append((f, h, where))
                continue
            if os.path.exists(os.path.join(root, "lib", h)):
                continue
            for other in sorted(os.listdir(root)):
                if other not in (d, "lib") and os.path.isfile(
                        os.path.join(root, other, h)):
                    bad.append((f, h, other))
    return bad


def main(argv):
    show = "--edges" in argv
    argv = [a for a in argv if a != "--edges"]
    if len(argv) < 3:
        sys.stderr.write("usage: circles.py [--edges] ROOT DIR...\n")
        return 2
    root, dirs, found = argv[1], argv[2:], 0
    for d in dirs:
        edges = calls(root, d)
        if show:
            for f in sorted(edges):
                for g in sorted(edges[f]):
                    print("%s/%s -> %s: %s" % (d, f, g,
                          " ".join(sorted(edges[f][g]))))
        for scc in circles(edges):
            found += 1
            ties = ["%s -> %s (%s)" % (f, g, " ".join(sorted(edges[f][g])))
                    for f in scc for g in sorted(edges[f]) if g in scc]
            print("circle in %s/: %s" % (d, "; ".join(ties)))
        for f, h, other in foreign_includes(root, d):
            found += 1
            print("%s/%s includes \"%s\" of %s/" % (d, f, h, other))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
