"""Where a turn's time goes: Rasa in-process with timers on its stages, then cProfile.

Loads the model in this process with the coach's endpoints (SQL tracker store on a temporary
SQLite file; the action server started by scripts/stack.py), walks the conversations of
scripts/bench.py one turn at a time and prints the mean milliseconds per turn of each stage:
NLU, tracker store, policies, each custom action (the HTTP round trip, building the request,
and Rasa's JSON-schema check of the reply). `--stock` profiles the stock `rasa init` assistant.
What-if, measured without touching the project: `--memory-tracker-store` (Rasa's in-memory
tracker store instead of the SQL one).

    .venv/bin/python scripts/bench_profile.py [--stock] [--memory-tracker-store] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import io
import json
import logging
import os
import pstats
import re
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (  # noqa: E402
    COACH_CONVERSATIONS,
    QUIET_ENV,
    STOCK_CONVERSATIONS,
    ensure_stock,
    stock_model,
)
from stack import MODEL, ROOT, Stack, free_port  # noqa: E402

TIMINGS: dict[str, list[float]] = defaultdict(list)
TURN = "turn"


def timed(owner: type, method: str, label: str | None = None) -> None:
    """Wrap a method so that each call's wall time goes to TIMINGS under `label` (default:
    the custom action's name)."""
    original = getattr(owner, method)

    def record(self, start: float) -> None:
        TIMINGS[label or f"action {self.name()}"].append(time.perf_counter() - start)

    if asyncio.iscoroutinefunction(original):

        @functools.wraps(original)
        async def wrapper(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return await original(self, *args, **kwargs)
            finally:
                record(self, start)

    else:

        @functools.wraps(original)
        def wrapper(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                record(self, start)

    setattr(owner, method, wrapper)


def instrument() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import InMemoryTrackerStore
    from rasa.utils.endpoints import EndpointConfig

    from coach.tracker_store import UrlSQLTrackerStore

    timed(MessageProcessor, "handle_message", TURN)
    timed(MessageProcessor, "parse_message", "NLU (whole pipeline)")
    timed(MessageProcessor, "_predict_next_with_tracker", "policies (each prediction)")
    timed(RemoteAction, "run")
    timed(RemoteAction, "_action_call_format", "custom actions: building the request")
    timed(EndpointConfig, "request", "custom actions: HTTP round trip (incl. action server)")
    timed(RemoteAction, "_validate_action_result", "custom actions: jsonschema check of reply")
    for store in (UrlSQLTrackerStore, InMemoryTrackerStore):
        timed(store, "retrieve", "tracker store: retrieve")
        timed(store, "save", "tracker store: save")


def quiet_logs() -> None:
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)


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
                if not await agent.handle_text(text, sender_id=sender):
                    print(f"  (empty reply to {text!r})")
                turns += 1
    return turns


def stages(turns: int) -> dict:
    """Mean ms per turn and calls per turn of each timed stage, largest first."""
    ordered = sorted(TIMINGS.items(), key=lambda item: -sum(item[1]))
    return {
        "turns": turns,
        "ms_per_turn": round(1000 * sum(TIMINGS[TURN]) / turns, 1),
        "stages": {
            label: {
                "ms_per_turn": round(1000 * sum(values) / turns, 1),
                "calls_per_turn": round(len(values) / turns, 2),
            }
            for label, values in ordered
            if label != TURN
        },
    }


def print_stages(found: dict) -> None:
    total = found["ms_per_turn"]
    print(f"\n{found['turns']} turns, mean {total} ms per turn in-process")
    print(f"{'stage':56} {'ms/turn':>8} {'share':>6} {'calls/turn':>10}")
    for label, figures in found["stages"].items():
        ms = figures["ms_per_turn"]
        print(f"{label:56} {ms:8.1f} {100 * ms / total:5.0f}% {figures['calls_per_turn']:10.2f}")


def print_profile(profile: cProfile.Profile, top: int) -> None:
    """The `top` functions by own time (cProfile's table without its header)."""
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in stream.getvalue().splitlines()[4:] if line.strip()))


async def measure(agent, conversations: list[list[str]], rounds: int, top: int) -> dict:
    """A warm-up, a walk with the stage timers, then (if `top`) one walk under cProfile."""
    await walk(agent, conversations[:1], 1)
    TIMINGS.clear()
    found = stages(await walk(agent, conversations, rounds))
    print_stages(found)
    if top:
        profile = cProfile.Profile()
        profile.enable()
        await walk(agent, conversations, 1)
        profile.disable()
        print("\ncProfile of one more walk, by own time (cProfile slows Python code down):")
        print_profile(profile, top)
    return found


def coach_endpoints(folder: Path, action_port: int, memory_tracker_store: bool) -> Path:
    text = (ROOT / "endpoints.yml").read_text()
    if memory_tracker_store:
        text = re.sub(r"^tracker_store:\n(?: .*\n)*", "", text, flags=re.M)
    path = folder / "endpoints.yml"
    path.write_text(text.replace("localhost:5055", f"localhost:{action_port}"))
    return path


async def profile_coach(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="profile-") as folder:
        folder = Path(folder)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'coach.db'}"
        stack = Stack(folder / "logs", action_port=free_port())
        try:
            stack.start_actions()
            endpoints = coach_endpoints(folder, stack.action_port, args.memory_tracker_store)
            agent = await load_agent(args.model, endpoints)
            return await measure(agent, COACH_CONVERSATIONS, args.rounds, args.top)
        finally:
            stack.stop()


async def profile_stock(args: argparse.Namespace) -> dict:
    agent = await load_agent(stock_model(ensure_stock()[0]), None)
    # the stock's conversations are 4 turns: walk them more often for a similar count
    return await measure(agent, STOCK_CONVERSATIONS, args.rounds * 3, args.top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each conversation is walked")
    parser.add_argument("--top", type=int, default=20, help="cProfile lines (0: no cProfile)")
    parser.add_argument("--stock", action="store_true", help="profile the stock assistant")
    parser.add_argument("--memory-tracker-store", action="store_true", help="what-if, see above")
    parser.add_argument("--model", type=Path, default=MODEL, help="the coach's model")
    parser.add_argument("--json", type=Path, help="also write the stage figures here")
    args = parser.parse_args(argv)
    os.environ.update(QUIET_ENV)
    sys.path.insert(0, str(ROOT))
    quiet_logs()
    instrument()
    found = asyncio.run(profile_stock(args) if args.stock else profile_coach(args))
    if args.json:
        args.json.write_text(json.dumps(found, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
