#!/usr/bin/env python3
"""Turns the ftrace blk tracer's binary output (tracefs options/bin) into blktrace's per-CPU
files for blkparse and btt. Each ftrace entry is its header (pid, cpu, timestamp) followed by a
struct blk_io_trace and its payload; blkparse wants the traces alone, split by CPU, each CPU's
numbered in sequence.
  ftrace_to_blktrace.py INPUT PREFIX [SPANS]    writes PREFIX.blktrace.CPU, prints the trace count
SPANS ("OPEN-CLOSE OPEN-CLOSE ...", nanoseconds in the trace's clock) keeps only the traces
inside one of them."""
import bisect, struct, sys

ENTRY = struct.Struct('<iIQ')  # ftrace's entry header: pid, cpu, timestamp
# struct blk_io_trace: magic, sequence, time, sector, bytes, action, pid, device, cpu, error,
# pdu_len
TRACE = struct.Struct('<IIQQIIIIIHH')
TIME, SECTOR, BYTES, ACTION, CPU, PDU_LEN = 2, 3, 4, 5, 8, 10


def parse_spans(text):
    """SPANS as sorted (open, close) pairs."""
    return sorted(tuple(map(int, s.split('-'))) for s in text.split())


def span_of(spans, opens, time):
    """The index of the span holding `time` (`opens`: the spans' opening times), or None."""
    i = bisect.bisect_right(opens, time) - 1
    return i if i >= 0 and time <= spans[i][1] else None


def traces(path):
    """Each trace of the ftrace binary file at `path`: its blk_io_trace fields and payload."""
    data = open(path, 'rb').read()
    pos = 0
    while pos + ENTRY.size + TRACE.size <= len(data):
        pos += ENTRY.size
        fields = list(TRACE.unpack_from(data, pos))
        pdu = data[pos + TRACE.size:pos + TRACE.size + fields[PDU_LEN]]
        pos += TRACE.size + fields[PDU_LEN]
        yield fields, pdu


def main():
    src, prefix = sys.argv[1], sys.argv[2]
    spans = parse_spans(sys.argv[3]) if len(sys.argv) > 3 else None
    opens = [s[0] for s in spans or []]
    outs, seqs = {}, {}
    for fields, pdu in traces(src):
        cpu = fields[CPU]  # the trace's own CPU (the entry header's is the reader's)
        if spans is not None and span_of(spans, opens, fields[TIME]) is None:
            continue
        seqs[cpu] = seqs.get(cpu, 0) + 1
        fields[1] = seqs[cpu]
        if cpu not in outs:
            outs[cpu] = open(f'{prefix}.blktrace.{cpu}', 'wb')
        outs[cpu].write(TRACE.pack(*fields) + pdu)
    for f in outs.values():
        f.close()
    # blkparse reads PREFIX.blktrace.0, .1, ... and stops at the first missing one.
    for cpu in range(max(outs, default=-1)):
        if cpu not in outs:
            open(f'{prefix}.blktrace.{cpu}', 'wb').close()
    print(sum(seqs.values()))


if __name__ == '__main__':
    main()
