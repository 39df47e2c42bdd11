#!/usr/bin/env python3
"""Every request in the ftrace blk tracer's binary output (see ftrace_to_blktrace.py), as btt
pairs them: a completion (C) with the earliest pending queueing (Q) of the same sector, the
request's first bio.
  blktrace_ios.py INPUT [SPANS]
prints "Q_NS C_NS SECTOR BYTES OP" per request (times in the trace's clock, BYTES the
completion's, OP read or write). With SPANS ("OPEN-CLOSE ...", ns), only the requests queued and
completed inside the same span."""
import collections, sys

from ftrace_to_blktrace import ACTION, BYTES, SECTOR, TIME, parse_spans, span_of, traces

QUEUE, COMPLETE = 1, 8  # enum blktrace_act (include/uapi/linux/blktrace_api.h)
CATEGORY_WRITE = 1 << 1  # enum blktrace_cat: BLK_TC_WRITE, in the action's upper 16 bits

spans = parse_spans(sys.argv[2]) if len(sys.argv) > 2 else None
opens = [s[0] for s in spans or []]
pending = collections.defaultdict(collections.deque)
out = []
for fields, _ in traces(sys.argv[1]):
    what = fields[ACTION] & 0xffff
    if what == QUEUE:
        pending[fields[SECTOR]].append(fields[TIME])
    elif what == COMPLETE and pending[fields[SECTOR]]:
        queued = pending[fields[SECTOR]].popleft()
        done = fields[TIME]
        if spans is not None and (span_of(spans, opens, queued) is None
                                  or span_of(spans, opens, queued) != span_of(spans, opens, done)):
            continue
        op = 'write' if (fields[ACTION] >> 16) & CATEGORY_WRITE else 'read'
        out.append(f'{queued} {done} {fields[SECTOR]} {fields[BYTES]} {op}')
print('\n'.join(out))
