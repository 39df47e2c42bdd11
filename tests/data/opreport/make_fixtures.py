#!/usr/bin/env python3
"""Writes the opreport text fixtures of this directory.

oprofile is not packaged in Debian 12, so these files are written from opreport's documented
output format (oprofile manual, "Image summaries and symbol summaries", "Callgraph output"):
each column is padded to a fixed width (samples and % 9, image and app name 25), a value longer
than its column is followed by a single space, percentages print with 7 characters, call-graph
blocks are separated by 79 dashes and their caller and callee lines are indented by 2 spaces.
The sample counts are invented but consistent. Run it from this directory to rewrite them.
"""

WIDTH = {"samples": 9, "%": 9, "image name": 25, "app name": 25}


def percent(part, whole):
    value = 100.0 * part / whole if whole else 0.0
    if value == 0:
        return "0"
    if value < 0.001:
        return "%.1e" % value
    return "%.3f" % value if value >= 100 else "%.4f" % value


def row(fields, names):
    """fields: list of (column, text); the last column is not padded."""
    out, pad = "", 0
    for i, (column, text) in enumerate(fields):
        out += " " * pad + text
        if i + 1 < len(fields):
            width = WIDTH[column]
            pad = width - len(text) if len(text) < width else 1
    return out


def header(events, app):
    columns = []
    for _ in events:
        columns += [("samples", "samples"), ("%", "%")]
    columns.append(("image name", "image name"))
    if app:
        columns.append(("app name", "app name"))
    columns.append(("symbol name", "symbol name"))
    return row(columns, None)


def line(counts, totals, image, app, symbol, show_app):
    columns = []
    for count, total in zip(counts, totals):
        columns += [("samples", str(count)), ("%", percent(count, total))]
    columns.append(("image name", image))
    if show_app:
        columns.append(("app name", app))
    columns.append(("symbol name", symbol))
    return row(columns, None)


def preamble(events):
    text = "CPU: Intel Skylake microarchitecture, speed 2400 MHz (estimated)\n"
    for name, description, mask, count in events:
        text += ("Counted %s events (%s) with a unit mask of %s count %d\n"
                 % (name, description, mask, count))
    return text


CYCLES = ("CPU_CLK_UNHALTED", "Clock cycles when not halted", "0x00 (No unit mask)", 100000)
LLC = ("LLC_MISSES", "Last level cache demand requests from this core that missed the LLC",
       "0x41 (No unit mask)", 6000)

# Kernel module foo.ko: lock_conflict eats 20% of the cycles of an fio run. The run is given as
# stacks (outermost first) with their samples per event; self counts and call arcs are derived
# from them the way oprofile does (an arc counts each sample whose stack holds it once).
IMAGES = {
    "main": "fio", "td_io_queue": "fio", "memset": "libc.so.6",
    "(no symbols)": "anon (tgid:10014 range:0x100000-0x103000)", "io_submit": "libaio.so.1.0.2",
    "lock_conflict": "foo.ko", "foo_submit_bio": "foo.ko", "foo_make_request": "foo.ko",
}
SUBMIT = "main;td_io_queue;io_submit;do_syscall_64;__x64_sys_io_submit;io_submit_one"
BIO = SUBMIT + ";submit_bio_noacct;foo_submit_bio"
CG_STACKS = [
    ("main", (27, 1)),
    ("main;td_io_queue", (700, 30)),
    ("main;td_io_queue;memset", (600, 50)),
    ("main;td_io_queue;(no symbols)", (300, 10)),
    ("main;td_io_queue;io_submit", (250, 12)),
    ("main;td_io_queue;io_submit;do_syscall_64", (60, 3)),
    ("main;td_io_queue;io_submit;do_syscall_64;__x64_sys_io_submit", (90, 4)),
    (SUBMIT, (500, 40)),
    (SUBMIT + ";kmem_cache_alloc", (265, 9)),
    (SUBMIT + ";_raw_spin_lock_irqsave", (800, 20)),
    (SUBMIT + ";submit_bio_noacct", (140, 11)),
    (BIO, (888, 59)),
    (BIO + ";foo_submit_bio", (12, 1)),
    (BIO + ";blk_mq_submit_bio", (650, 55)),
    (BIO + ";foo_make_request", (420, 21)),
    (BIO + ";foo_make_request;memcpy_erms", (850, 140)),
    (BIO + ";foo_make_request;lock_conflict", (2013, 412)),
    (BIO + ";foo_make_request;lock_conflict;native_queued_spin_lock_slowpath", (1500, 95)),
]


def derive(stacks):
    """Self counts per function and arc counts per (caller, callee), per event."""
    selfs, arcs = {}, {}
    for stack, counts in stacks:
        frames = stack.split(";")
        leaf = selfs.setdefault(frames[-1], [0, 0])
        for i in range(2):
            leaf[i] += counts[i]
        for pair in set(zip(frames, frames[1:])):
            arc = arcs.setdefault(pair, [0, 0])
            for i in range(2):
                arc[i] += counts[i]
        for name in frames:
            selfs.setdefault(name, [0, 0])
    return selfs, arcs


