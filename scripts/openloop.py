#!/usr/bin/env python3
"""An open-loop HTTP/1.1 load generator: requests are scheduled at a fixed rate whether or not
earlier ones have answered, and each latency is measured from when the request was *meant* to
go, so a slow server cannot hide its tail by slowing the client down (coordinated omission).

Usage: openloop.py URL --rate R --seconds S [--connections C] [--header 'Name: value' ...]
Prints the achieved rate, errors, and latency percentiles in milliseconds."""
import argparse
import asyncio
import time
import urllib.parse

from mixed import read_response  # one reader of HTTP/1.1 answers for both load generators


async def worker(queue, url, headers, latencies, errors):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (("?" + parts.query) if parts.query else "")
    request = (f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode()
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    while True:
        intended = await queue.get()
        if intended is None:
            writer.close()
            return
        try:
            writer.write(request)
            await writer.drain()
            status = await read_response(reader)
            if status != 200:
                errors.append(status)
        except Exception as error:  # a dropped connection counts as an error, then reconnect
            errors.append(repr(error))
            reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        latencies.append(time.perf_counter() - intended)


async def run(url, rate, seconds, connections, headers):
    queue = asyncio.Queue()
    latencies, errors = [], []
    workers = [asyncio.create_task(worker(queue, url, headers, latencies, errors)) for _ in range(connections)]
    await asyncio.sleep(0.2)
    start = time.perf_counter()
    total = int(rate * seconds)
    for index in range(total):
        intended = start + index / rate
        delay = intended - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait(intended)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


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
    latencies, errors, elapsed = asyncio.run(run(args.url, args.rate, args.seconds, args.connections, args.header))
    latencies.sort()
    ms = [value * 1000 for value in latencies]
    print(f"target {args.rate:.0f}/s, achieved {len(ms) / elapsed:.0f}/s over {elapsed:.1f}s, {len(errors)} errors")
    print("latency ms: p50 {:.1f}  p90 {:.1f}  p99 {:.1f}  p99.9 {:.1f}  max {:.1f}".format(
        percentile(ms, 0.50), percentile(ms, 0.90), percentile(ms, 0.99), percentile(ms, 0.999), ms[-1]))


if __name__ == "__main__":
    main()
