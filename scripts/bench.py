"""`make bench`: the coach side by side with a stock `rasa init` assistant, in one run.

Both run on this machine with the same Rasa, and every load phase alternates between them
(coach, stock, stock, coach, ...), so drift in the machine's load hits both alike. Measured:
per-turn latency and turns/s over REST at 1, 10 and 50 concurrent users, NLU-only latency,
cold start, resident memory, a sustained run, model size and training time, where a turn's time
goes (scripts/bench_profile.py); for the coach also the held-out NLU and safety figures. Writes
benchmarks.md and bench-latency.png to --out (docs/ by default, results/bench-smoke/ with
--smoke) and the raw figures to --json. A full run takes about 20 minutes (+6 with --train).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_load as load  # noqa: E402
import bench_report  # noqa: E402
from stack import BIN, MODEL, ROOT, Stack, free_port, wait_for  # noqa: E402

BUILD = ROOT / "build" / "bench"
STOCK_CACHE = ROOT / "build" / "bench-stock"
COACH_TRAINING_RECORD = BUILD / "coach-training.json"
TOKEN = "bench-token"
QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "RASA_TELEMETRY_ENABLED": "false",
    "RASA_MAX_CACHE_SIZE": "0",  # no training cache: every training starts from scratch
}

# Free-text conversations that walk the coach's steps (from tests/test_full_walk.py and
# tests/test_conversation.py): screening, steps and notes, navigation, FAQs, a disclosure.
COACH_CONVERSATIONS = [
    [
        "hey",
        "yes i am",
        "we argued constantly about small things and stopped really talking",
        "i love her and i think we could be good together if we communicate",
        "no it's my own choice",
        "done, i muted her chat",
        "i want to be more patient and actually listen",
        "ok next step",
        "where am i?",
        "will he ever come back to me?",
        "finished that",
        "we fought about chores, we could split them and talk every sunday",
        "take me to step nine",
        "what should i text her?",
        "done",
        "i want to start over",
    ],
    [
        "hello",
        "yeah",
        "we had a misunderstanding and stopped talking",
        "we were really happy and i think we can fix it",
        "nope",
        "ok i did it, what's next?",
        "skip",
        "skip this step",
        "go back",
        "can you really get your ex back?",
        "go to step 6",
        "he left me on read",
        "/help",
    ],
    [
        "hi",
        "yes i'm safe",
        "distance, she moved away",
        "honestly i'm just so lonely without her",
        "no, it's my own decision",
        "where am i",
        "how do i make him want me back",
        "he blocked me everywhere and said never contact him again",
        "what's next",
        "purple elephants dancing on the fridge",
    ],
]
# The stock assistant's own stories and rules: greet, moods, affirm/deny, bot challenge, bye.
STOCK_CONVERSATIONS = [
    ["hello", "I am sad", "yes", "bye"],
    ["hi", "I am feeling very good", "are you a bot?", "goodbye"],
    ["hey there", "my day was horrible", "no", "see you later"],
]


@dataclass
class Settings:
    smoke: bool
    levels: list[int]
    rounds: int
    phase_seconds: float
    max_turns: int
    cold_starts: int
    warmup_seconds: float
    parse_repeats: int
    sustained_seconds: float
    sustained_users: int
    sample_every: float


SMOKE = Settings(
    smoke=True,
    levels=[1, 2],
    rounds=1,
    phase_seconds=3,
    max_turns=4,
    cold_starts=1,
    warmup_seconds=0,
    parse_repeats=1,
    sustained_seconds=5,
    sustained_users=2,
    sample_every=2,
)
FULL = Settings(
    smoke=False,
    levels=[1, 10, 50],
    rounds=2,
    phase_seconds=20,
    max_turns=0,
    cold_starts=3,
    warmup_seconds=5,
    parse_repeats=3,
    sustained_seconds=300,
    sustained_users=20,
    sample_every=10,
)
OVERRIDABLE = (
    "levels",
    "rounds",
    "phase_seconds",
    "cold_starts",
    "sustained_seconds",
    "sustained_users",
)


def settings(args: argparse.Namespace) -> Settings:
    """The load of a full run, or a tiny one with --smoke; explicit flags win."""
    chosen = replace(SMOKE if args.smoke else FULL)
    for name in OVERRIDABLE:
        if getattr(args, name) is not None:
            setattr(chosen, name, getattr(args, name))
    return chosen


# --- the two assistants ---------------------------------------------------------------------


class StockStack(Stack):
    """The stock assistant: Rasa alone with its own files and its API open (no token).

    `rasa init`'s project has no custom action in its stories or rules, so no action server.
    """

    def __init__(self, project: Path, log_dir: Path, rasa_port: int) -> None:
        super().__init__(log_dir, rasa_port=rasa_port, model=stock_model(project))
        self.project = project

    def start_rasa(self, timeout: float = 240) -> None:
        self.rasa = self._spawn(
            "rasa",
            [
                str(BIN / "rasa"),
                "run",
                "--model",
                str(self.model),
                "--endpoints",
                str(self.project / "endpoints.yml"),
                "--credentials",
                str(self.project / "credentials.yml"),
                "--port",
                str(self.rasa_port),
                "--enable-api",
            ],
        )
        wait_for(f"{self.url}/status", timeout, self.rasa)


@dataclass
class Assistant:
    """One side of the comparison: how to start it and what its users say."""

    name: str
    make_stack: Callable[[], Stack]
    conversations: list[list[str]]
    with_actions: bool
    token: str | None = None
    stack: Stack | None = field(default=None, repr=False)

    def _api(self, path: str) -> str:
        query = f"?token={self.token}" if self.token else ""
        return f"{self.stack.url}{path}{query}"

    @property
    def webhook(self) -> str:
        return f"{self.stack.url}/webhooks/rest/webhook"

    def start(self) -> dict[str, float]:
        """Start from nothing; seconds until the action server / Rasa's /status answered."""
        self.stack = self.make_stack()
        seconds = {}
        if self.with_actions:
            began = time.monotonic()
            self.stack.start_actions()
            seconds["actions"] = time.monotonic() - began
        began = time.monotonic()
        self.stack.start_rasa()
        wait_for(self._api("/status"), 60, self.stack.rasa)
        seconds["rasa"] = time.monotonic() - began
        return {k: round(v, 1) for k, v in seconds.items()}

    def stop(self) -> None:
        if self.stack is not None:
            self.stack.stop()

    def memory(self) -> dict[str, float]:
        """Resident MiB of Rasa (and the action server), each with its child processes."""
        figures = {"rasa": load.rss_mb(self.stack.rasa.pid)}
        if self.with_actions:
            figures["actions"] = load.rss_mb(self.stack.actions.pid)
        figures["total"] = round(sum(figures.values()), 1)
        return figures

    def phase(self, users: int, seconds: float, max_turns: int = 0) -> load.Phase:
        return asyncio.run(
            load.run_phase(
                self.webhook, self.conversations, users, seconds, max_turns, f"{self.name}{users}"
            )
        )

    def parse_latencies(self, repeats: int) -> list[float]:
        texts = sorted({t for c in self.conversations for t in c})
        return asyncio.run(load.parse_latencies(self._api("/model/parse"), texts, repeats))


