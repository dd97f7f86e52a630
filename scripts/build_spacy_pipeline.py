"""Builds the project's own small English spaCy pipeline (no download at run time).

A blank English tokenizer plus a lookup lemmatizer whose tables come from the
`spacy-lookups-data` package. Rasa's SpacyNLP loads it from the output folder.
"""

import sys
from pathlib import Path

import spacy


def build(out_dir: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data into the pipeline
    nlp.meta["name"] = "coach_en"
    nlp.meta["description"] = "Blank English tokenizer + lookup lemmatizer for the coach"
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    doc = spacy.load(out_dir)("He was hitting me and threatened my friends")
    assert [t.lemma_ for t in doc][2] == "hit", [t.lemma_ for t in doc]


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "build/spacy_en"))
