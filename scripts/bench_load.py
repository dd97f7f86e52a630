"""Load and measurements for `make bench`: virtual users over REST, latency figures, memory.

A virtual user sends its next message only once the previous reply has arrived (closed loop);
each conversation gets its own sender id. A turn is an error when the answer is not 200 or
the reply list is empty (timeouts and refused connections count too).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

REQUEST_TIMEOUT = 120


@dataclass
class Turn:
    message: str
    seconds: float
    ok: bool


@dataclass
class Phase:
    """The turns of one load phase (one assistant, one number of users) and how long it ran."""

    users: int
    elapsed: float = 0.0
    turns: list[Turn] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation; None when there is no value."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(phases: list[Phase]) -> dict:
    """Latency percentiles (ms, successful turns), turns/s and errors over some phases."""
    turns = [t for p in phases for t in p.turns]
    ok = [t.seconds * 1000 for t in turns if t.ok]
    elapsed = sum(p.elapsed for p in phases)
    return {
        "turns": len(turns),
        "errors": len(turns) - len(ok),
        "elapsed_s": round(elapsed, 2),
        "turns_per_s": round(len(turns) / elapsed, 2) if elapsed else 0.0,
        **{f"p{q}_ms": _round(percentile(ok, q)) for q in (50, 95, 99)},
        "per_phase_turns_per_s": [round(len(p.turns) / p.elapsed, 2) for p in phases if p.elapsed],
        "errors_by_message": _count(t.message for t in turns if not t.ok),
    }


def _count(texts) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    return counts


def by_message(phases: list[Phase]) -> dict[str, float]:
    """Median latency (ms) of each message text, slowest first."""
    seen: dict[str, list[float]] = {}
    for turn in (t for p in phases for t in p.turns if t.ok):
        seen.setdefault(turn.message, []).append(turn.seconds * 1000)
    medians = {text: _round(percentile(values, 50)) for text, values in seen.items()}
    return dict(sorted(medians.items(), key=lambda item: -item[1]))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


async def _turn(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> Turn:
    start = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            body = await response.json(content_type=None) if response.status == 200 else None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        body = None
    return Turn(text, time.perf_counter() - start, bool(body))


async def _user(session, url, conversations, name, deadline, max_turns, turns) -> None:
    """One virtual user: conversation after conversation, each under a new sender id."""
    sent = 0
    conversation = 0
    while True:
        sender = f"{name}-{conversation}-{uuid.uuid4().hex[:8]}"
        for text in conversations[conversation % len(conversations)]:
            if time.monotonic() >= deadline or (max_turns and sent >= max_turns):
                return
            turns.append(await _turn(session, url, sender, text))
            sent += 1
        conversation += 1


async def run_phase(
    url: str,
    conversations: list[list[str]],
    users: int,
    seconds: float,
    max_turns: int = 0,
    name: str = "bench",
) -> Phase:
    """`users` virtual users for `seconds` (or `max_turns` turns each, if sooner).

    User i starts at conversation i so that concurrent users are at different places.
    """
    phase = Phase(users)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(
        timeout=timeout, connector=aiohttp.TCPConnector(limit=0)
    ) as session:
        start = time.monotonic()
        rotated = [conversations[i:] + conversations[:i] for i in range(len(conversations))]
        await asyncio.gather(
            *(
                _user(
                    session,
                    url,
                    rotated[i % len(rotated)],
                    f"{name}-u{i}",
                    start + seconds,
                    max_turns,
                    phase.turns,
                )
                for i in range(users)
            )
        )
        phase.elapsed = time.monotonic() - start
    return phase


async def run_sustained(
    url: str,
    conversations: list[list[str]],
    users: int,
    seconds: float,
    memory: Callable[[], dict[str, float]],
    every: float = 10,
    name: str = "sustained",
) -> tuple[Phase, list[tuple[float, dict[str, float]]]]:
    """A long phase with resident memory sampled every `every` seconds (and at the end)."""
    samples: list[tuple[float, dict[str, float]]] = []
    start = time.monotonic()

    async def sample() -> None:
        while True:
            samples.append((round(time.monotonic() - start, 1), memory()))
            await asyncio.sleep(every)

    sampler = asyncio.create_task(sample())
    phase = await run_phase(url, conversations, users, seconds, name=name)
    sampler.cancel()
    samples.append((round(time.monotonic() - start, 1), memory()))
    return phase, samples


async def parse_latencies(url: str, texts: list[str], repeats: int) -> list[float]:
    """NLU alone: POST /model/parse for each text, sequentially; latencies in ms."""
    latencies = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)) as s:
        for _ in range(repeats):
            for text in texts:
                start = time.perf_counter()
                async with s.post(url, json={"text": text}) as response:
                    await response.read()
                    if response.status == 200:
                        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of `pid` and all its descendants, in MiB."""
    return round(sum(_vmrss_kb(p) for p in _process_tree(pid)) / 1024, 1)


def _vmrss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _process_tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree
