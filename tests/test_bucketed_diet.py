"""DIET's training batches hold messages of about the same length (coach/bucketed_diet.py)."""

import numpy as np

from coach.bucketed_diet import BATCHES_PER_BUCKET, bucketed_order


def test_every_example_is_used_once_per_epoch():
    lengths = np.random.default_rng(0).integers(1, 130, size=1003)
    order = bucketed_order(lengths, 64, np.random.default_rng(1))
    assert sorted(order) == list(range(1003))


def test_a_batch_is_padded_to_far_less_than_with_plain_shuffling():
    rng = np.random.default_rng(0)
    # mostly short messages and a few long ones, as in the safety data
    lengths = np.where(
        rng.random(5000) < 0.04, rng.integers(40, 130, 5000), rng.integers(2, 25, 5000)
    )
    batch = 64

    def padded_tokens(order):
        return sum(
            lengths[order[i : i + batch]].max() * len(order[i : i + batch])
            for i in range(0, len(order), batch)
        )

    shuffled = padded_tokens(rng.permutation(5000))
    bucketed = padded_tokens(bucketed_order(lengths, batch, rng))
    assert bucketed < shuffled / 2


def test_batches_come_in_a_new_order_each_epoch():
    lengths = np.arange(64 * BATCHES_PER_BUCKET)
    first = bucketed_order(lengths, 64, np.random.default_rng(1))
    second = bucketed_order(lengths, 64, np.random.default_rng(2))
    assert list(first) != list(second)
