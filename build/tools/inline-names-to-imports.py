#!/usr/bin/env python3
"""Replaces class names written in full inside Java code (java.util.List.of(...)) with an import and
the simple name, as build/checkstyle.xml's InlineFullyQualifiedName rule asks. Mechanical: comments,
strings, text blocks, package and import lines are left alone, and a name is left in full where an
import would clash (another class of that simple name imported, declared in the file or its package,
or a java.lang class). Run from the repository root, then `./mvnw -o spotless:apply` to order the
imports:  python3 build/tools/inline-names-to-imports.py [files...]  (default: every src/*/java file)
"""
import os
import re
import subprocess
import sys

ROOTS = ('java', 'javax', 'jakarta', 'org', 'com', 'io', 'net', 'picocli', 'me', 'info')
NAME = re.compile(r'(?<![\w.$])((?:%s)\.(?:[a-z][a-z0-9_]*\.)*)([A-Z]\w*)' % '|'.join(ROOTS))
JAVA_LANG = set()
jmod = '/usr/lib/jvm/java-17-openjdk-amd64/jmods/java.base.jmod'
if os.path.exists(jmod):
    out = subprocess.run(['unzip', '-l', jmod], capture_output=True, text=True).stdout
    JAVA_LANG = set(re.findall(r'classes/java/lang/([A-Z]\w*)\.class', out))
JAVA_LANG |= {'String', 'Object', 'Integer', 'Long', 'Double', 'Boolean', 'Math', 'System', 'Record',
              'Override', 'Exception', 'Error', 'Thread', 'Runtime', 'Process', 'Module', 'Class'}


def code_spans(text):
    """(start, end) of the code between comments, strings, char literals and text blocks."""
    spans, i, start, n = [], 0, 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            spans.append((start, i)); j = text.find('\n', i); i = n if j < 0 else j; start = i
        elif text.startswith('/*', i):
            spans.append((start, i)); j = text.find('*/', i + 2); i = n if j < 0 else j + 2; start = i
        elif text.startswith('"""', i):
            spans.append((start, i)); j = i + 3
            while True:
                k = text.find('"""', j)
                if k < 0: k = n; break
                if text[k - 1] != '\\': break
                j = k + 1
            i = k + 3; start = i
        elif c == '"' or c == "'":
            spans.append((start, i)); j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            i = j + 1; start = i
        else:
            i += 1
    spans.append((start, n))
    return spans


def fix(path):
    text = open(path, encoding='utf-8').read()
    pkg = re.search(r'^package ([\w.]+);', text, re.M)
    pkg = pkg.group(1) if pkg else ''
    imports = dict()  # simple name -> fqn
    for m in re.finditer(r'^import (?!static )([\w.]+)\.([A-Z]\w*);', text, re.M):
        imports[m.group(2)] = m.group(1) + '.' + m.group(2)
    declared = set(re.findall(r'\b(?:class|interface|enum|record)\s+([A-Z]\w*)', text))
    siblings = {f[:-5] for f in os.listdir(os.path.dirname(path)) if f.endswith('.java')}
    spans = code_spans(text)
    # simple names the code already uses on their own (an inherited nested class, a type parameter):
    # importing a class of that name would change what they mean
    bare = set()
    for a, b in spans:
        for line in text[a:b].split('\n'):
            if not re.match(r'\s*(import|package)\s', line):
                bare.update(re.findall(r'(?<![\w.$])([A-Z]\w*)\b', line))
    chosen = {}  # simple -> fqn taken in this file
    new_imports = set()
    edits = []
    for a, b in spans:
        for m in NAME.finditer(text, a, b):
            line_start = text.rfind('\n', 0, m.start()) + 1
            if re.match(r'\s*(import|package)\s', text[line_start:m.start() + 1]):
                continue
            package, simple = m.group(1)[:-1], m.group(2)
            fqn = package + '.' + simple
            if package == pkg:
                edits.append((m.start(), m.end(), simple)); continue
            if chosen.get(simple, fqn) != fqn:
                continue
            if imports.get(simple, fqn) != fqn:
                continue
            if simple not in imports and (simple in declared or simple in siblings or simple in JAVA_LANG
                                          or simple in bare):
                continue
            chosen[simple] = fqn
            if simple not in imports:
                new_imports.add(fqn)
            edits.append((m.start(), m.end(), simple))
    if not edits:
        return 0
    for s, e, r in sorted(edits, reverse=True):
        text = text[:s] + r + text[e:]
    if new_imports:
        lines = ''.join('import %s;\n' % f for f in sorted(new_imports))
        m = re.search(r'^import .*;\n', text, re.M)
        if m:
            text = text[:m.start()] + lines + text[m.start():]
        else:
            m = re.search(r'^package .*;\n', text, re.M)
            text = text[:m.end()] + '\n' + lines + text[m.end():]
    open(path, 'w', encoding='utf-8').write(text)
    return len(edits)


files = sys.argv[1:] or subprocess.run(['git', 'ls-files', '*/src/main/java/*.java', '*/src/test/java/*.java'],
                                       capture_output=True, text=True).stdout.split()
total = 0
for f in files:
    n = fix(f)
    if n:
        total += n
print('names replaced:', total)