def assistants(
    work: Path, logs: Path, model: Path, stock_project: Path
) -> tuple[Assistant, Assistant]:
    """The coach (`model`) on a fresh SQLite file in `work`, and the stock; logs go to `logs`."""

    def coach_stack() -> Stack:
        env = {"DATABASE_URL": f"sqlite:///{work / 'coach.db'}", "RASA_TOKEN": TOKEN}
        return Stack(
            logs / "coach", rasa_port=free_port(), action_port=free_port(), env=env, model=model
        )

    def stock_stack() -> Stack:
        return StockStack(stock_project, logs / "stock", free_port())

    return (
        Assistant("coach", coach_stack, COACH_CONVERSATIONS, with_actions=True, token=TOKEN),
        Assistant("stock", stock_stack, STOCK_CONVERSATIONS, with_actions=False),
    )


# --- building and training --------------------------------------------------------------------


def _timed_run(args: list[str], cwd: Path, log: Path) -> float:
    """Run a command (output to `log`), failing loudly; its wall-clock seconds."""
    began = time.monotonic()
    with log.open("w") as handle:
        done = subprocess.run(
            args, cwd=cwd, env={**os.environ, **QUIET_ENV}, stdout=handle, stderr=subprocess.STDOUT
        )
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}); see {log}")
    return round(time.monotonic() - began, 1)


def stock_folder() -> Path:
    """Where the stock assistant of this Rasa version is kept."""
    return STOCK_CACHE / f"rasa-{importlib.metadata.version('rasa')}"


def stock_model(project: Path) -> Path:
    return next((project / "models").glob("*.tar.gz"))


def ensure_stock() -> tuple[Path, dict]:
    """The stock assistant: `rasa init --no-prompt` in a temporary folder, which trains (about
    a minute; its time is the stock's training time), kept under build/bench-stock/ per Rasa
    version so that later runs reuse it."""
    version = importlib.metadata.version("rasa")
    target = stock_folder()
    if (target / "bench-stock.json").exists():
        return target, json.loads((target / "bench-stock.json").read_text())
    STOCK_CACHE.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix="building-", dir=STOCK_CACHE))
    print(f"Building the stock assistant in {temp} (rasa init: trains, ~1 min)...", flush=True)
    seconds = _timed_run(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(temp)],
        temp,
        STOCK_CACHE / "rasa-init.log",
    )
    record = {
        "train_seconds": seconds,
        "how": "rasa init --no-prompt (scaffold + train)",
        "rasa": version,
        "measured_at": _now(),
    }
    (temp / "bench-stock.json").write_text(json.dumps(record, indent=2))
    shutil.rmtree(target, ignore_errors=True)
    temp.rename(target)
    return target, record


def coach_training(measure: bool) -> dict | None:
    """Time `rasa train` of the coach from scratch (--train), else the last recorded figure."""
    if not measure:
        if COACH_TRAINING_RECORD.exists():
            return {**json.loads(COACH_TRAINING_RECORD.read_text()), "this_run": False}
        return None
    BUILD.mkdir(parents=True, exist_ok=True)
    print("Training the coach from scratch (about 2 minutes)...", flush=True)
    load_before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory() as out:
        seconds = _timed_run(
            [
                str(BIN / "rasa"),
                "train",
                "--quiet",
                "--fixed-model-name",
                "coach-bench",
                "--out",
                out,
            ],
            ROOT,
            BUILD / "coach-train.log",
        )
    record = {"train_seconds": seconds, "measured_at": _now(), "loadavg_before": load_before}
    COACH_TRAINING_RECORD.write_text(json.dumps(record, indent=2))
    return {**record, "this_run": True}


# --- the measurements ---------------------------------------------------------------------------


def cold_starts(coach: Assistant, stock: Assistant, rounds: int) -> dict[str, list[dict]]:
    """Start each assistant `rounds` times, alternating which goes first; both stay up after."""
    times: dict[str, list[dict]] = {"coach": [], "stock": []}
    for r in range(rounds):
        for assistant in _order(coach, stock, r):
            print(f"cold start {r + 1}/{rounds}: {assistant.name}", flush=True)
            times[assistant.name].append(assistant.start())
            if r < rounds - 1:
                assistant.stop()
    return times


def warm_up(assistant: Assistant, seconds: float) -> None:
    """One conversation alone, then a few users: first predictions trace TensorFlow graphs."""
    assistant.phase(1, 120, max_turns=len(assistant.conversations[0]))
    if seconds:
        assistant.phase(5, seconds)


def interleaved_load(coach: Assistant, stock: Assistant, cfg: Settings) -> dict:
    """Each level `rounds` times per assistant, alternating (ABBA...)."""
    phases: dict[str, dict[int, list[load.Phase]]] = {"coach": {}, "stock": {}}
    for users in cfg.levels:
        for r in range(cfg.rounds):
            for assistant in _order(coach, stock, r):
                print(f"load: {users} user(s), round {r + 1}, {assistant.name}", flush=True)
                phase = assistant.phase(users, cfg.phase_seconds, cfg.max_turns)
                phases[assistant.name].setdefault(users, []).append(phase)
    return {
        name: {
            "levels": {str(u): load.summarize(p) for u, p in levels.items()},
            "by_message_sequential_ms": load.by_message(levels[cfg.levels[0]]),
        }
        for name, levels in phases.items()
    }


def nlu_only(coach: Assistant, stock: Assistant, repeats: int) -> dict[str, dict]:
    """NLU alone over /model/parse, each assistant on its own messages, sequentially."""
    figures = {}
    for assistant in (coach, stock):
        latencies = assistant.parse_latencies(repeats)
        figures[assistant.name] = {
            "n": len(latencies),
            **{f"p{q}_ms": round(load.percentile(latencies, q) or 0, 1) for q in (50, 95)},
        }
    return figures


