"""Rule signal for safety disclosures: lemma patterns with NegEx-style scope checks.

Pure Python over (text, lemma) pairs, so it runs inside the NLU pipeline (on spaCy's tokens)
and in tests alike. A match counts only when it is about the user: not negated before it in
the same clause ("he never hit me"), not about a third person ("my friend's ex hit her"), and
not a figure of speech ("this breakup is killing me" matches no pattern at all).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

ABUSE = "abuse"
REPEATED_INFIDELITY = "repeated_infidelity"
SELF_HARM = "self_harm"
BOUNDARY = "boundary"

# Most severe first: when one message discloses two things, the first one here wins.
CATEGORY_ORDER = (SELF_HARM, ABUSE, REPEATED_INFIDELITY, BOUNDARY)

_ME = r"(?:me|i|myself)"
_THEM = r"(?:he|she|they|him|her|them|ex|partner|boyfriend|girlfriend|husband|wife|bf|gf)"
_VIOLENT = (
    r"(?:hit|beat|punch|slap|kick|choke|strangle|throttle|shove|smack|batter|abuse|assault"
    r"|rape|attack|bite|grab|drag|burn|stab|molest|suffocate|smother|headbutt|pin)"
)
_CONTACT = r"(?:contact|text|call|message|dm|email|reach|see|talk)"

PATTERNS: dict[str, list[str]] = {
    ABUSE: [
        rf"\b{_VIOLENT}\b(?: \w+){{0,2}} {_ME}\b",  # he hit me / slapped me across ...
        rf"\b{_ME} (?:be|get|have be) (?:\w+ )?{_VIOLENT}\b",  # i was beaten / i got hit
        r"\b(?:beat|knock|rough) (?:me|i) (?:up|around|about)\b",
        r"\bput (?:his|her|their) hands? (?:on|around) (?:me|my)\b",
        # "pushed me" is violence only with a place ("pushing me to try again" is pressure)
        r"\bpush (?:me|i) (?:down|against|off|over|onto|out of|to the (?:ground|floor)"
        r"|into (?:a|the) (?:wall|door|table|floor|ground|car))",
        r"\bthrow (?:\w+ ){0,2}at me\b",
        r"\b(?:black eye|bruise)\b",
        r"\babusive\b",
        r"\b(?:domestic|physical|emotional|sexual|financial|verbal) (?:violence|abuse)\b",
        r"\bsexual(?:ly)? (?:assault|abuse)\b",
        r"\b(?:force|make|pressure|coerce) (?:me|i) (?:into |to )?(?:have sex|sex|sleep with)\b",
        r"\bforce (?:himself|herself|themselves) on me\b",
        r"\bthreaten(?: \w+){0,3} (?:to )?(?:kill|hurt|harm|beat|hit|take|post|share|leak|send|"
        r"ruin|expose|destroy)\b",
        r"\bthreaten (?:me|my)\b",
        r"\bsay (?:he|she|they) (?:would|will|'d|'ll) (?:kill|hurt|hit|beat) (?:me|i|myself)\b",
        r"\b(?:share|post|leak|send|spread) (?:my |our )?(?:nude|nudes|naked|intimate|private|"
        r"sex) ?(?:pic|pics|picture|photo|video|tape|image)?",
        r"\brevenge porn\b",
        r"\b(?:control|take|keep|manage) (?:all )?(?:of )?my (?:money|paycheck|pay|card|bank|"
        r"account|salary|wage|finance)",
        r"\b(?:won't|will not|wo not|do not|not|never) (?:let|allow) (?:me|i) (?:to )?(?:see|go|"
        r"talk|have|work|leave|out|visit|spend|wear|call|text|use|hang)\b",
        r"\b(?:i|me) (?:be|am|'m) not allow(?:ed)? to\b",
        r"\b(?:check|go through|read|look through|monitor|track|search|snoop)(?: \w+){0,2} my "
        r"(?:phone|message|text|location|email|chat|dm)",
        r"\btrack(?: \w+)? (?:me|where i)\b",
        r"\b(?:location|tracker|tracking app|spy app|gps)\b.*\b(?:on )?my (?:phone|car)\b",
        r"\bisolate (?:me|i)\b",
        r"\bcut me off from\b",
        r"\bhave to ask (?:him|her|them|permission)\b",
        r"\b(?:afraid|scared|terrified|frightened|fear) of (?:him|her|them|my ex|my partner|my "
        r"husband|my wife|my boyfriend|my girlfriend|what (?:he|she|they))\b",
        r"\b(?:i|me) (?:be|am|'m) (?:\w+ )?(?:afraid|scared|terrified) (?:to|that) (?:he|she|they|"
        r"leave|go home|say no|tell)\b",
        r"\bwalk(?:ing)? on eggshell",
        r"\bstalk(?:ing|er)?\b",
        r"\bfollow (?:me|i)(?: \w+)? (?:home|to|around|everywhere)\b",
        r"\b(?:keep|keeps) (?:show|turn)(?:ing)? up (?:at|outside) my\b",
        r"\btake (?:the|my|our) (?:kid|kids|child|children|baby|son|daughter)\b"
        r".*\b(?:if|away|from)",
        r"\bnever see (?:the|my|our) (?:kid|kids|child|children|baby)\b",
    ],
    REPEATED_INFIDELITY: [
        r"\bcheat(?: on (?:me|i))? (?:again|twice|repeatedly|constantly|multiple|several|many|"
        r"numerous|more than once|over and over|all the time|on and off|countless)\b",
        r"\b(?:keep|keeps|kept|always|still|constantly|repeatedly) (?:on )?cheat",
        r"\b(?:again|twice|second time|third time|another time)\b.*\bcheat",
        r"\bcheat\b.*\b(?:again|twice|second time|third time|more than once|another|several|"
        r"multiple|so many|a few|countless) ?(?:time|affair|girl|guy|woman|man|people|person)?",
        r"\b(?:another|several|multiple|many|more|two|three|four|few|second|third|serial|"
        r"string of|countless) (?:\w+ )?(?:affair|cheater|cheating)\b",
        r"\bserial cheat",
        r"\bnot the first time (?:he|she|they) (?:have )?cheat",
        r"\b(?:\d+|two|three|four|five) (?:time|affair)\b.*\bcheat|\bcheat\b.*\b(?:\d+|two|three|"
        r"four|five) (?:time|affair|different)",
    ],
    SELF_HARM: [
        r"\b(?:kill|hurt|harm|cut|burn|hang|shoot|starve) (?:my ?self)\b",
        r"\bend (?:my life|it all|everything|my own life|things)\b",
        r"\btake my (?:own )?life\b",
        r"\bsuicid",
        r"\bself[- ]?harm",
        r"\b(?:want|wanna|wish|like|ready|going) (?:to )?(?:die|be dead|disappear forever|not "
        r"wake up|not exist|not be here)\b",
        r"\bwish i (?:be|was|were|could be) (?:dead|gone|never born|not alive|not here)\b",
        r"\b(?:not|never) (?:want|wanna) (?:to )?(?:live|be alive|be here|exist|wake up|go on)\b",
        r"\b(?:no|any) (?:reason|point) (?:to|in) (?:live|living|go on|going on|be alive)\b",
        r"\bbetter off (?:dead|without me|if i (?:be|was|were) (?:dead|gone))\b",
        r"\boverdos|\bod on\b",
        r"\b(?:pill|rope|blade|razor|gun)s? (?:ready|saved|hidden)\b",
        r"\bjump (?:off|from|in front of)\b",
        r"\b(?:plan|planning|way) (?:to|of) (?:die|end|kill)\b",
        r"\bcan not (?:go on|do this anymore|keep living)\b.*\b(?:die|end|alive|live)\b",
    ],
    BOUNDARY: [
        r"\bblock (?:me|my number|i)\b",
        r"\b(?:restrain|restraining|protective|protection|no[- ]contact) order\b",
        r"\b(?:ask|tell|beg|want) (?:me )?(?:for |to )?(?:no contact|not to "
        rf"{_CONTACT}|never {_CONTACT}|stop {_CONTACT}|never to {_CONTACT}|leave (?:him|her|them) "
        r"alone)",
        rf"\b(?:do not|never|stop|don't) (?:ever )?{_CONTACT}(?:ing)? (?:him|her|them|me) again\b",
        r"\bcall the (?:police|cops) (?:on me |if i)",
        r"\b(?:report|reported) me to the police\b",
        r"\bwant(?:s)? nothing (?:more )?to do with me\b",
        r"\bcut (?:off )?(?:all )?contact\b",
        r"\bchange (?:his|her|their) number\b",
    ],
}

_COMPILED = {cat: [re.compile(p) for p in pats] for cat, pats in PATTERNS.items()}

_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|without|deny|denies|hardly|nor|neither|barely|would not)\b"
)
# Patterns whose wording carries its own negation ("don't want to live") or that are negative
# on purpose; their scope check looks only before the words the pattern itself needs.
_THIRD_PARTY = re.compile(
    r"\b(?:friend|sister|brother|mom|mum|mother|dad|father|cousin|aunt|uncle|coworker|colleague|"
    r"neighbour|neighbor|roommate|daughter|son|niece|nephew|someone|somebody|people|a guy|a girl|"
    r"a woman|a man|her ex|his ex|their ex|her husband|his wife|her boyfriend|his girlfriend|"
    r"character|movie|show|book|news|article|story)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|me|myself|my ?self|we|us)\b")
_CLAUSE_SPLIT = re.compile(r"[.!?;\n]+|,| but | though | although | however ")
_HYPOTHETICAL = re.compile(r"\b(?:what if|if (?:he|she|they) ever|in case|would you)\b")
# Tokens whose spaCy lookup lemma misleads the patterns ("'s" -> "have").
_KEEP_TEXT = {"'s", "s", "'d", "'ll", "'m", "'re"}
_REPLACE = {
    "n't": "not",
    "wo": "will",
    "ca": "can",
    "dont": "do not",
    "didnt": "do not",
    "doesnt": "do not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "wouldnt": "would not",
    "im": "i 'm",
    "ive": "i have",
    "wanna": "want to",
    "gonna": "going to",
    "bc": "because",
    "u": "you",
    "ur": "your",
    "hes": "he 's",
    "shes": "she 's",
    "myslef": "myself",
    "mysef": "myself",
    "im'": "i 'm",
}


@dataclass(frozen=True)
class Finding:
    """One clause that matched a category, and whether it counts as a disclosure."""

    category: str
    clause: str
    disclosure: bool
    reason: str  # "disclosure", "negated", "third_person" or "hypothetical"


def normalise(tokens: Iterable[tuple[str, str]], use_lemmas: bool = True) -> str:
    """Lower-cased lemmas (or words) joined by spaces, contractions and text-speak spelled out."""
    words = []
    for text, lemma in tokens:
        low = text.lower()
        if low in _REPLACE:
            words.append(_REPLACE[low])
        elif low in _KEEP_TEXT or not lemma.strip() or not use_lemmas:
            words.append(low)
        else:
            words.append(lemma.lower())
    return " ".join(words)


def simple_tokens(text: str) -> list[tuple[str, str]]:
    """A spaCy-free fallback tokeniser (lemma = word); used where no pipeline is loaded."""
    return [(w, w) for w in re.findall(r"n't|'\w+|\w+|[^\w\s]", text)]


def _scope(clause: str, start: int) -> str:
    """Why a match at `start` does not count, or "disclosure" if it does."""
    before = clause[:start].split()[-4:]
    if _NEGATION.search(" ".join(before)):
        return "negated"
    if _HYPOTHETICAL.search(clause[:start]):
        return "hypothetical"
    third = _THIRD_PARTY.search(clause)
    if third and not _FIRST_PERSON.search(_THIRD_PARTY.sub(" ", clause)):
        return "third_person"
    if third and third.start() < start and not _FIRST_PERSON.search(clause[third.end() :]):
        return "third_person"
    return "disclosure"


def findings(tokens: Iterable[tuple[str, str]]) -> list[Finding]:
    """Every clause that matches a category, with the scope check's verdict.

    Patterns are tried on the lemmas and on the words themselves, since a lookup lemma can
    hide the phrase ("better off" lemmatises to "well off").
    """
    tokens = list(tokens)
    found = []
    for text in dict.fromkeys((normalise(tokens), normalise(tokens, use_lemmas=False))):
        for clause in _CLAUSE_SPLIT.split(text):
            clause = " " + clause.strip() + " "
            for category in CATEGORY_ORDER:
                for pattern in _COMPILED[category]:
                    match = pattern.search(clause)
                    if match:
                        reason = _scope(clause, match.start())
                        found.append(
                            Finding(category, clause.strip(), reason == "disclosure", reason)
                        )
                        break
    return found


def about_someone_else(tokens: Iterable[tuple[str, str]]) -> bool:
    """True when a message speaks of a third person and never of the user ("my sister's
    husband beats her"): a classifier's disclosure guess is then not the user's own."""
    text = " " + normalise(tokens, use_lemmas=False) + " "
    return bool(_THIRD_PARTY.search(text)) and not _FIRST_PERSON.search(_THIRD_PARTY.sub(" ", text))


def detect(tokens: Iterable[tuple[str, str]]) -> str | None:
    """The most severe category the user discloses about themselves, or None."""
    disclosed = {f.category for f in findings(tokens) if f.disclosure}
    return next((cat for cat in CATEGORY_ORDER if cat in disclosed), None)
