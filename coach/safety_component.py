"""NLU component that merges the two safety signals into the intent Rasa acts on.

Signal 1 is the lemma-pattern detector in `coach.safety` (over spaCy's tokens); signal 2 is the
trained `disclose_*` intents. Either one is enough to report a disclosure. When the classifier
says `disclose_*` but the detector saw the same topic only negated or about someone else
("he never hit me"), the next non-disclosure intent is used instead.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from coach import safety

DISCLOSURE_PREFIX = "disclose_"
SEVERITY = {f"{DISCLOSURE_PREFIX}{cat}": rank for rank, cat in enumerate(safety.CATEGORY_ORDER)}


def _tokens(message: Message) -> list[tuple[str, str]]:
    doc = message.get("text_spacy_doc")
    if doc is not None:
        return [(t.text, t.lemma_) for t in doc]
    return safety.simple_tokens(message.get(TEXT) or "")


def merge(intent: dict[str, Any] | None, ranking: list[dict[str, Any]], tokens) -> dict[str, Any]:
    """The intent to act on, given the classifier's guess and the detector's findings."""
    tokens = list(tokens)
    found = safety.findings(tokens)
    by_rule = [f"{DISCLOSURE_PREFIX}{f.category}" for f in found if f.disclosure]
    disclosed = list(by_rule)
    name = (intent or {}).get(INTENT_NAME_KEY) or ""
    if name.startswith(DISCLOSURE_PREFIX):
        category = name.removeprefix(DISCLOSURE_PREFIX)
        mentioned_only = {f"{DISCLOSURE_PREFIX}{f.category}" for f in found if not f.disclosure}
        not_own = (
            name in mentioned_only
            or safety.about_someone_else(tokens)
            or safety.everyday_idiom(tokens)
            or (category in safety.CATEGORY_ORDER and safety.only_mentioned(tokens, category))
        )
        if not not_own or name in by_rule:
            disclosed.append(name)
        elif not by_rule:
            # the classifier's guess is a negated / third-person / figurative mention
            for candidate in ranking:
                if not (candidate.get(INTENT_NAME_KEY) or "").startswith(DISCLOSURE_PREFIX):
                    return {**candidate, "safety_override": "not_a_disclosure"}
    if disclosed:
        chosen = min(disclosed, key=SEVERITY.__getitem__)
        if chosen != name:
            return {INTENT_NAME_KEY: chosen, "confidence": 1.0, "safety_override": "rule"}
    return intent or {INTENT_NAME_KEY: None, "confidence": 0.0}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyDetector(GraphComponent, IntentClassifier):
    """Makes sure a disclosure of abuse, repeated infidelity, self-harm or a no-contact
    boundary is recognised on every turn, whatever the classifier guessed."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyDetector:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if not message.get(TEXT):
                continue
            intent = message.get(INTENT)
            ranking = message.get(INTENT_RANKING_KEY) or []
            chosen = merge(intent, ranking, _tokens(message))
            if chosen is not intent:
                message.set(INTENT, chosen, add_to_output=True)
                ranking = [r for r in ranking if r.get(INTENT_NAME_KEY) != chosen[INTENT_NAME_KEY]]
                message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
