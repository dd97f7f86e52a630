"""Turns the figures of scripts/bench.py into benchmarks.md and bench-latency.png."""

from __future__ import annotations

import statistics
from pathlib import Path

REPORT = "benchmarks.md"
PLOT = "bench-latency.png"
TRAINING_TARGET_S = 180


def write(results: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    plot(results, out / PLOT)
    path = out / REPORT
    path.write_text(markdown(results))
    return path


# --- small formatting helpers ------------------------------------------------------------------


def _num(value, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{unit}"


def _ratio(coach, stock) -> float | None:
    return None if coach is None or not stock else coach / stock


def _verdict(ratio: float | None, limit: float, higher_is_better: bool = False) -> str:
    if ratio is None:
        return "–"
    met = ratio >= limit if higher_is_better else ratio <= limit
    return "**yes**" if met else "**no**"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _users(count: int) -> str:
    return f"{count} user" if count == 1 else f"{count} users"


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _cold(results: dict, name: str, part: str) -> float | None:
    return _median([r[part] for r in results["cold_start"][name] if part in r])


def _level(results: dict, name: str, users: int) -> dict:
    return results["load"][name]["levels"].get(str(users), {})


def _throughput_level(results: dict) -> int:
    levels = results["settings"]["levels"]
    return 10 if 10 in levels else max(levels)


# --- sections ----------------------------------------------------------------------------------


def summary(results: dict) -> str:
    rows = []
    for users in results["settings"]["levels"]:
        c, s = _level(results, "coach", users), _level(results, "stock", users)
        r = _ratio(c.get("p95_ms"), s.get("p95_ms"))
        rows.append(
            [
                f"p95 latency, {_users(users)}",
                _num(c.get("p95_ms"), " ms"),
                _num(s.get("p95_ms"), " ms"),
                _num(r, "x", 2),
                "≤ 1.5x",
                _verdict(r, 1.5),
            ]
        )
    users = _throughput_level(results)
    c, s = _level(results, "coach", users), _level(results, "stock", users)
    r = _ratio(c.get("turns_per_s"), s.get("turns_per_s"))
    rows.append(
        [
            f"turns/s, {_users(users)}",
            _num(c.get("turns_per_s"), "", 1),
            _num(s.get("turns_per_s"), "", 1),
            _num(r, "x", 2),
            "≥ 0.7x",
            _verdict(r, 0.7, higher_is_better=True),
        ]
    )
    mem = results["memory"]["after_load"]
    r = _ratio(mem["coach"]["total"], mem["stock"]["total"])
    rows.append(
        [
            "resident memory after load (coach: Rasa + action server)",
            _num(mem["coach"]["total"], " MiB"),
            _num(mem["stock"]["total"], " MiB"),
            _num(r, "x", 2),
            "≤ 1.3x",
            _verdict(r, 1.3),
        ]
    )
    c, s = _cold(results, "coach", "rasa"), _cold(results, "stock", "rasa")
    r = _ratio(c, s)
    rows.append(
        [
            "cold start of Rasa (median)",
            _num(c, " s", 1),
            _num(s, " s", 1),
            _num(r, "x", 2),
            "≤ 1.3x",
            _verdict(r, 1.3),
        ]
    )
    coach_train = (results["training"]["coach"] or {}).get("train_seconds")
    stock_train = results["training"]["stock"]["train_seconds"]
    rows.append(
        [
            "training from scratch"
            + ("" if _trained_this_run(results) else " (coach: last recorded figure)"),
            _num(coach_train, " s"),
            _num(stock_train, " s"),
            _num(_ratio(coach_train, stock_train), "x", 2),
            "coach < 180 s",
            _training_verdict(coach_train),
        ]
    )
    return _table(["figure", "coach", "stock", "coach/stock", "target", "met"], rows)


def _training_verdict(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return "**yes**" if seconds < TRAINING_TARGET_S else "**no**"


def _trained_this_run(results: dict) -> bool:
    return bool((results["training"]["coach"] or {}).get("this_run"))


def context(results: dict) -> str:
    m, v, cfg = results["machine"], results["versions"], results["settings"]
    model = results["model"]
    return "\n".join(
        [
            f"- Run: {results['started']} to {results['finished']}"
            + (" — **smoke run (tiny load): not a measurement**" if cfg["smoke"] else ""),
            f"- Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, {m['os']}",
            f"- Load average at start {m['loadavg_start']}, at end {m['loadavg_end']} "
            "(other work was running on the same machine when this is well above 0)",
            f"- Coach model: `{model['path']}` of {model['modified']} (sha256 {model['sha256']}…), "
            "copied at the start so that every figure here is of this one model",
            "- Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()),
        ]
    )


def method(results: dict) -> str:
    cfg = results["settings"]
    return f"""\
- **Stock assistant**: the project that `rasa init --no-prompt` creates and trains with the
  same Rasa, built once under `build/bench-stock/` and reused. It runs as
  `rasa run --enable-api` with its own `endpoints.yml` (in-memory tracker store) and no action
  server: its stories and rules use responses only. The coach runs as `make run` starts it
  (scripts/stack.py): action server + Rasa with the SQL tracker store, on a fresh temporary
  SQLite file (never `var/coach.db`).
- **Conversations**: each virtual user talks like a real one and waits for each reply before
  sending the next message (closed loop); every conversation has its own sender id. The coach's
  users walk the steps in free text (greeting, the four screening answers, "done", notes, "where am
  i?", "go back", FAQs, a no-contact disclosure, gibberish); the stock's users say hello, sad or
  great, yes/no, "are you a bot?", bye. The coach's conversations are 10–16 turns, the stock's 4.
- **Interleaving**: for each number of users ({", ".join(map(str, cfg["levels"]))}) each
  assistant gets {cfg["rounds"]} phase(s) of {cfg["phase_seconds"]:.0f} s, alternating
  (coach, stock, stock, coach, …), while both servers are up. Latency is measured by the client
  over `POST /webhooks/rest/webhook` on 127.0.0.1; turns/s is all turns over the phases' time.
  An error is a non-200 answer, an empty reply, or no answer within 120 s.
- **Cold start**: process start until `GET /status` answers 200 (Rasa has loaded the model;
  polled every 0.5 s), {cfg["cold_starts"]} time(s) each, alternating; the median is reported.
  The coach's action server is timed separately (until `/health` answers, before Rasa starts).
- **Memory**: VmRSS from `/proc/<pid>/status`, each process with all its children, after a
  warm-up ({cfg["warmup_seconds"]:.0f} s with 5 users after one conversation) and after the load.
- **Sustained**: {cfg["sustained_users"]} users for {cfg["sustained_seconds"]:.0f} s per assistant
  (coach first), memory sampled every {cfg["sample_every"]:.0f} s; growth is last sample over
  first.
- **Training**: wall-clock of the CLI from scratch, Rasa's training cache off
  (`RASA_MAX_CACHE_SIZE=0`). The load generator runs on the same 2 cores as the servers."""


def load_tables(results: dict) -> str:
    rows = []
    for users in results["settings"]["levels"]:
        c, s = _level(results, "coach", users), _level(results, "stock", users)
        for label, key, unit, digits in (
            ("p50", "p50_ms", " ms", 0),
            ("p95", "p95_ms", " ms", 0),
            ("p99", "p99_ms", " ms", 0),
            ("turns/s", "turns_per_s", "", 1),
        ):
            rows.append(
                [
                    str(users),
                    label,
                    _num(c.get(key), unit, digits),
                    _num(s.get(key), unit, digits),
                    _num(_ratio(c.get(key), s.get(key)), "x", 2),
                ]
            )
        rows.append(
            [
                str(users),
                "turns (errors)",
                f"{c.get('turns', 0)} ({c.get('errors', 0)})",
                f"{s.get('turns', 0)} ({s.get('errors', 0)})",
                "",
            ]
        )
    return _table(["users", "figure", "coach", "stock", "coach/stock"], rows)


def nlu_table(results: dict) -> str:
    nlu = results["nlu_only"]
    rows = []
    for q in ("p50_ms", "p95_ms"):
        c, s = nlu["coach"][q], nlu["stock"][q]
        rows.append([q[:3], _num(c, " ms", 1), _num(s, " ms", 1), _num(_ratio(c, s), "x", 2)])
    seq_c = _level(results, "coach", 1).get("p50_ms")
    seq_s = _level(results, "stock", 1).get("p50_ms")
    rows.append(
        [
            "share of a sequential turn (p50)",
            _share(nlu["coach"]["p50_ms"], seq_c),
            _share(nlu["stock"]["p50_ms"], seq_s),
            "",
        ]
    )
    return _table(["NLU alone (`POST /model/parse`)", "coach", "stock", "coach/stock"], rows)


def _share(part, whole) -> str:
    return "–" if not part or not whole else f"{100 * part / whole:.0f}%"


def cold_table(results: dict) -> str:
    rows = []
    for label, name, part in (
        ("Rasa", "coach", "rasa"),
        ("action server", "coach", "actions"),
    ):
        c = _cold(results, name, part)
        s = _cold(results, "stock", part) if part == "rasa" else None
        each = ", ".join(f"{r[part]:.1f}" for r in results["cold_start"]["coach"] if part in r)
        rows.append([label, _num(c, " s", 1), _num(s, " s", 1), _num(_ratio(c, s), "x", 2), each])
    each = ", ".join(f"{r['rasa']:.1f}" for r in results["cold_start"]["stock"])
    rows[0][-1] += f" (stock: {each})"
    both = _median([r["rasa"] + r.get("actions", 0) for r in results["cold_start"]["coach"]])
    rows.append(["coach ready (action server, then Rasa)", _num(both, " s", 1), "", "", ""])
    return _table(["cold start (median)", "coach", "stock", "coach/stock", "each run, s"], rows)


def memory_table(results: dict) -> str:
    rows = []
    for when in ("after_warmup", "after_load"):
        mem = results["memory"][when]
        c, s = mem["coach"], mem["stock"]
        label = when.replace("_", " ")
        rows.append(
            [
                label,
                _num(c["rasa"], " MiB"),
                _num(c["actions"], " MiB"),
                _num(c["total"], " MiB"),
                _num(s["total"], " MiB"),
                _num(_ratio(c["total"], s["total"]), "x", 2),
                _num(_ratio(c["rasa"], s["total"]), "x", 2),
            ]
        )
    header = [
        "resident memory",
        "coach Rasa",
        "coach actions",
        "coach sum",
        "stock (Rasa)",
        "sum/stock",
        "Rasa/stock",
    ]
    return _table(header, rows)


def sustained_table(results: dict) -> str:
    found = results.get("sustained")
    if not found:
        return "Not run (`--sustained 0`)."
    rows = []
    for key, label, unit, digits in (
        ("turns", "turns", "", 0),
        ("errors", "errors", "", 0),
        ("turns_per_s", "turns/s", "", 1),
        ("p95_ms", "p95 latency", " ms", 0),
        ("memory_start_mb", "memory at start", " MiB", 0),
        ("memory_end_mb", "memory at end", " MiB", 0),
        ("memory_growth_pct", "memory growth", " %", 1),
    ):
        c, s = found["coach"][key], found["stock"][key]
        ratio = _num(_ratio(c, s), "x", 2) if key not in ("errors", "memory_growth_pct") else ""
        rows.append([label, _num(c, unit, digits), _num(s, unit, digits), ratio])
    cfg = results["settings"]
    header = [
        f"{cfg['sustained_users']} users, {cfg['sustained_seconds']:.0f} s",
        "coach",
        "stock",
        "coach/stock",
    ]
    return _table(header, rows)


def size_table(results: dict) -> str:
    d, t = results["disk"], results["training"]
    coach_train = t["coach"] or {}
    if not coach_train:
        coach_note = "not measured (run `make bench BENCH_ARGS=--train`)"
    elif coach_train["this_run"]:
        coach_note = "measured this run"
    else:
        coach_note = f"not measured this run: last figure, {coach_train['measured_at']}"
    if coach_train.get("loadavg_before"):
        coach_note += f" (load average before: {coach_train['loadavg_before']})"
    rows = [
        [
            "model archive",
            _num(d["coach_model_mb"], " MB", 1),
            _num(d["stock_model_mb"], " MB", 1),
            _num(_ratio(d["coach_model_mb"], d["stock_model_mb"]), "x", 2),
            "",
        ],
        [
            "model + spaCy pipeline it loads (build/spacy_en)",
            _num(d["coach_model_mb"] + d["coach_spacy_mb"], " MB", 1),
            _num(d["stock_model_mb"], " MB", 1),
            _num(_ratio(d["coach_model_mb"] + d["coach_spacy_mb"], d["stock_model_mb"]), "x", 2),
            "",
        ],
        [
            "training from scratch",
            _num(coach_train.get("train_seconds"), " s"),
            _num(t["stock"]["train_seconds"], " s"),
            _num(_ratio(coach_train.get("train_seconds"), t["stock"]["train_seconds"]), "x", 2),
            f"coach: {coach_note}; stock: {t['stock']['how']}, {t['stock']['measured_at']}",
        ],
    ]
    return _table(["", "coach", "stock", "coach/stock", "note"], rows)


def quality_section(results: dict) -> str:
    q = results["quality"]
    parts = []
    if q["nlu"]:
        n = q["nlu"]
        parts.append(
            f"- Held-out NLU ({n['messages']} messages, {n['intents']} intents): weighted intent "
            f"F1 **{n['weighted_f1']:.3f}**, macro F1 {n['macro_f1']:.3f}, accuracy "
            f"{n['accuracy']:.3f} (from `{q['nlu_source']}`)"
        )
    else:
        parts.append("- Held-out NLU: not measured this run (no result newer than the model)")
    if q["safety"]:
        s = q["safety"]
        recall = ", ".join(f"{cat} {r:.2f} (n={s['n'][cat]})" for cat, r in s["recall"].items())
        parts.append(
            f"- Safety detection, test part (never studied): recall {recall}; false positives on "
            f"{s['non_disclosures']} non-disclosures **{100 * s['false_positive_rate']:.1f}%** "
            f"(from `{q['safety_source']}`)"
        )
    else:
        parts.append("- Safety detection: not measured this run (no result newer than the model)")
    return "\n".join(parts)


def _grouped_stages(profile: dict) -> dict[str, dict]:
    """The stages, with the per-action rows summed into one "custom actions, whole call"."""
    grouped: dict[str, dict] = {}
    for label, figures in profile["stages"].items():
        key = "custom actions, whole call" if label.startswith("action ") else label
        into = grouped.setdefault(key, {"ms_per_turn": 0.0, "calls_per_turn": 0.0})
        into["ms_per_turn"] += figures["ms_per_turn"]
        into["calls_per_turn"] += figures["calls_per_turn"]
    return grouped


def profile_table(results: dict) -> str:
    found = results.get("profiles")
    if not found:
        return "Not measured this run (smoke run or `--no-profile`)."
    grouped = {name: _grouped_stages(profile) for name, profile in found.items()}
    labels = sorted(
        {label for stages in grouped.values() for label in stages},
        key=lambda label: (label.startswith("custom actions:"), label),
    )
    rows = [["**whole turn**", *[f"**{p['ms_per_turn']:.1f} ms**" for p in found.values()]]]
    for label in labels:
        cells = []
        for stages in grouped.values():
            figures = stages.get(label)
            cells.append(
                "–"
                if figures is None
                else f"{figures['ms_per_turn']:.1f} ms ({figures['calls_per_turn']:.2f}/turn)"
            )
        rows.append([label, *cells])
    return _table(["stage: mean per turn (calls per turn)", *found], rows)


def slowest_messages(results: dict, count: int = 10) -> str:
    medians = list(results["load"]["coach"]["by_message_sequential_ms"].items())
    shown = medians if len(medians) <= count + 3 else [*medians[:count], ("…", None), *medians[-3:]]
    rows = [[f"`{text}`" if ms is not None else text, _num(ms, " ms")] for text, ms in shown]
    return _table(["coach message (1 user)", "median latency"], rows)


def markdown(results: dict) -> str:
    return f"""\
# Benchmarks: the coach beside a stock `rasa init` assistant

Written by `make bench` (`scripts/bench.py`); raw figures in `{results["json"]}`.
The two assistants are measured in one run on the same machine, their load phases interleaved.

## Against the targets

{summary(results)}

## Where and how

{context(results)}

{method(results)}

## Latency and throughput over REST

![p50/p95 latency and turns/s against concurrent users]({PLOT})

{load_tables(results)}

{nlu_table(results)}

The slowest and fastest coach messages, one user:

{slowest_messages(results)}

## Where a turn's time goes

`scripts/bench_profile.py`: each assistant's model loaded in one process (the coach with its
action server and SQL tracker store), its conversations walked by one user, with timers on
Rasa's stages; no HTTP in front, so a turn here is shorter than over REST. The what-if
changes one thing without touching the project: Rasa's in-memory tracker store instead of the
coach's SQL one. "custom actions:" rows are parts of "custom actions, whole call".

{profile_table(results)}

What keeps the coach close to the stock, and where each lives:

- Questions that forms ask are domain responses (`utter_ask_*`), not custom actions: no call
  to the action server for them (1.9 calls per turn before, 1.45 after).
- The domain goes to the action server only for the two form validators, which read it
  (`enable_selective_domain` in `endpoints.yml`, `send_domain` in `domain.yml`); earlier turns'
  texts and NLU results stay out of every request (`coach/action_validation.py`).
- Rasa checks each action reply with a JSON-schema validator built once, not re-built per reply
  (`coach/action_validation.py`).
- The SQL tracker store keeps the trackers it saved last: a turn costs one indexed query to
  check nothing newer is stored, instead of reading and replaying the session; a save inserts
  only the turn's events, without a count query; SQLite connections stay open between turns
  (`coach/tracker_store.py`, `coach/database.py`).
- At most 4 turns are worked on at once per process, the rest wait in arrival order
  (`MAX_CONCURRENT_TURNS`, `coach/turns.py`). A coach turn waits on the action server, and
  while it waits Rasa starts other turns; at 50 users that interleaving made the slowest 5% of
  turns take over twice the median (p95 1.6x the stock's). In order, p95 stays near the median.
  The slot is taken inside the conversation's lock and waited for at most 5 s, so a stuck turn
  cannot hold the others up for long.
- DIET has one 128-unit transformer layer and 30 epochs (`config.yml`): training takes about a
  third of the time of two 256-unit layers and 60 epochs, at the same held-out F1.

## Cold start

{cold_table(results)}

## Memory

{memory_table(results)}

## Sustained load

{sustained_table(results)}

## Model size and training

{size_table(results)}

## Coach quality (same model)

{quality_section(results)}
"""


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    levels = results["settings"]["levels"]
    fig, (lat, thr) = plt.subplots(1, 2, figsize=(10, 4))
    for name, color in (("coach", "tab:blue"), ("stock", "tab:orange")):
        figures = [_level(results, name, u) for u in levels]
        for q, style in (("p50_ms", "-"), ("p95_ms", "--")):
            lat.plot(
                levels,
                [f.get(q) for f in figures],
                style,
                marker="o",
                color=color,
                label=f"{name} {q[:3]}",
            )
        thr.plot(
            levels, [f.get("turns_per_s") for f in figures], marker="o", color=color, label=name
        )
    lat.set(
        xlabel="concurrent users",
        ylabel="latency per turn (ms, log scale)",
        title="Latency",
        yscale="log",
    )
    thr.set(xlabel="concurrent users", ylabel="turns per second", title="Throughput")
    thr.set_ylim(bottom=0)
    for axis in (lat, thr):
        axis.set_xscale("log")
        axis.set_xticks(levels, labels=[str(u) for u in levels])
        axis.xaxis.set_minor_formatter(NullFormatter())
        axis.grid(alpha=0.3)
        axis.legend()
    fig.suptitle("Coach vs stock rasa init assistant: REST, same machine, interleaved phases")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
