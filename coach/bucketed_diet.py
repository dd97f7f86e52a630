"""DIETClassifier trained on batches of messages of similar length.

Rasa pads every message of a batch to the longest one in it. The safety data hold long messages
(up to 128 words, most under 20), so nearly every shuffled batch held one and was padded to it:
DIET spent most of its training time on padding. This component shuffles as DIET does, then sorts
each run of 20 batches by message length and shuffles the order of the batches, so a batch holds
messages of about the same length while every epoch still sees the data in a new order. The
model and its predictions are DIET's own; only the order of training examples changes.
"""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils import train_utils
from rasa.utils.tensorflow.constants import SEQUENCE
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import Data

BATCHES_PER_BUCKET = 20


def bucketed_order(lengths: np.ndarray, batch_size: int, rng=np.random) -> np.ndarray:
    """Indices of `lengths` such that each batch holds neighbours by length within a run of
    BATCHES_PER_BUCKET batches, and the batches come in random order."""
    chunk = batch_size * BATCHES_PER_BUCKET
    ids = np.concatenate(
        [
            start + np.argsort(lengths[start : start + chunk], kind="stable")
            for start in range(0, len(lengths), chunk)
        ]
    )
    batches = [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]
    return np.concatenate([batches[i] for i in rng.permutation(len(batches))])


class BucketedBatchDataGenerator(RasaBatchDataGenerator):
    def _shuffle_and_balance(self, batch_size: int) -> Data:
        data = super()._shuffle_and_balance(batch_size)
        sequences = data.get(TEXT, {}).get(SEQUENCE)
        if not self.shuffle or not sequences:
            return data
        lengths = np.array([matrix.shape[0] for matrix in sequences[0]])
        return self.model_data._data_for_ids(data, bucketed_order(lengths, batch_size))


@contextmanager
def _bucketed_batches():
    with mock.patch.object(train_utils, "RasaBatchDataGenerator", BucketedBatchDataGenerator):
        yield


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class BucketedDIETClassifier(DIETClassifier):
    """DIETClassifier whose training batches hold messages of about the same length."""

    def train(self, training_data: TrainingData) -> Resource:
        with _bucketed_batches():
            return super().train(training_data)