def sustained(assistant: Assistant, cfg: Settings) -> dict:
    print(
        f"sustained: {assistant.name}, {cfg.sustained_users} users for "
        f"{cfg.sustained_seconds:.0f} s",
        flush=True,
    )
    phase, samples = asyncio.run(
        load.run_sustained(
            assistant.webhook,
            assistant.conversations,
            cfg.sustained_users,
            cfg.sustained_seconds,
            assistant.memory,
            cfg.sample_every,
            f"{assistant.name}-sustained",
        )
    )
    start, end = samples[0][1]["total"], samples[-1][1]["total"]
    return {
        **load.summarize([phase]),
        "users": cfg.sustained_users,
        "seconds": cfg.sustained_seconds,
        "memory_start_mb": start,
        "memory_end_mb": end,
        "memory_growth_pct": round(100 * (end - start) / start, 1),
        "samples": samples,
    }


def _order(coach: Assistant, stock: Assistant, round_index: int) -> tuple[Assistant, Assistant]:
    return (coach, stock) if round_index % 2 == 0 else (stock, coach)


# --- where a turn's time goes (scripts/bench_profile.py) ---------------------------------------

PROFILES = {
    "coach": [],
    "coach, what-if: in-memory tracker store": ["--memory-tracker-store"],
    "stock": ["--stock"],
}


def profiles(model: Path) -> dict[str, dict]:
    """Stage timings per turn, in-process, for the coach (and two what-ifs) and the stock."""
    found = {}
    for index, (name, flags) in enumerate(PROFILES.items()):
        print(f"profile: {name}", flush=True)
        out = BUILD / f"profile-{index}.json"
        command = [str(BIN / "python"), "scripts/bench_profile.py", "--top", "0"]
        command += ["--model", str(model), "--json", str(out), *flags]
        _timed_run(command, ROOT, BUILD / f"profile-{index}.log")
        found[name] = json.loads(out.read_text())
    return found


# --- quality (coach only) -----------------------------------------------------------------------

QUALITY_RUNS = {
    "nlu-heldout.txt": ["scripts/evaluate_nlu.py"],
    "safety-test.txt": ["scripts/safety_benchmark.py", "--part", "test"],
}


def quality(model: Path, allow_run: bool) -> dict:
    """Held-out NLU and safety figures, from `make test`'s results when newer than the model.

    Otherwise the two scripts are run (output kept in build/bench/), unless `allow_run` is off.
    """
    found = {}
    for name, command in QUALITY_RUNS.items():
        text, source = _fresh_output(name, model)
        if text is None and allow_run:
            print(f"quality: running {command[0]}", flush=True)
            BUILD.mkdir(parents=True, exist_ok=True)
            _timed_run([str(BIN / "python"), *command, "--model", str(model)], ROOT, BUILD / name)
            text, source = _fresh_output(name, model)
        found[name] = (text, source)
    nlu_text, nlu_source = found["nlu-heldout.txt"]
    safety_text, safety_source = found["safety-test.txt"]
    return {
        "nlu": parse_nlu(nlu_text) if nlu_text else None,
        "nlu_source": nlu_source,
        "safety": parse_safety(safety_text) if safety_text else None,
        "safety_source": safety_source,
    }


def _fresh_output(name: str, model: Path) -> tuple[str | None, str | None]:
    model_time = model.stat().st_mtime
    for path in (ROOT / "results" / name, BUILD / name):
        if path.exists() and path.stat().st_mtime > model_time:
            return path.read_text(), str(path.relative_to(ROOT))
    return None, None


def parse_nlu(text: str) -> dict | None:
    head = re.search(r"Held-out NLU: (\d+) messages, (\d+) intents", text)
    scores = re.search(r"accuracy ([\d.]+)\s+weighted F1 ([\d.]+)\s+macro F1 ([\d.]+)", text)
    if not (head and scores):
        return None
    return {
        "messages": int(head[1]),
        "intents": int(head[2]),
        "accuracy": float(scores[1]),
        "weighted_f1": float(scores[2]),
        "macro_f1": float(scores[3]),
    }


def parse_safety(text: str) -> dict | None:
    rows = re.findall(r"^(\w+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)$", text, re.M)
    false_positives = re.search(r"false positives on non-disclosures: ([\d.]+) of (\d+)", text)
    if not (rows and false_positives):
        return None
    return {
        "recall": {cat: float(recall) for cat, _, recall, _ in rows},
        "n": {cat: int(n) for cat, n, _, _ in rows},
        "false_positive_rate": float(false_positives[1]),
        "non_disclosures": int(false_positives[2]),
    }


# --- context --------------------------------------------------------------------------------


