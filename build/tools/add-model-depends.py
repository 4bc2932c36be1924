#!/usr/bin/env python3
"""Run from the repository root: python3 build/tools/add-model-depends.py [warehouse/models]

Adds a '-- Depends:' first line to every staging/mart/metric model under warehouse/models that has
none, naming the other models its SQL (comments stripped) and its Exclude: lines name as words: the
rule the warehouse used to order models by. The build then checks each line against what DuckDB's
parser says the model reads."""
import os, re, sys
root = sys.argv[1] if len(sys.argv) > 1 else 'warehouse/models'
layers = ['staging', 'marts', 'metrics']
models = {}
for layer in layers:
    d = os.path.join(root, layer)
    if os.path.isdir(d):
        for f in sorted(os.listdir(d)):
            if f.endswith('.sql'):
                models[f[:-4]] = os.path.join(d, f)
def header(sql):
    out = []
    for line in sql.split('\n'):
        t = line.strip()
        if not t.startswith('--'):
            break
        out.append(t[2:].strip())
    return out
for name, path in models.items():
    sql = open(path, encoding='utf-8').read()
    h = header(sql)
    if any(re.match(r'(?i)^depends:', l) for l in h):
        continue
    body = '\n'.join(l[:l.index('--')] if '--' in l else l for l in sql.split('\n'))
    body += '\n' + '\n'.join(l for l in h if l.startswith('Exclude:'))
    deps = [o for o in models if o != name and re.search(r'\b' + re.escape(o) + r'\b', body)]
    lines, cur = [], '-- Depends:'
    for i, d in enumerate(deps):
        piece = ' ' + d + (',' if i < len(deps) - 1 else '')
        if len(cur) + len(piece) > 100 and cur != '-- Depends:':
            lines.append(cur); cur = '-- Depends:'
        cur += piece
    if not deps:
        cur += ' none'
    lines.append(cur)
    open(path, 'w', encoding='utf-8').write('\n'.join(lines) + '\n' + sql)
    print(path, len(deps))
