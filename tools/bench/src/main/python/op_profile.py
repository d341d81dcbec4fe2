"""Self time per libtorch operator in a Chrome trace, as libtorch's profiler writes one (torch's
`export_chrome_trace`, DJL's `JniUtils.stopProfile`): an operator's self time is its duration less that of
the operators it called (events nest by time on one thread). Used by `ijae_step_timing.py --mode ops` to set
one Java step and one PyTorch step side by side, operator by operator.
"""
import collections
import json


class OpProfile:
    """Per operator name: self microseconds and calls; and the time the top-level operators took."""

    def __init__(self, path):
        with open(path) as f:
            events = json.load(f)
        if isinstance(events, dict):
            events = events.get("traceEvents", [])
        events = [e for e in events if e.get("ph") == "X"]
        if not events:
            raise ValueError("%s holds no operator events" % path)
        self.self_us = collections.Counter()
        self.calls = collections.Counter()
        self.top_level_us = 0.0
        by_thread = collections.defaultdict(list)
        for event in events:
            by_thread[event["tid"]].append(event)
        for thread_events in by_thread.values():
            self._add_thread(thread_events)
        self.span_us = max(e["ts"] + e["dur"] for e in events) - min(e["ts"] for e in events)

    def _add_thread(self, events):
        events.sort(key=lambda e: (e["ts"], -e["dur"]))
        open_events = []
        for event in events:
            while open_events and event["ts"] >= open_events[-1]["ts"] + open_events[-1]["dur"]:
                open_events.pop()
            self.self_us[event["name"]] += event["dur"]
            self.calls[event["name"]] += 1
            if open_events:
                self.self_us[open_events[-1]["name"]] -= event["dur"]
            else:
                self.top_level_us += event["dur"]
            open_events.append(event)


def print_comparison(left_name, left, right_name, right, out, rows=20):
    """The operators whose self time differs most between the two profiles, largest difference first."""
    names = set(left.self_us) | set(right.self_us)
    ordered = sorted(names, key=lambda n: -abs(left.self_us[n] - right.self_us[n]))
    print("%-40s %12s %7s %12s %7s %10s" % ("operator (self time)", left_name + " ms", "calls", right_name + " ms",
                                            "calls", "diff ms"), file=out)
    for name in ordered[:rows]:
        l_ms, r_ms = left.self_us[name] / 1e3, right.self_us[name] / 1e3
        print("%-40s %12.1f %7d %12.1f %7d %+10.1f" % (name[:40], l_ms, left.calls[name], r_ms, right.calls[name],
                                                      l_ms - r_ms), file=out)
    print("%-40s %12.1f %7d %12.1f %7d %+10.1f" % (
        "all operators", left.top_level_us / 1e3, sum(left.calls.values()), right.top_level_us / 1e3,
        sum(right.calls.values()), (left.top_level_us - right.top_level_us) / 1e3), file=out)