def machine() -> dict:
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu[1].strip() if cpu else platform.processor(),
        "ram_gib": round(int(mem[1]) / 1024**2, 1) if mem else None,
        "os": platform.platform(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


def versions() -> dict:
    names = ("rasa", "rasa-sdk", "tensorflow", "spacy", "SQLAlchemy", "aiohttp")
    return {"python": platform.python_version()} | {n: importlib.metadata.version(n) for n in names}


def disk(model: Path) -> dict:
    spacy_dir = ROOT / "build" / "spacy_en"
    return {
        "coach_model_mb": _mb(model.stat().st_size),
        "coach_spacy_mb": _mb(sum(p.stat().st_size for p in spacy_dir.rglob("*") if p.is_file())),
    }


def _mb(size: int) -> float:
    return round(size / 1024**2, 2)


def _display(path: Path) -> str:
    """`path` relative to the project when inside it."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# --- main ------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a tiny load (for the test)")
    parser.add_argument("--out", type=Path, help="where benchmarks.md and the PNG go")
    parser.add_argument("--json", type=Path, help="raw figures (default build/bench/)")
    parser.add_argument("--train", action="store_true", help="also time the coach's training")
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--rounds", type=int, help="phases per assistant and level")
    parser.add_argument("--phase-seconds", type=float, help="length of one load phase")
    parser.add_argument("--cold-starts", type=int, help="cold starts per assistant")
    parser.add_argument(
        "--sustained",
        dest="sustained_seconds",
        type=float,
        help="seconds of sustained load per assistant (0: none)",
    )
    parser.add_argument("--sustained-users", type=int)
    parser.add_argument("--no-quality", action="store_true", help="don't run the NLU/safety")
    parser.add_argument("--no-profile", action="store_true", help="no per-stage profile")
    return parser.parse_args(argv)


def snapshot_model(work: Path) -> tuple[Path, dict]:
    """A copy of the coach's model for this run: `make train` may replace it meanwhile."""
    copy = work / MODEL.name
    shutil.copy2(MODEL, copy)
    modified = dt.datetime.fromtimestamp(copy.stat().st_mtime).astimezone()
    return copy, {
        "path": _display(MODEL),
        "modified": modified.isoformat(timespec="seconds"),
        "sha256": hashlib.sha256(copy.read_bytes()).hexdigest()[:12],
    }


def run(args: argparse.Namespace) -> dict:
    cfg = settings(args)
    if not MODEL.exists():
        raise SystemExit(f"{MODEL} is missing: run `make train` first")
    results: dict = {
        "started": _now(),
        "machine": machine(),
        "versions": versions(),
        "settings": asdict(cfg),
        "training": {"coach": coach_training(args.train)},
    }
    stock_project, stock_record = ensure_stock()
    results["training"]["stock"] = stock_record
    logs = BUILD / ("logs-smoke" if cfg.smoke else "logs")
    shutil.rmtree(logs, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        model, results["model"] = snapshot_model(work)
        results["disk"] = disk(model) | {
            "stock_model_mb": _mb(stock_model(stock_project).stat().st_size)
        }
        coach, stock = assistants(work, logs, model, stock_project)
        try:
            results |= measure(coach, stock, cfg)
        finally:
            coach.stop()
            stock.stop()
        if not (cfg.smoke or args.no_profile):
            results["profiles"] = profiles(model)
        results["quality"] = quality(model, allow_run=not (cfg.smoke or args.no_quality))
    results["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    results["finished"] = _now()
    return results


def measure(coach: Assistant, stock: Assistant, cfg: Settings) -> dict:
    found: dict = {"cold_start": cold_starts(coach, stock, cfg.cold_starts)}
    for assistant in (coach, stock):
        warm_up(assistant, cfg.warmup_seconds)
    found["memory"] = {"after_warmup": {a.name: a.memory() for a in (coach, stock)}}
    found["nlu_only"] = nlu_only(coach, stock, cfg.parse_repeats)
    found["load"] = interleaved_load(coach, stock, cfg)
    found["memory"]["after_load"] = {a.name: a.memory() for a in (coach, stock)}
    if cfg.sustained_seconds > 0:
        found["sustained"] = {a.name: sustained(a, cfg) for a in (coach, stock)}
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = args.out or (ROOT / "results" / "bench-smoke" if args.smoke else ROOT / "docs")
    json_path = args.json or BUILD / ("smoke.json" if args.smoke else "results.json")
    results = run(args)
    results["json"] = _display(json_path)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2))
    report = bench_report.write(results, Path(out))
    print(f"Wrote {report}, {report.with_name(bench_report.PLOT)} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
