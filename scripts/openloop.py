#!/usr/bin/env python3
"""An open-loop HTTP/1.1 load generator: requests are scheduled at a fixed rate whether or not
earlier ones have answered, and each latency is measured from when the request was *meant* to
go, so a slow server cannot hide its tail by slowing the client down (coordinated omission).

Usage: openloop.py URL --rate R --seconds S [--connections C] [--header 'Name: value' ...]
Prints the achieved rate, errors, and latency percentiles in milliseconds."""
import argparse
import asyncio
import urllib.parse

# The same open-loop scheduler as the mixed workload, with a mix of one request.
from mixed import Mix, opened


def run(url, rate, seconds, connections, headers):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (("?" + parts.query) if parts.query else "")
    mix = Mix([{"name": path, "method": "GET", "path": path, "headers": headers}], parts.netloc)
    latencies, errors, _, elapsed = asyncio.run(opened(parts.hostname, parts.port, mix, rate, seconds, connections))
    return latencies, [problem for _, problem in errors], elapsed


def percentile(values, fraction):
    return values[min(len(values) - 1, int(fraction * len(values)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args()
    latencies, errors, elapsed = run(args.url, args.rate, args.seconds, args.connections, args.header)
    latencies.sort()
    ms = [value * 1000 for value in latencies]
    print(f"target {args.rate:.0f}/s, achieved {len(ms) / elapsed:.0f}/s over {elapsed:.1f}s, {len(errors)} errors")
    print("latency ms: p50 {:.1f}  p90 {:.1f}  p99 {:.1f}  p99.9 {:.1f}  max {:.1f}".format(
        percentile(ms, 0.50), percentile(ms, 0.90), percentile(ms, 0.99), percentile(ms, 0.999), ms[-1]))


if __name__ == "__main__":
    main()
