"""Under load, turns are worked on a few at a time, in the order they arrived, and each is
answered (coach/turns.py). The full path with Rasa runs in test_scale_out (20 messages at once)."""

import asyncio

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from coach import turns


def test_turns_beyond_the_limit_wait_and_are_all_answered_in_arrival_order(monkeypatch):
    monkeypatch.setenv("MAX_CONCURRENT_TURNS", "3")
    monkeypatch.setattr(turns, "_slots", {})
    running, peak, started = 0, 0, []

    async def on_new_message(message: UserMessage) -> None:
        nonlocal running, peak
        started.append(message.text)
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)  # waits like a call to the action server
        await message.output_channel.send_response(
            message.sender_id, {"text": f"re: {message.text}"}
        )
        running -= 1

    async def main() -> list[CollectingOutputChannel]:
        handle = turns.guarded(on_new_message)
        channels = [CollectingOutputChannel() for _ in range(20)]
        await asyncio.gather(
            *(
                handle(UserMessage(f"m{i}", channel, sender_id=f"user{i}"))
                for i, channel in enumerate(channels)
            )
        )
        return channels

    channels = asyncio.run(main())
    assert peak == 3
    assert started == [f"m{i}" for i in range(20)]
    assert [c.messages[0]["text"] for c in channels] == [f"re: m{i}" for i in range(20)]
