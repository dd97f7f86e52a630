"""Where a coach turn's time goes: Rasa in-process with timers on its stages, plus cProfile.

Loads the model in this process with the coach's endpoints (SQL tracker store on a temporary
SQLite file, the action server started by scripts/stack.py under cProfile), walks the
conversations of scripts/bench.py one turn at a time, and prints the mean milliseconds per turn
of each stage: NLU, tracker store read/write, policy prediction, action server calls (by action,
including sending the tracker over HTTP), and the rest. `--stock` does the same for the stock
`rasa init` assistant (in-memory tracker store, no action server) built by `make bench`.
Run: .venv/bin/python scripts/bench_profile.py [--rounds 3] [--stock]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import io
import os
import pstats
import signal
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import COACH_CONVERSATIONS, QUIET_ENV, STOCK_CACHE, STOCK_CONVERSATIONS  # noqa: E402
from stack import BIN, MODEL, ROOT, Stack, free_port, wait_for  # noqa: E402

TIMINGS: dict[str, list[float]] = defaultdict(list)


def timed(owner: type, method: str, label: str | None = None) -> None:
    """Wrap an async or sync method so that every call's wall time is added to TIMINGS."""
    original = getattr(owner, method)

    def key(self) -> str:
        if label:
            return label
        return f"action server: {self.name()}"

    if asyncio.iscoroutinefunction(original):

        @functools.wraps(original)
        async def wrapper(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return await original(self, *args, **kwargs)
            finally:
                TIMINGS[key(self)].append(time.perf_counter() - start)

    else:

        @functools.wraps(original)
        def wrapper(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                TIMINGS[key(self)].append(time.perf_counter() - start)

    setattr(owner, method, wrapper)


def instrument() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker

    timed(MessageProcessor, "handle_message", "turn")
    timed(MessageProcessor, "parse_message", "NLU (parse_message)")
    timed(MessageProcessor, "_predict_next_with_tracker", "policies (predict next action)")
    timed(RemoteAction, "run")
    timed(DialogueStateTracker, "copy", "tracker.copy (replays all events)")
    for store in (SQLTrackerStore, InMemoryTrackerStore):
        timed(store, "retrieve", "tracker store: retrieve")
        timed(store, "save", "tracker store: save")


def start_actions(folder: Path) -> tuple[Stack, Path]:
    """The action server on a free port, under cProfile (its profile is written on exit)."""
    stack = Stack(folder / "logs", action_port=free_port(), env={**QUIET_ENV})
    profile = folder / "actions.prof"
    args = [str(BIN / "python"), "-m", "cProfile", "-o", str(profile), str(BIN / "rasa")]
    stack.actions = stack._spawn(
        "actions", [*args, "run", "actions", "--port", str(stack.action_port)]
    )
    wait_for(f"http://127.0.0.1:{stack.action_port}/health", 120, stack.actions)
    return stack, profile


def stop_actions(stack: Stack) -> None:
    stack.actions.send_signal(signal.SIGINT)  # Sanic stops cleanly and cProfile writes
    try:
        stack.actions.wait(timeout=30)
    except Exception:
        stack.stop()


async def load_agent(model: Path, endpoints: Path | None):
    from rasa.core.agent import load_agent as rasa_load_agent
    from rasa.core.utils import AvailableEndpoints

    available = AvailableEndpoints.read_endpoints(str(endpoints) if endpoints else None)
    return await rasa_load_agent(model_path=str(model), endpoints=available)


async def walk(agent, conversations: list[list[str]], rounds: int) -> int:
    turns = 0
    for _ in range(rounds):
        for conversation in conversations:
            sender = f"profile-{uuid.uuid4().hex[:8]}"
            for text in conversation:
                replies = await agent.handle_text(text, sender_id=sender)
                if not replies:
                    print(f"  (empty reply to {text!r})")
                turns += 1
    return turns


def report(title: str, turns: int, profile: cProfile.Profile, top: int) -> None:
    total = sum(TIMINGS["turn"])
    print(f"\n{title}: {turns} turns, mean {1000 * total / turns:.1f} ms per turn in-process")
    print(f"{'stage':48} {'ms/turn':>8} {'share':>6} {'calls/turn':>10}")
    for label, values in sorted(TIMINGS.items(), key=lambda item: -sum(item[1])):
        if label == "turn":
            continue
        spent = sum(values)
        print(
            f"{label:48} {1000 * spent / turns:8.1f} {100 * spent / total:5.0f}% "
            f"{len(values) / turns:10.2f}"
        )
    print_profile(profile, top)


def print_profile(profile: cProfile.Profile | pstats.Stats, top: int) -> None:
    """The `top` functions by own time (cProfile's table without its header)."""
    stream = io.StringIO()
    stats = profile if isinstance(profile, pstats.Stats) else pstats.Stats(profile)
    stats.stream = stream
    stats.sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in stream.getvalue().splitlines()[4:] if line.strip()))


async def profile_coach(rounds: int, top: int) -> None:
    with tempfile.TemporaryDirectory(prefix="profile-") as folder:
        folder = Path(folder)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'coach.db'}"
        stack, actions_profile = start_actions(folder)
        try:
            endpoints = folder / "endpoints.yml"
            text = (ROOT / "endpoints.yml").read_text()
            endpoints.write_text(text.replace("localhost:5055", f"localhost:{stack.action_port}"))
            agent = await load_agent(MODEL, endpoints)
            await walk(agent, COACH_CONVERSATIONS[:1], 1)  # warm-up
            TIMINGS.clear()
            profile = cProfile.Profile()
            profile.enable()
            turns = await walk(agent, COACH_CONVERSATIONS, rounds)
            profile.disable()
        finally:
            stop_actions(stack)
        report("Coach", turns, profile, top)
        if actions_profile.exists():
            print("\nAction server (cProfile of the whole process, by own time):")
            print_profile(pstats.Stats(str(actions_profile)), top)


async def profile_stock(rounds: int, top: int) -> None:
    project = next(STOCK_CACHE.glob("rasa-*"), None)
    if project is None:
        sys.exit("no stock assistant yet: run `make bench` first")
    agent = await load_agent(next((project / "models").glob("*.tar.gz")), None)
    await walk(agent, STOCK_CONVERSATIONS[:1], 1)
    TIMINGS.clear()
    profile = cProfile.Profile()
    profile.enable()
    turns = await walk(agent, STOCK_CONVERSATIONS, rounds * 3)
    profile.disable()
    report("Stock", turns, profile, top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each conversation is walked")
    parser.add_argument("--top", type=int, default=25, help="functions listed from cProfile")
    parser.add_argument("--stock", action="store_true", help="profile the stock assistant")
    args = parser.parse_args()
    os.environ.update(QUIET_ENV)
    sys.path.insert(0, str(ROOT))
    instrument()
    runner = profile_stock if args.stock else profile_coach
    asyncio.run(runner(args.rounds, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
