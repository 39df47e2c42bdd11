#!/usr/bin/env python3
"""Adds the inline frames addr2line -i reports for /tmp/i12/inl frames to perf script text:
perf's own "(inlined)" lines (IP, function, " (inlined)", no DSO) for the first half of the
samples, and the "outer->inner" single-frame spelling for the second half."""
import re, subprocess, sys
samples = sys.stdin.read().strip("\n").split("\n\n")
out = []
for n, sample in enumerate(samples):
    lines = []
    for line in sample.split("\n"):
        m = re.match(r"^(\t\s*)([0-9a-f]+) (\S+?)(\+0x[0-9a-f]+)? \((/tmp/i12/inl)\)$", line)
        if not m:
            lines.append(line)
            continue
        names = subprocess.run(["addr2line", "-f", "-i", "-C", "-e", m.group(5), m.group(2)],
                               capture_output=True, text=True).stdout.split("\n")[0::2]
        names = [x.split("(")[0] for x in names if x]
        inlined = names[:-1]
        if not inlined:
            lines.append(line)
        elif n < len(samples) // 2:
            for name in inlined:
                lines.append(f"{m.group(1)}{m.group(2)} {name} (inlined)")
            lines.append(line)
        else:
            chain = "->".join([m.group(3)] + list(reversed(inlined)))
            lines.append(f"{m.group(1)}{m.group(2)} {chain}{m.group(4) or ''} ({m.group(5)})")
    out.append("\n".join(lines))
print("\n\n".join(out) + "\n")
