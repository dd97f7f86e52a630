"""Under load, turns are worked on a few at a time, in the order they arrived, and each is
answered; a stuck turn never holds the others up for long (coach/turns.py). The full path with
Rasa runs in test_scale_out (20 messages at once) and test_faults (action server down)."""

import asyncio

from rasa.core.processor import MessageProcessor

from coach import turns


def test_rasa_works_on_each_turn_inside_a_slot():
    assert MessageProcessor.handle_message is turns._handle_message_in_slot


def test_turns_beyond_the_limit_wait_and_all_run_in_arrival_order(monkeypatch):
    monkeypatch.setenv("MAX_CONCURRENT_TURNS", "3")
    monkeypatch.setattr(turns, "_slots", {})
    running, peak, started, finished = 0, 0, [], []

    async def turn(name: str) -> None:
        nonlocal running, peak
        async with turns.turn_slot():
            started.append(name)
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.01)  # waits like a call to the action server
            running -= 1
        finished.append(name)

    async def main() -> None:
        await asyncio.gather(*(turn(f"m{i}") for i in range(20)))

    asyncio.run(main())
    assert peak == 3
    assert started == [f"m{i}" for i in range(20)]
    assert sorted(finished) == sorted(started)


def test_a_stuck_turn_holds_the_others_up_only_briefly(monkeypatch):
    monkeypatch.setenv("MAX_CONCURRENT_TURNS", "1")
    monkeypatch.setattr(turns, "_slots", {})
    monkeypatch.setattr(turns, "SLOT_WAIT_SECONDS", 0.2)
    done = []

    async def stuck() -> None:
        async with turns.turn_slot():
            await asyncio.sleep(3)  # e.g. an action server that hangs
        done.append("stuck")

    async def quick() -> None:
        await asyncio.sleep(0.05)
        async with turns.turn_slot():
            done.append("quick")

    async def main() -> None:
        first = asyncio.create_task(stuck())
        await asyncio.wait_for(quick(), timeout=2)  # not 3 s behind the stuck one
        first.cancel()

    asyncio.run(main())
    assert done == ["quick"]
