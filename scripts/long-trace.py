#!/usr/bin/env python3
"""A long replay trace, for measuring replay's time and memory against the trace's length.

Modelled on Linux's maple-tree fill test: STEPS/2 anywhere mmaps of 1, 2, ..., SIZES pages
(cycling), which on an empty address space land back to back from the base, then one munmap of
each, in the order they were made. With --live K at most K regions are live: after K fills the
top region is freed and a new one mapped in its place, over and over, then all are freed (the
state stays bounded, so only the trace grows). Every step carries its expected result, so a
replay that places differently reports a mismatch. With --placement fixed the fills are
fixed-noreplace mmaps (fixed when --fixed-kind fixed) at the addresses the anywhere fills get,
with the same expected results: a replay then does no O(regions) placement walk of the design's
own (SerenityOS's find_anywhere walks the regions from the bottom), so what is left to grow
with the live state is the checker's and the storage's.

    scripts/long-trace.py STEPS [--design serenity|reference] [--sizes N] [--live K] [--placement anywhere|fixed]
                          [--free-order made|reverse] > trace.json
    /usr/bin/time -v .build/release/regioncheck replay --quiet trace.json
"""
import argparse
import json

PAGE = 0x1000
BASE = 0x10000  # the serenity universe's base

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("steps", type=int, help="number of steps (even)")
parser.add_argument("--design", default="serenity", choices=["serenity", "reference"])
parser.add_argument("--sizes", type=int, default=16, help="fill sizes cycle through 1..SIZES pages")
parser.add_argument("--head", action="store_true",
                    help="serenity as at HEAD, without the fixes of its findings (which then fire: finding 10 at the first free)")
parser.add_argument("--live", type=int, default=None, help="at most K regions live at once")
parser.add_argument("--placement", default="anywhere", choices=["anywhere", "fixed"],
                    help="fixed: each fill is a fixed mmap at the address the anywhere fill would get")
parser.add_argument("--free-order", default="made", choices=["made", "reverse"],
                    help="free the regions in the order they were made (from the bottom) or the reverse (from the top)")
parser.add_argument("--fixed-kind", default="fixed-noreplace", choices=["fixed-noreplace", "fixed"],
                    help="the fixed placement --placement fixed uses")
args = parser.parse_args()

steps, ranges, address = [], [], BASE
def fill(i):
    global address
    size = (i % args.sizes + 1) * PAGE
    if args.placement == "anywhere":
        steps.append({"op": "mmap", "size": hex(size), "prot": "rw-", "placement": "anywhere", "expect": {"ok": hex(address)}})
    else:
        steps.append({"op": "mmap", "size": hex(size), "prot": "rw-", "placement": args.fixed_kind, "addr": hex(address),
                      "expect": {"ok": hex(address)}})
    ranges.append((address, size))
    address += size
def free(base, size):
    steps.append({"op": "munmap", "addr": hex(base), "size": hex(size), "expect": "ok"})

live = args.steps // 2 if args.live is None else min(args.live, args.steps // 2)
for i in range(live):
    fill(i)
i = live
while len(steps) + 2 + live <= args.steps:
    base, size = ranges.pop()  # the top region; its base is then the lowest fit again
    free(base, size)
    address = base
    fill(i)
    i += 1
for base, size in (ranges if args.free_order == "made" else reversed(ranges)):
    free(base, size)
fills = i

FIXES = ["exact-fit-windows", "intersecting-from-first-region", "intersecting-counts-covered-bytes",
         "fixed-null-is-an-address", "atomic-fixed-mmap", "roll-back-failed-splits", "remap-failure-rolls-back",
         "keep-tables-of-mapped-regions", "inaccessible-map-releases-tables"]
trace = {
    "format": "regioncheck-trace", "version": 1,
    "description": f"{fills} {args.placement} fills of 1..{args.sizes} pages, at most {live} live, each freed (scripts/long-trace.py)",
    "universe": "serenity", "design": args.design,
}
if args.design == "serenity" and not args.head:
    trace["fixes"] = FIXES
trace["steps"] = steps
print(json.dumps(trace, indent=1))