CG_SELF, CG_ARC_COUNTS = derive(CG_STACKS)
CG_FUNCS = {name: (IMAGES.get(name, "vmlinux"), "fio", tuple(counts))
            for name, counts in CG_SELF.items()}
CG_ARCS = [(caller, callee, tuple(counts)) for (caller, callee), counts in
           sorted(CG_ARC_COUNTS.items())]


def callgraph():
    events = [CYCLES, LLC]
    totals = [sum(f[2][i] for f in CG_FUNCS.values()) for i in range(2)]
    out = preamble(events) + header(events, True) + "\n" + "-" * 79 + "\n"
    order = sorted(CG_FUNCS, key=lambda name: (-CG_FUNCS[name][2][0], name))
    for name in order:
        image, app, counts = CG_FUNCS[name]
        callers = [(c, n) for (c, e, n) in CG_ARCS if e == name]
        callees = [(e, n) for (c, e, n) in CG_ARCS if c == name and e != name]
        recursive = [(e, n) for (c, e, n) in CG_ARCS if c == name and e == name]
        caller_total = [sum(n[i] for _, n in callers) for i in range(2)]
        callee_total = [counts[i] + sum(n[i] for _, n in callees + recursive) for i in range(2)]
        for caller, n in sorted(callers, key=lambda x: -x[1][0]):
            cimage, capp, _ = CG_FUNCS[caller]
            out += "  " + line(n, caller_total, cimage, capp, caller, True) + "\n"
        out += line(counts, totals, image, app, name, True) + "\n"
        below = [(name + " [self]", counts)] + [(e, n) for e, n in callees + recursive]
        for callee, n in sorted(below, key=lambda x: -x[1][0]):
            key = callee.replace(" [self]", "")
            cimage, capp, _ = CG_FUNCS[key]
            out += "  " + line(n, callee_total, cimage, capp, callee, True) + "\n"
        out += "-" * 79 + "\n"
    return out


def symbols_single():
    events = [CYCLES]
    entries = [
        (5120, "vmlinux", "copy_user_enhanced_fast_string"),
        (2048, "/lib/modules/6.1.0-13-amd64/kernel/drivers/block/loop.ko", "lo_rw_aio"),
        (1500, "ext4.ko", "ext4_file_read_iter"),
        (733, "libc.so.6", "__memmove_avx_unaligned_erms"),
        (410, "postgres", "hash_search_with_hash_value"),
        (96, "vdso (tgid:4242 range:0x7ffd1000-0x7ffd2fff)", "(no symbols)"),
        (3, "postgres", "ExecInterpExpr"),
    ]
    total = sum(e[0] for e in entries)
    out = preamble(events) + header(events, False) + "\n"
    for count, image, symbol in entries:
        out += line([count], [total], image, "", symbol, False) + "\n"
    return out


def symbols_two_events():
    events = [CYCLES, LLC]
    entries = [
        ((9001, 310), "libjvm.so", "java", "G1ParScanThreadState::trim_queue_partially()"),
        ((4500, 12), "anon (tgid:10014 range:0x100000-0x103000)", "java", "(no symbols)"),
        ((3100, 801), "vmlinux", "java", "clear_page_erms"),
        ((1200, 40), "java (deleted)", "java (deleted)", "(no symbols)"),
        ((800, 2), "libstdc++.so.6.0.30", "kafka-proxy",
         "std::vector<int, std::allocator<int> >::push_back(int const&)"),
        ((1, 0), "nvme.ko", "java", "nvme_queue_rq"),
    ]
    totals = [sum(e[0][i] for e in entries) for i in range(2)]
    out = preamble(events) + header(events, True) + "\n"
    for counts, image, app, symbol in entries:
        out += line(counts, totals, image, app, symbol, True) + "\n"
    return out


# opreport --xml -c of the stacks through foo_make_request: full image names, as --xml gives them.
XML_IMAGES = {"fio": "/usr/bin/fio", "foo.ko": "/lib/modules/6.1.0-13-amd64/extra/foo.ko",
              "vmlinux": "/boot/vmlinux-6.1.0-13-amd64", "libc.so.6": "/usr/lib/x86_64-linux-gnu/libc.so.6",
              "libaio.so.1.0.2": "/usr/lib/x86_64-linux-gnu/libaio.so.1.0.2"}
XML_SELF, XML_ARC_COUNTS = derive([(s, c) for s, c in CG_STACKS if "foo_make_request" in s])
XML_FUNCS = {name: (XML_IMAGES[IMAGES.get(name, "vmlinux")], tuple(counts))
             for name, counts in XML_SELF.items()}
XML_ARCS = [(caller, callee, tuple(counts)) for (caller, callee), counts in
            sorted(XML_ARC_COUNTS.items())]


def counts_xml(counts, indent):
    return "".join('%s<count class="c%d">%d</count>\n' % (indent, i, n)
                   for i, n in enumerate(counts) if n)


