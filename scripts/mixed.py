#!/usr/bin/env python3
"""A mixed workload, as a working day sends it: peer workers browsing their caseloads, opening
relationships, saving conversations, and another system reading and writing through the API.

Two phases against a running server:
  1. closed loop, as fast as the server answers (--connections at once, --max-seconds), to find
     the mix's maximum rate;
  2. open loop at half that rate for --seconds (the soak), each latency measured from when its
     request was due, with the server's memory (VmRSS of --pid) at the start and the end, and
     every --sample-every seconds in between, to show whether it levels off.

The mix is a JSON file of requests with weights: [{"weight": 4, "method": "GET", "path": "/caseload",
"headers": ["Cookie: …"], "body": "", "ok": [200]}, …]. Prints throughput, p50, p99, errors."""
import argparse
import asyncio
import json
import random
import time


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length, chunked = None, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


def encode(entry, host):
    body = entry.get("body", "").encode()
    lines = [f"{entry['method']} {entry['path']} HTTP/1.1", f"Host: {host}"] + entry.get("headers", [])
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Mix:
    def __init__(self, entries, host, seed=7):
        self.entries = entries
        self.requests = [encode(entry, host) for entry in entries]
        self.weights = [entry.get("weight", 1) for entry in entries]
        self.random = random.Random(seed)

    def pick(self):
        index = self.random.choices(range(len(self.entries)), self.weights)[0]
        return index, self.requests[index], self.entries[index].get("ok", [200])


async def worker(host, port, mix, queue, latencies, errors, counts):
    reader, writer = await asyncio.open_connection(host, port)
    while True:
        intended = await queue.get() if queue else time.perf_counter()
        if intended is None or (not queue and time.perf_counter() > worker.deadline):
            writer.close()
            return
        index, request, ok = mix.pick()
        try:
            writer.write(request)
            await writer.drain()
            status = await read_response(reader)
            if status not in ok:
                errors.append((mix.entries[index]["name"], status))
        except Exception as error:  # a dropped connection is an error; reconnect and go on
            errors.append((mix.entries[index]["name"], repr(error)))
            reader, writer = await asyncio.open_connection(host, port)
        counts[index] += 1
        latencies.append(time.perf_counter() - intended)


async def closed(host, port, mix, seconds, connections):
    latencies, errors, counts = [], [], [0] * len(mix.entries)
    worker.deadline = time.perf_counter() + seconds
    start = time.perf_counter()
    await asyncio.gather(*[worker(host, port, mix, None, latencies, errors, counts) for _ in range(connections)])
    return latencies, errors, counts, time.perf_counter() - start


async def sample(pid, every, start, samples):
    while True:
        await asyncio.sleep(every)
        samples.append((time.perf_counter() - start, rss(pid)))


async def opened(host, port, mix, rate, seconds, connections, pid=None, every=60, samples=None):
    queue = asyncio.Queue()
    latencies, errors, counts = [], [], [0] * len(mix.entries)
    workers = [asyncio.create_task(worker(host, port, mix, queue, latencies, errors, counts)) for _ in range(connections)]
    await asyncio.sleep(0.2)
    start = time.perf_counter()
    sampler = asyncio.create_task(sample(pid, every, start, samples)) if pid and samples is not None else None
    for index in range(int(rate * seconds)):
        intended = start + index / rate
        delay = intended - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait(intended)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    if sampler:
        sampler.cancel()
    return latencies, errors, counts, time.perf_counter() - start


def rss(pid):
    """VmRSS, and its parts: RssAnon (the heap: what a leak grows) and RssFile (pages of mapped files,
    here mostly the database file the readers map, which the kernel can drop)."""
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    return {name: int(fields[name].split()[0]) for name in ("VmRSS", "RssAnon", "RssFile")}


def report(title, mix, latencies, errors, counts, elapsed):
    ms = sorted(value * 1000 for value in latencies)
    pick = lambda fraction: ms[min(len(ms) - 1, int(fraction * len(ms)))] if ms else float("nan")
    print(f"{title}: {len(ms)} requests in {elapsed:.1f}s = {len(ms) / elapsed:.0f}/s, {len(errors)} errors; "
          f"latency ms p50 {pick(0.5):.1f}  p99 {pick(0.99):.1f}  max {ms[-1] if ms else float('nan'):.1f}")
    print("  mix: " + ", ".join(f"{entry['name']} {count}" for entry, count in zip(mix.entries, counts)))
    for name, problem in errors[:5]:
        print(f"  error: {name}: {problem}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mix", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--max-seconds", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--sample-every", type=float, default=60)
    args = parser.parse_args()
    with open(args.mix) as file:
        mix = Mix(json.load(file), f"{args.host}:{args.port}")
    result = asyncio.run(closed(args.host, args.port, mix, args.max_seconds, args.connections))
    report("maximum (closed loop)", mix, *result)
    rate = len(result[0]) / result[3] / 2
    before = rss(args.pid)
    samples = []
    result = asyncio.run(opened(args.host, args.port, mix, rate, args.seconds, 64, args.pid, args.sample_every, samples))
    after = rss(args.pid)
    report(f"soak at half the maximum ({rate:.0f}/s, open loop)", mix, *result)
    print("server memory during the soak, kB (VmRSS / RssAnon): start " + f"{before['VmRSS']} / {before['RssAnon']}; "
          + "; ".join(f"{at:.0f}s {memory['VmRSS']} / {memory['RssAnon']}" for at, memory in samples)
          + f"; end {after['VmRSS']} / {after['RssAnon']}")
    for name in ("VmRSS", "RssAnon", "RssFile"):
        print(f"server memory ({name}): {before[name]} kB at the start of the soak, {after[name]} kB at the end "
              f"({(after[name] - before[name]) / max(1, before[name]):+.1%})")


if __name__ == "__main__":
    main()
