"""Where a coach turn's time goes: Rasa in-process with timers on its stages, plus cProfile.

Loads the model in this process with the coach's endpoints (SQL tracker store on a temporary
SQLite file, the action server started by scripts/stack.py), walks the
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
import logging
import os
import re
import pstats
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
    from rasa.utils.endpoints import EndpointConfig

    timed(MessageProcessor, "handle_message", "turn")
    timed(MessageProcessor, "parse_message", "NLU (parse_message)")
    timed(MessageProcessor, "_predict_next_with_tracker", "policies (predict next action)")
    timed(RemoteAction, "run")
    timed(RemoteAction, "_action_call_format", "  of which: request body (tracker + domain)")
    timed(EndpointConfig, "request", "  of which: HTTP to the action server + its work")
    timed(RemoteAction, "_validate_action_result", "  of which: jsonschema check of the reply")
    timed(DialogueStateTracker, "copy", "tracker.copy (replays all events)")
    for store in (SQLTrackerStore, InMemoryTrackerStore):
        timed(store, "retrieve", "tracker store: retrieve")
        timed(store, "save", "tracker store: save")


def cache_response_validator() -> None:
    """What-if: check action replies with one compiled validator instead of
    `jsonschema.validate`, which re-checks Rasa's large events schema on every call."""
    from jsonschema import ValidationError, validators
    from jsonschema.exceptions import best_match
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(spec)(spec)

    def validate(self, result):
        error = best_match(validator.iter_errors(result))
        if error is not None:
            raise ValidationError(error.message)
        return True

    RemoteAction._validate_action_result = validate


def selective_domain() -> None:
    """What-if: send the domain only to the form validation actions, which read it (Rasa's
    `enable_selective_domain: true` with `send_domain: true` on those two in domain.yml)."""
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._action_call_format

    def call_format(self, tracker, domain):
        body = original(self, tracker, domain)
        if not self.name().startswith("validate_"):
            body.pop("domain", None)
        return body

    RemoteAction._action_call_format = call_format


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
                replies = await agent.handle_text(text, sender_id=sender)
                if not replies:
                    print(f"  (empty reply to {text!r})")
                turns += 1
    return turns


def report(title: str, turns: int) -> None:
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


async def measure(agent, conversations: list[list[str]], rounds: int, top: int) -> None:
    """A warm-up, a timed walk (stage timers only), then one walk under cProfile."""
    await walk(agent, conversations[:1], 1)
    TIMINGS.clear()
    turns = await walk(agent, conversations, rounds)
    report("Stage timers", turns)
    profile = cProfile.Profile()
    profile.enable()
    await walk(agent, conversations, 1)
    profile.disable()
    print("\ncProfile of one more walk, functions by own time (cProfile slows Python code):")
    print_profile(profile, top)


def print_profile(profile: cProfile.Profile, top: int) -> None:
    """The `top` functions by own time (cProfile's table without its header)."""
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in stream.getvalue().splitlines()[4:] if line.strip()))


async def profile_coach(rounds: int, top: int, memory_tracker_store: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="profile-") as folder:
        folder = Path(folder)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'coach.db'}"
        stack = Stack(folder / "logs", action_port=free_port())
        try:
            stack.start_actions()
            endpoints = folder / "endpoints.yml"
            text = (ROOT / "endpoints.yml").read_text()
            if memory_tracker_store:  # what-if: Rasa's default InMemoryTrackerStore
                text = re.sub(r"^tracker_store:\n(?: .*\n)*", "", text, flags=re.M)
            endpoints.write_text(text.replace("localhost:5055", f"localhost:{stack.action_port}"))
            agent = await load_agent(MODEL, endpoints)
            await measure(agent, COACH_CONVERSATIONS, rounds, top)
        finally:
            stack.stop()


async def profile_stock(rounds: int, top: int, memory_tracker_store: bool = False) -> None:
    agent = await load_agent(stock_model(ensure_stock()[0]), None)
    await measure(agent, STOCK_CONVERSATIONS, rounds * 3, top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each conversation is walked")
    parser.add_argument("--top", type=int, default=25, help="functions listed from cProfile")
    parser.add_argument("--stock", action="store_true", help="profile the stock assistant")
    parser.add_argument(
        "--cached-validator", action="store_true", help="what-if: compile the reply schema once"
    )
    parser.add_argument(
        "--memory-tracker-store", action="store_true", help="what-if: no SQL tracker store"
    )
    parser.add_argument(
        "--selective-domain", action="store_true", help="what-if: domain only to validate_*"
    )
    args = parser.parse_args()
    os.environ.update(QUIET_ENV)
    quiet_logs()
    sys.path.insert(0, str(ROOT))
    if args.cached_validator:
        cache_response_validator()
    if args.selective_domain:
        selective_domain()
    instrument()
    runner = profile_stock if args.stock else profile_coach
    asyncio.run(runner(args.rounds, args.top, args.memory_tracker_store))
    return 0


if __name__ == "__main__":
    sys.exit(main())