def callgraph_xml():
    ids = {name: i for i, name in enumerate(XML_FUNCS)}
    out = '<?xml version="1.0" ?>\n'
    out += ('<profile title="opreport --xml -c" schemaversion="3.1" cputype="x86-64/skylake" '
            'processor="Intel Skylake microarchitecture" mhz="2400">\n')
    out += ' <options session="/home/dev/oprofile_data" callgraph="true"/>\n <setup>\n'
    out += '  <eventsetup id="0" eventname="CPU_CLK_UNHALTED" unitmask="0" setupcount="100000"/>\n'
    out += '  <eventsetup id="1" eventname="LLC_MISSES" unitmask="65" setupcount="6000"/>\n'
    out += ' </setup>\n <classes>\n'
    out += '  <class name="c0" event="0" mask="0"/>\n  <class name="c1" event="1" mask="65"/>\n'
    out += ' </classes>\n'
    out += ' <binary name="/usr/bin/fio">\n'
    total = [sum(f[1][i] for f in XML_FUNCS.values()) for i in range(2)]
    out += counts_xml(total, "  ")
    for module in dict.fromkeys(image for image, _ in XML_FUNCS.values()):
        names = [n for n, (image, counts) in XML_FUNCS.items() if image == module and any(counts)]
        if not names:
            continue
        inner = "   " if module != "/usr/bin/fio" else "  "
        if module != "/usr/bin/fio":
            out += '  <module name="%s">\n' % module
            out += counts_xml([sum(XML_FUNCS[n][1][i] for n in names) for i in range(2)], "   ")
        for name in names:
            out += '%s<symbol idref="%d">\n' % (inner, ids[name])
            out += counts_xml(XML_FUNCS[name][1], inner + " ")
            for tag, pick in (("callers", 1), ("callees", 0)):
                arcs = [a for a in XML_ARCS if a[pick] == name]
                if tag == "callees":
                    arcs = [(name, name, XML_FUNCS[name][1], True)] + [a + (False,) for a in arcs]
                else:
                    arcs = [a + (False,) for a in arcs]
                if not arcs:
                    continue
                out += "%s <%s>\n" % (inner, tag)
                for arc in arcs:
                    other = arc[0] if tag == "callers" else arc[1]
                    out += '%s  <module name="%s">\n' % (inner, XML_FUNCS[other][0])
                    self_attr = ' self="true"' if arc[3] else ""
                    out += '%s   <symbol idref="%d"%s>\n' % (inner, ids[other], self_attr)
                    out += counts_xml(arc[2], inner + "    ")
                    out += "%s   </symbol>\n%s  </module>\n" % (inner, inner)
                out += "%s </%s>\n" % (inner, tag)
            out += "%s</symbol>\n" % inner
        if module != "/usr/bin/fio":
            out += "  </module>\n"
    out += " </binary>\n <symboltable>\n"
    for name, i in ids.items():
        out += '  <symboldata id="%d" name="%s" startingaddr="%016x"/>\n' % (i, name, 0x401000 + 64 * i)
    out += " </symboltable>\n</profile>\n"
    return out


def write_bad_variants():
    """Malformed and truncated variants cut from the good fixtures, under bad/."""
    cg = open("callgraph_lock_conflict.txt").read().split("\n")
    separators = [i for i, text in enumerate(cg) if text.startswith("-----")]
    variants = {
        "callgraph_truncated.txt": "\n".join(cg[:9]) + "\n",
        "callgraph_cut_line.txt": "\n".join(cg[:8]) + "\n" + cg[8][:22] + "\n",
        "callgraph_missing_separator.txt":
            "\n".join(cg[:separators[1]] + cg[separators[1] + 1:]),
    }
    symbols = open("symbols_one_event.txt").read().split("\n")
    symbols[5] = symbols[5].replace("1500 ", "15x0 ", 1)
    variants["symbols_bad_count.txt"] = "\n".join(symbols)
    two = open("symbols_two_events_app.txt").read().split("\n")
    two[3] = header([CYCLES], True)
    variants["symbols_event_mismatch.txt"] = "\n".join(two)
    xml = open("callgraph_lock_conflict.xml").read()
    cut = xml.index('<symbol idref="9">')
    variants["xml_truncated.xml"] = xml[:cut + 40]
    variants["xml_unknown_idref.xml"] = xml.replace('<symbol idref="11">', '<symbol idref="99">', 1)
    variants["xml_bad_count.xml"] = xml.replace('<count class="c0">850</count>',
                                                '<count class="c0">85O</count>', 1)
    for name, text in variants.items():
        with open("bad/" + name, "w") as f:
            f.write(text)


if __name__ == "__main__":
    for name, text in [("callgraph_lock_conflict.txt", callgraph()),
                       ("symbols_one_event.txt", symbols_single()),
                       ("symbols_two_events_app.txt", symbols_two_events()),
                       ("callgraph_lock_conflict.xml", callgraph_xml())]:
        with open(name, "w") as f:
            f.write(text)
    write_bad_variants()
