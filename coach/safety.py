"""Rule signal for safety disclosures: lemma patterns with NegEx-style scope checks.

Pure Python over (text, lemma) pairs, so it runs inside the NLU pipeline (on spaCy's tokens)
and in tests alike. A match counts only when it is about the user: not negated before it in
the same clause ("he never hit me"), not about a third person ("my friend's ex hit her"), and
not a figure of speech ("this breakup is killing me" matches no pattern at all).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

ABUSE = "abuse"
REPEATED_INFIDELITY = "repeated_infidelity"
SELF_HARM = "self_harm"
BOUNDARY = "boundary"

# Most severe first: when one message discloses two things, the first one here wins.
CATEGORY_ORDER = (SELF_HARM, ABUSE, REPEATED_INFIDELITY, BOUNDARY)

_ME = r"(?:me|i|myself)"
_SELF_INJURY = (
    r"\bi (?:\w+ ){0,2}(?:(?:hit|hitting|punch|punching|bite|biting|bit|slam|slammed|slamming|bang|"
    r"banged|banging|scratch|scratching|pinch|pinching|burn|burning|cut|cutting|pull|pulling)\w* "
    r"my (?:own )?(?:arm|arms|forearm|forearms|leg|legs|wrist|wrists|hand|hands|thigh|thighs|skin|"
    r"stomach)|"
    # "i keep hitting myself in the face" (not "pinch myself", not "i could slap myself")
    r"(?:hit|hitting|punch|punching|slap|slapping|bite|biting|scratch|scratching|claw|clawing)\w* "
    r"myself (?:in the|on the|until|till|til|so hard|hard|over and over))\b"
)
_VIOLENT = (
    r"(?:hit|beat|punch|slap|kick|choke|strangle|throttle|shove|smack|batter|abuse|assault"
    r"|rape|attack|bite|grab|drag|burn|stab|molest|suffocate|smother|headbutt|pin)"
)
_CONTACT = r"(?:contact|text|call|message|dm|email|reach|see|talk)"
# a partner's threat to die if the user leaves: the leaving, and the death
_LEAVING = r"(?:leave|left|end|ended|break up|broke up|dump|dumped)"
_THEIR_DEATH = (
    r"(?:kill (?:himself|herself|themselves)|take an? overdose|overdose|end (?:his|her|their) "
    r"(?:own )?life)"
)

PATTERNS: dict[str, list[str]] = {
    ABUSE: [
        rf"\b{_VIOLENT}\b(?: \w+){{0,2}} (?:me|myself)\b",  # he hit me / slapped me across ...
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
        r"\b(?:say|said|says) (?:that )?(?:he|she|they) (?:would|will|'d|'ll) (?:kill|hurt|hit|be"
        r"at) "
        r"(?:me|i|myself)\b",
        r"\b(?:share|post|leak|send|spread) (?:my |our )?(?:nude|nudes|naked|intimate|private|"
        r"sex) ?(?:pic|pics|picture|photo|video|tape|image)?",
        r"\brevenge porn\b",
        r"\b(?:control|take|keep|manage) (?:all )?(?:of )?my (?:money|paycheck|pay|card|bank|"
        r"account|salary|wage|finance)",
        r"\b(?:won't|will not|wo not|do not|not|never) (?:let|allow) (?:me|i) (?:to )?(?:see|go|"
        r"talk|have|work|leave|out|visit|spend|wear|call|text|use|hang)\b",
        # ("i'm not allowed to contact her" is a court's or the ex's boundary, not control)
        r"\b(?:i|me) (?:be|am|'m) not allow(?:ed)? to\b(?! (?:contact|text|call|message|go near|"
        r"come near|approach) (?:him|her|them|my ex)\b)",
        r"\b(?:check|go through|look through|monitor|track|search|snoop)(?: \w+){0,2} my "
        r"(?:phone|message|text|location|email|chat|dm)",
        # "read my messages", not "he read my message and said nothing" (a read receipt)
        r"\bread(?: \w+){0,2} my (?:messages|texts|emails|chats|dms|diary|journal|phone)\b|"
        r"\bread (?:all|through|every) (?:of )?my\b",
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
        # strangulation, intimidation, threats
        r"\bhands? (?:round|around|on) my (?:throat|neck)\b",
        r"\b(?:punch|kick|hit|smash) (?:the|a) (?:wall|door|table)\b.*\b(?:me|my head|my face)\b",
        r"\bif (?:he|she|they) can(?:'t| not| ?not) have me\b",
        r"\b(?:burn|kill|hurt|shoot|stab|destroy)\b.*\bwith me in it\b",
        r"\bsay (?:he|she|they) (?:would|will|'d|'ll) (?:kill|hurt|burn|ruin|destroy|find)\b",
        r"\bthreaten\w* (?:to )?kil",
        r"\btake (?:my|the) (?:car )?(?:key|keys|passport|phone|document|documents|money|card)"
        r".*\bso i (?:can not|could not|couldn't|can't|cannot)\b",
        # money, work, isolation, monitoring
        r"\b(?:take|keep) my (?:whole |entire )?(?:paycheck|pay|wage|wages|salary|money)\b",
        r"\bgive me an allowance\b",
        r"\b(?:make|made|force|forced) me (?:quit|leave) my (?:job|work|course|studies)\b",
        r"\b(?:make|made|force|forced) me (?:delete|block|unfollow|cut off|stop seeing|"
        r"stop talking)",
        r"\b(?:have not|haven't|not) seen my (?:family|friends|mum|mom|parents)\b.*\bbecause"
        r" (?:he|she|they)\b",
        r"\bsend (?:him|her|them) (?:a )?(?:photo|picture|pic|selfie|location)\b.*\bwhere i\b",
        r"\btrack(?:ing)? me\b",
        r"\bfind my (?:phone|iphone|friends)?\b.*\b(?:track|check|watch)|"
        r"\b(?:track|check|watch)\w*\b.*\bfind my\b",
        # custody threats
        r"\b(?:full )?custody\b.*\bif i\b|\btell the (?:judge|court) i\b",
        r"\btake (?:our|my|the) (?:son|daughter|kid|kids|child|children|baby)\b.*\b(?:if|unless|"
        r"every time) i\b",
        # stalking after the breakup
        r"\b(?:keep|keeps|kept) (?:turn|show)(?:ing)? up\b",
        r"\b(?:see|saw|seen) (?:his|her|their) car (?:outside|near|by|at) my\b",
        r"\bfrom (?:like )?\d+ (?:different )?(?:account|accounts|number|numbers)\b",
        r"\b(?:wait|waiting) (?:by|outside|at|for me at) my (?:car|work|house|door|flat|office)\b",
        r"\b(?:show|showing) up at my (?:work|house|door|flat|office|job|school)\b",
        # violence to the body, in more words
        r"\b(?:grab|squeeze|twist|pull|yank|slam|bang|smash)\w* (?:me |my )?(?:by )?(?:the |my )?"
        r"(?:throat|neck|hair|head|face|arm|arms|wrist|wrists)\b",
        r"\b(?:slam|bang|smash|shove|push)\w* (?:my head|me) (?:into|against|on)\b",
        r"\b(?:can not|could not|couldn't) breathe?\b.*\b(?:he|she|they|his|her) (?:hand|grip|arm)"
        r"|\b(?:his|her|their) hands? (?:on|round|around) my\b",
        r"\b(?:lock|locked|locks|locking) me (?:in|out)\b",
        r"\b(?:finger ?marks|handprint|bruises|cuts) (?:on|all over) (?:me|my)\b",
        r"\bleft (?:a )?(?:mark|marks|bruise|bruises)\b",
        # threats, in more words
        r"\b(?:he|she|they) (?:say|said|says|tell|told|text|texted)\w*(?: me)? (?:that )?(?:he|sh"
        r"e|they)"
        r" (?:would|will|'d|'ll|is going to|was going to|be going to) (?:kill|hurt|hit|beat|burn|"
        r"break"
        r"|ruin|destroy|find|take|make me|get me)\b",
        r"\bthreaten\w* (?:to )?(?:break|burn|smash|tell|report|call|ring|take|leave me with"
        r"|throw|kick me out)\b",
        r"\b(?:say|said|says|tell|told|threaten\w*)\b.*\b(?:police|social services|court|judge|"
        r"everyone|my boss|my family)\b.*\bi (?:hit|hurt|abuse|beat|attack)\w*\b",
        r"\bnobody (?:would|will) believe me\b|\bno one (?:would|will) believe me\b",
        r"\b(?:never|not) see (?:my|our|the) (?:son|daughter|kid|kids|child|children|baby)"
        r"(?: \w+)? again\b",
        r"\btake (?:our|my|the) (?:son|daughter|kid|kids|child|children|baby) (?:to|away|abroad|"
        r"off me|from me)\b",
        # fear of the partner's moods; a safety plan already in place
        r"\b(?:too scared|too afraid|scared|afraid|terrified) to (?:go home|be home|leave|say no|"
        r"tell (?:him|her|them))\b",
        r"\bbag (?:packed|ready)\b|\b(?:things|it) kick off\b|\bbad night\b.*\b(?:he|she)\b"
        r"|\bmake myself small\b",
        r"\b(?:police|cops|neighbour|neighbor)\w*\b.*\b(?:on us|round|came)\b.*\bjust\b",
        # control of clothes, faith, friends, movement, money
        r"\b(?:pick|picks|choose|chooses|decide|decides|control|controls) what i (?:wear|eat|say|"
        r"do)\b",
        r"\bmake\w* me (?:change|get changed|take off|cover up|dress)\b",
        r"\b(?:have to|had to|make me|makes me|made me) (?:stop|quit) (?:go|going|see|seeing|"
        r"talk|talking)\b.*\b(?:because|cos|cause) (?:he|she|they)\b",
        r"\b(?:have to|had to|must) (?:share|send|show) (?:my |him |her |them )?(?:my )?(?:live )?"
        r"(?:location|whereabouts|receipts|screen time)\b",
        r"\b(?:check|checks|checked|checking) (?:the )?(?:mileage|receipts|bank statements?|"
        r"where i (?:go|went|am|was))\b",
        r"\b(?:keep|keeps|kept) (?:a )?(?:list|track|tabs|log) of (?:everyone|who|where|what) i\b",
        r"\b(?:ring|rings|call|calls|text|texts|message|messages) me (?:\d+|fifty|forty|thirty|tw"
        r"enty"
        r"|a hundred|hundreds of|dozens of) times\b",
        r"\b(?:message|messaging|contact|contacting|ask|asking) my (?:new )?(?:colleague|colleagu"
        r"es|"
        r"coworker|coworkers|boss|friends|family)\w* (?:to|about)\b.*\b(?:me|i)\b",
        # watching from outside, after the breakup
        r"\b(?:sit|sits|sitting|park|parks|parked|wait|waits|waiting|wait) (?:outside|near|by|acr"
        r"oss "
        r"from) my\b",
        r"\b(?:wait|waiting|waitin) (?:outside|for me at|by) (?:my )?(?:work|house|door|flat|offi"
        r"ce|"
        r"job|school|place)\b",
        r"\b(?:made|make|makes|forcing|forced|kept on at|keep on at|pressure|pressured)\b.*\b(?:u"
        r"ntil"
        r"|till) i (?:give|gave|went|go) (?:in|along)\b",
        r"\b(?:want|wanted|wants) sex even when i\b",
        # a partner's threat to die if the user leaves: control, whatever the words of harm
        rf"\b(?:if|when|every time|whenever) i (?:\w+ ){{0,3}}{_LEAVING}\b"
        r"(?: (?!(?:his|her|their|my)\b)\S+){0,6} (?:(?:he|she|they|hed|shed)(?: 'd| would| will|"
        r" 'll| be going to| was going to| say| said| threaten\w*)*|threaten\w*)(?: to)? "
        rf"(?:{_THEIR_DEATH}|hurt (?:himself|herself|themselves)|end it all|suicide)\b",
        r"\b(?:he|she|they) (?:be )?(?:\w+ )?threaten\w* suicide\b",
        rf"\b(?:he|she|they) (?:\S+ ){{0,6}}{_THEIR_DEATH}\b.*\bif i (?:ever )?(?:{_LEAVING}|go)\b",
    ],
    REPEATED_INFIDELITY: [
        r"\bcheat(?: on (?:me|i))? (?:again|twice|repeatedly|constantly|multiple|several|many|"
        r"numerous|more than once|over and over|all the time|on and off|countless)\b",
        r"\b(?:keep|keeps|kept|always|still|constantly|repeatedly) (?:on )?cheat",
        r"\b(?:again|twice|second time|third time|another time)\b.*\bcheat",
        r"\bcheat\b.*\b(?:again|twice|second time|third time|more than once|another|several|"
        r"multiple|so many|a few|countless) ?(?:time|affair|girl|guy|woman|man|people|person)?",
        # "cheated on me like 3x", "a couple of times"
        r"\bcheat\w*(?: on (?:me|i))? (?:like |about |at least |maybe )?(?:(?:[2-9]|\d\d+) ?x\b|"
        r"(?:[2-9]|\d\d+) time|a couple (?:of )?time|couple of time|a bunch of time|loads of time)",
        r"\b(?:another|several|multiple|many|more|two|three|four|few|second|third|serial|"
        r"string of|countless|[2-9]) (?:\w+ )?(?:affair|cheater|cheating)\b",
        r"\bserial cheat",
        r"\b(?:cheat\w*|unfaithful|sleep\w* around|slept around|affairs?|sleep\w* with other)\b"
        r".{0,40}\b(?:over and over|again and again|like clockwork|every few (?:weeks|months)|"
        r"time after time)\b",
        r"\bnot the first time (?:he|she|they) (?:have )?cheat",
        r"\bnot the first time\b.*\b(?:cheat|affair|behind my back|other (?:guy|girl|man|woman))|"
        r"\b(?:cheat|affair|behind my back)\b.*\bnot the first time\b",
        r"\b(?:affair|affairs|cheat|cheating|tinder|dating app|another (?:guy|girl|man|woman))\b"
        r".*\b(?:again|every time|same as last|last time was the last)\b",
        r"\bevery time i forgive (?:him|her|them)\b",
        r"\b(?:someone|somebody|girls|guys|people|a girl|a guy) on the side\b",
        r"\bthat make (?:two|three|four|five|\d+) now\b|\bthat makes (?:two|three|four|five)\b",
        r"\b(?:latest|newest) one\b.*\bbefore that\b|\bbefore that\b.*\b(?:latest|newest) one\b",
        r"\b(?:keep|keeps)\b.*\b(?:with|seeing|sleeping with) (?:someone|somebody) else\b",
        r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth) time\b.*\bcheat|\bcheat\b.*"
        r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth) time\b",
        r"\bkeep tak(?:e|ing) (?:him|her|them) back\b",
        r"\b(?:\d+|two|three|four|five) (?:time|affair)\b.*\bcheat|\bcheat\b.*\b(?:\d+|two|three|"
        r"four|five) (?:time|affair|different)",
        # more than once, in other words
        r"\b(?:unfaithful|cheat\w*|sleep\w* with|sleeping around|seeing|hook\w* up with)\b.*"
        r"\b(?:\d+|two|three|four|five|several|multiple|different|many|other) (?:different )?"
        r"(?:people|women|men|girls|guys|partners|woman|man|girl|guy)\b",
        r"\b(?:string|series|list|line|bunch|load|lot) of (?:girlfriend|boyfriend|woman|women|man"
        r"|men"
        r"|girl|girls|guy|guys|affair|lover|fling)\w*",
        r"\b(?:sleep|sleeping|slept) (?:with|around with) (?:other|different) (?:people|women|men|"
        r"girls|guys)\b",
        r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth) (?:time|woman|man|girl|guy|"
        r"affair|one)\b.*\b(?:found|caught|messages|texts|seeing|sleeping|with)\b|\b(?:found|"
        r"caught)\b.*\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth) (?:time|woman|man|"
        r"girl|guy)\b",
        r"\b(?:after|since) the (?:first|last|other) (?:time|one|two|few|\d+)\b.*\b(?:again|still|"
        r"saw|caught|found|promise)\w*|\bpromise\w*\b.*\bafter the (?:last|first) (?:time|\d+|two|"
        r"three)\b",
        r"\b(?:latest|newest|last) one\b.*\b(?:before (?:that|him|her)|there (?:was|were|have bee"
        r"n))"
        r"\b|\bthere (?:have been|were|'ve been) (?:so many|a lot|loads|lots|others|several|a few"
        r")\b",
        r"\b(?:each|every) one meant nothing\b|\b(?:always|every time) a different (?:name|girl|"
        r"guy|woman|man|number)\b",
        r"\b(?:someone|somebody|a) new (?:every|each) (?:few )?(?:week|weeks|month|months|year)\b",
        r"\b(?:on and off|on n off|on-and-off)\b.*\b(?:behind my back|seeing|sleeping)\b|\b"
        r"(?:behind my back|seeing (?:his|her) ex)\b.*\b(?:on and off|all year|for years|again)\b",
        r"\b(?:same as|just like) (?:last time|the last time|before)\b.*\b(?:number|girl|guy|"
        r"messages|found|caught)\b|\b(?:number|girl|guy|messages|found|caught)\b.*\b(?:same as|"
        r"just like) (?:last time|the last time|before)\b",
        r"\b(?:done it|does it|did it|at it) (?:every year|again|every time|for years)\b",
        r"\b(?:affair|fling)\b.*\b(?:then|and) another\b|\banother (?:one|affair) "
        r"(?:\w+ ){0,3}(?:ago|later|after)\b",
        r"\b(?:dating app|tinder|grindr|hinge|bumble)\w*\b.*\b(?:again|every|still|keep)\b|\b"
        r"(?:again|still)\b.*\b(?:dating app|tinder|grindr|hinge|bumble)\b",
    ],
    SELF_HARM: [
        r"\b(?:kill|hurt|harm|cut|burn|hang|shoot|starve|finish|unalive) (?:my ?self)\b",
        # online euphemisms for suicide ("catch the bus")
        r"\bsewer ?slide\b|\bunalive\b|\bctb\b",
        r"\b(?:rather|prefer to) be dead\b",
        r"\bpull\w* (?:all )?(?:of )?my (?:eye)?lash(?:es)?\b(?: \w+){0,3} out\b|"
        r"\bpull\w* out (?:all )?(?:of )?my (?:eye)?lash",
        # the user hurting their own body: "i bite my arm until it bruises" (not "i cut my hand
        # chopping onions")
        _SELF_INJURY + r".*\b(?:on purpose|until|till|til|to feel|whenever|every time|when i "
        r"think|to punish|to stop|when it get|when it gets)\b",
        r"\bi (?:keep|kept|have be|'ve been|been|start|started|have start|have started) "
        + _SELF_INJURY.removeprefix(r"\bi "),
        r"\bstep\w* (?:out )?in front of (?:a|the) (?:bus|train|car|truck|lorry|tube)\b",
        r"\bif i (?:die|died|be dead|was dead|were dead|crash|crashed|was gone|be gone)\b.*\b"
        r"(?:finally|mind|care|better|easier|sorry|notice|understand|feel)\b",
        r"\bdying (?:sound|sounds|seem|seems|feel|feels|would be|be) (?:\w+ )?(?:easier|better|"
        r"nice|peaceful|good|like a relief|like relief)\b",
        r"\b(?:prescription|pills|meds|tablets|paracetamol)\b.*\bso (?:i|i 'd|i would|i 'll) have "
        r"enough\b",
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
        # ("planning to end my lease", "a way to end things" are no plan to die)
        r"\b(?:plan|planning|way) (?:to|of) (?:die|kill|"
        r"end(?! (?:(?:my|the|our|this|that) (?:lease|contract|tenancy|subscription|membership|"
        r"shift|relationship|marriage|engagement|call|conversation|chat|friendship|streak|trip)|"
        r"things)\b))\b",
        r"\bcan not (?:go on|do this anymore|keep living)\b.*\b(?:die|end|alive|live)\b",
        r"\b(?:never|not|don't|do not) wake up\b",
        r"\bgiv(?:e|ing) (?:my|all my) (?:stuff|things|belongings|possessions) away\b",
        r"\b(?:won't|will not) (?:need|be needing) (?:it|them|anything) (?:much )?"
        r"(?:longer|anymore)\b",
        r"\b(?:won't|will not) be (?:around|here) (?:much )?(?:longer|for long)\b",
        r"\bsay(?:ing)? (?:goodbye|bye) to (?:people|everyone|everybody|my)\b",
        r"\bdisappear (?:forever|for good|permanently)\b",
        # "the only reason i haven't done anything stupid is my dog"
        r"\bonly (?:reason|thing) (?:\w+ ){0,4}(?:not|never) (?:do|done|did) "
        r"(?:anything|something) (?:stupid|drastic|silly)\b|"
        r"\bonly (?:reason|thing) (?:stopping|keeping) me (?:here|alive|going|from)\b",
        r"\b(?:nobody|no one|no-one) would (?:even )?(?:notice|care|miss me)\b",
        r"\b(?:relieved|better|happier|easier)\b.*\bif i (?:be|was|were|am) (?:not|n't)?\s?"
        r"(?:around|here|alive|gone|dead)\b",
        r"\bif i (?:be|was|were) (?:gone|dead|not around|not here)\b",
        r"\bhow many (?:of )?(?:my )?(?:meds|pills|tablets|medication)\b",
        r"\b(?:pill|pills|meds|tablets)\b.*\b(?:count|counted|lined up|saved up|stockpil)",
        r"\b(?:buy|bought|got|have) (?:a|some) rope\b",
        r"\bdone with (?:everything|it all)?\s?(?:,\s)?(?:with )?life\b|\bdone with life\b",
        r"\b(?:pain|hurt|it|everything) (?:to )?stop for good\b",
        r"\b(?:cut|cutting|scratch|scratching|burn|burning) (?:myself|my (?:arm|arms|wrist|wrists|"
        r"leg|legs|skin))\b",
        r"\bcutting again\b|\bstart(?:ed)? cutting\b",
        r"\btill (?:it|they) bleed",
        r"\b(?:think|thinking) (?:about|of) end(?:ing)? it\b(?! with| between| off)",
        r"\b(?:this is|tonight is|it's|it is) my last (?:night|day)\b",
        r"\bedge of (?:the|a) (?:roof|bridge|cliff|platform|building)\b",
        r"\bwant (?:the|this) pain to (?:end|stop) (?:for good|forever|permanently)\b",
        # an overdose taken or readied
        r"\b(?:take|took|taken|swallow|swallowed|down|downed) (?:like |about |a |all )?(?:\d+|loa"
        r"d of"
        r"|lot of|bunch of|handful of|whole|all|twenty|thirty|fifty|more of)\b.*\b(?:pill|pills|t"
        r"ablet"
        r"|tablets|meds|paracetamol|antidepressant|antidepressants|sleeping)\w*",
        r"\b(?:take|taking|took|swallow)\b.*\b(?:everything|all) in the (?:med|medicine|bathroom)",
        r"\b(?:stockpil|hoard|saving up|save up|count|counting)\w*\b.*\b(?:pill|pills|tablet|"
        r"tablets|meds|antidepressants|medication)\b",
        r"\bhow many (?:of )?(?:my )?\w* ?(?:pens|pills|tablets|meds)\b.*\btake\b",
        # goodbyes, wills, letters, affairs put in order
        r"\b(?:write|wrote|written|writing|leave|left)\b.*\b(?:letter|letters|note|notes)\b.*\b"
        r"(?:to find|for (?:my|when|after))\b",
        r"\b(?:sort|sorted|sorting|make|made|write|wrote) (?:out )?my will\b|\bwho gets (?:the|my) "
        r"(?:dog|cat|stuff|things)\b",
        r"\bmade (?:my )?peace with it\b|\btonight'?s the night\b",
        r"\b(?:won't|will not|wo not) be (?:a problem|a burden|in anyone's way) (?:for|to) "
        r"(?:anyone|anybody|you|them)\b",
        r"\b(?:not|don't|do not) plan on being (?:around|here|alive)\b",
        r"\b(?:not|don't|do not|won't|will not) (?:see|make) (?:me )?(?:it|making it) (?:to|till|"
        r"until|past)\b",
        r"\b(?:she|he|they)'?(?:ll| will) need (?:them|it) soon\b|\bwhere my passwords are\b",
        r"\bdone\b.*\bnot just with (?:him|her|them|this|us|the relationship)\b",
        # wanting not to exist, in other words
        r"\b(?:on|in) this (?:earth|world|planet) any ?more\b",
        r"\b(?:fade|slip) (?:out|away)\b.*\b(?:stop|stopped) (?:eating|taking)|\b(?:stop|stopped)"
        r" (?:eating|taking my meds)\b.*\bon purpose\b",
        r"\b(?:easier|better) (?:to|if i) (?:just )?(?:not be|were not|was not|wasn't|weren't) "
        r"(?:alive|here|around)\b",
        r"\bwish(?:ing)? (?:a|the) (?:bus|car|train|truck|lorry) would (?:just )?hit me\b",
        r"\b(?:not|wasn't|wasnt|was not) (?:really )?trying to wake up\b",
        # self-injury and means
        r"\b(?:make|making|made) myself (?:bleed|hurt|sick)\b",
        r"\b(?:burn|burnt|burned|cut|scratched)\w* (?:my|myself)\b.*\b(?:cig|cigarette|lighter|"
        r"razor|blade|knife)\b|\b(?:cut|cutting|burn|burnt|burned|burning|scratch|scratching|"
        r"scratched) (?:\w+ )?(?:my arm|my wrist|my leg)\b.*\b(?:again|cig|cigarette|lighter)\b",
        r"\b(?:knife|blade|razor|gun|shotgun|rifle|rope)\b.*\b(?:on myself|use it|using it|sitting "
        r"with it|sit with it|next to me|in my hand)\b",
        r"\b(?:edge|ledge|top)\b.*\b(?:thinking about|thought about|think about) (?:going over|"
        r"jumping|stepping off|letting go)\b",
    ],
    BOUNDARY: [
        r"\bblock (?:me|my number|i)\b",
        r"\b(?:restrain|restraining|protective|protection|no[- ]contact) order\b",
        r"\b(?:ask|tell|beg|want) (?:me )?(?:for |to )?(?:no contact|not to "
        rf"{_CONTACT}|never {_CONTACT}|stop {_CONTACT}|never to {_CONTACT}|leave (?:him|her|them) "
        r"alone)",
        rf"\b(?:do not|never|stop|don't) (?:ever )?{_CONTACT}(?:ing)? (?:him|her|them|me) again\b",
        # "she said 'please don't contact me anymore'" (not "i don't text her anymore", not "he
        # never texts me anymore")
        r"\b(?:say|said|tell|told|ask|asked|write|wrote|text|texted|message|messaged|please)\b"
        rf"[^.]{{0,20}}\b(?:do not|don't|never|stop) (?:ever )?{_CONTACT}(?:ing)? me "
        r"(?:any ?more|ever again)\b",
        # "she doesn't want any contact" (the lookup lemma of "does" is "doe")
        r"\b(?:he|she|they) (?:do|does|doe|did) not want (?:any |no )?(?:more )?contact\b"
        r"(?! (?:with|from) (?!me\b))",
        r"\binjunction\b",
        r"\b(?:i|me) (?:be|am|'m) not allow(?:ed)? to (?:contact|text|call|message|go near|"
        r"come near|approach) (?:him|her|them|my ex)\b",
        r"\bcall the (?:police|cops) (?:on me |if i)",
        r"\b(?:report|reported) me to the police\b",
        r"\bwant(?:s)? nothing (?:more )?to do with me\b",
        r"\bcut (?:off )?(?:all )?contact\b",
        r"\bchange (?:his|her|their) number\b",
        r"\b(?:police|cops)\b.*\bif i\b|\bif i\b.*\b(?:police|cops)\b",
        r"\b(?:say|said|asked for|wants?|want) (?:total |full |complete )?no contact\b",
        r"\bnot to (?:reach out|contact|text|call|message)\b",
        r"\bno contact order\b",
        r"\b(?:leave|let) (?:him|her|them) (?:be|alone)\b.*\b(?:said|told|asked)\b|"
        r"\b(?:said|told|asked)\b.*\b(?:leave|let) (?:him|her|them) alone\b",
        r"\b(?:non[- ]?molestation|harassment) (?:order|warning|notice)\b",
        r"\b(?:protection|protecshun|protective|restraining) order\b",
        r"\b(?:block|blocked)\w* (?:my|me on)\b|\bnew (?:account|instagram|insta|number|profile)"
        r"\b.*\b(?:block|blocked|see (?:his|her|their))\b",
        r"\b(?:one grey tick|one gray tick|not delivered|never delivered)\b.*\b(?:disappear|gone|"
        r"removed|block)\w*",
    ],
}

_COMPILED = {cat: [re.compile(p) for p in pats] for cat, pats in PATTERNS.items()}

_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|without|deny|denies|hardly|nor|neither|barely|would not|"
    r"nowhere near|far from)\b"
)
# Patterns whose wording carries its own negation ("don't want to live") or that are negative
# on purpose; their scope check looks only before the words the pattern itself needs.
_THIRD_PARTY = re.compile(
    r"\b(?:friend|sister|brother|mom|mum|mother|dad|father|cousin|aunt|uncle|coworker|colleague|"
    r"neighbour|neighbor|roommate|daughter|son|niece|nephew|someone|somebody|people|a guy|a girl|"
    r"a woman|a man|her ex|his ex|their ex|her husband|his wife|her boyfriend|his girlfriend|"
    r"character|movie|show|book|news|article|girl in|guy in|boy in|classmate|flatmate|"
    r"housemate|teammate|client|patient|student|kid in|mate|auntie|boss|grandma|grandpa|gran|nan|"
    r"nana|parents|bestie|bff|stepdad|stepmum|stepmom|buddy|pal|celebrity|celeb|influencer|"
    r"footballer|popstar)(?:s|'s)?\b|"
    # someone else's partner: "my mate's wife", "my ex's new girlfriend", "his new gf"
    r"\b\w+ ?'s (?:(?:new|second|first|current|old|late) )?(?:ex|husband|wife|boyfriend|girlfriend"
    r"|bf|gf|partner|fiance|fiancee"
    r"|missus|misses|hubby|wifey|man|woman)\b|"
    r"\b(?:his|her|their) new (?:girlfriend|gf|boyfriend|bf|partner|wife|husband)\b|"
    r"\b(?:her|his|their) (?:partner|bf|gf|man|missus|fiance|fiancee|hubby)\b"
)
# who else the partner is in a self-harm clause ("my ex has been self harming")
_PARTNER_SUBJECT = re.compile(
    r"\b(?:he|she|they|ex|bf|gf|boyfriend|girlfriend|husband|wife|partner|fiance|fiancee)\b"
)
# the other people in a story of cheating are the affair partners, not a third-person story
_AFFAIR_PARTNER = re.compile(
    r"\b(?:someone|somebody|people|a guy|a girl|a woman|a man|the woman|the guy|the girl|"
    r"coworker|colleague)s?(?: else)?\b(?! ?'s)|"
    # "another friend he's texting", "some girl from work": nobody's story of their own
    r"\b(?:a|an|another|some|other|new|random) (?:\w+ )?(?:friend|girl|guy|woman|man|coworker|"
    r"colleague|mate|neighbour|neighbor|classmate|student|client|patient|boss|teammate)s?\b"
    r"(?! ?'s)|"
    # the partner's own people ("after swearing on his mother", "his coworker"), not a partner of
    # someone else ("her husband")
    r"\b(?:his|her|their) (?:\w+ )?(?:mother|mum|mom|dad|father|friend|coworker|colleague|boss|"
    r"mate|brother|sister|cousin|neighbour|neighbor|secretary|assistant|student|client|teammate|"
    r"trainer|classmate|flatmate|roommate)s?\b(?! ?'s)"
)
# "an affair with her boss, then another with my best mate", "back to his ex": whoever comes
# after "with", "seeing" or "back to"
_WITH_SOMEONE = re.compile(
    r"\b(?:with|seeing|seein|see|back to|texting|meeting|sleeping with) (?:(?:two|three|four|five|"
    r"both|some|all|one|several|a few|a couple|loads|lots) of )?(?:(?:my|her|his|their|a|an"
    r"|the|some) )?(?:best |old |new )?$"
)
# a negation word that does not negate what follows: "i can't go out without him tracking me"
# (the words are what he does), "it's not the first time" (it happened before)
_PSEUDO_NEGATION = re.compile(
    r"\bwithout (?:him|her|them|he|she|my (?:bf|gf|ex|husband|wife|partner|boyfriend|girlfriend))"
    r"$|\bnot the first\b|\bnot only\b|\bnot just\b|\bno matter\b|\b(?:say|said|says|saying) no\b|"
    # "can't stop thinking about ending it", "don't want to be on this earth": no denial
    r"\b(?:can|could) not (?:stop|believe)\b|\bnot want to (?:be|live|exist|wake)\b|"
    # "the only reason i haven't killed myself is my cat": held back, not a denial
    r"\bonly (?:reason|thing) (?:\w+ ){0,3}not\b|"
    # "i don't care if i don't wake up": indifference to dying, not a denial
    r"\bnot (?:really |even )?(?:care|mind) (?:if|whether)\b"
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|me|myself|my ?self|we|us)\b|"
    # the user's own partner makes it the user's story: "my husband has affairs with our neighbour"
    r"\bmy (?:ex|husband|wife|partner|bf|gf|boyfriend|girlfriend|fiance|fiancee|hubby|spouse)\b"
)
# Similes and idioms. "I feel like I want to die" is not one: "feel like" counts only before a
# comparison ("like a truck hit me", "like I've been punched"), never before a wish or a plan.
_FIGURATIVE = re.compile(
    r"\b(?:feel|felt|feels|feeling) like (?:a|an|the|i have be|i've be|i have been|i've been|"
    r"i get|i got|someone|somebody|something)\b|\b(?:by|like) a (?:truck|bus|train|car|wave|brick"
    r"|tonne|ton)\b|\ba (?:punch|kick|slap|stab|knife|dagger) (?:to|in|through) (?:the|my)\b|"
    # "i'd kill for a coffee" (not "wanting to die for about two weeks")
    r"\b(?:die|kill) for\b(?! (?:about|around|the (?:past|last)|weeks|months|days|years|ages|"
    r"\d+|two|three|four|a few|a couple|a while|a week|a month|so long|some time|over)\b)|"
    # an inanimate subject "killing me"; "to death" as an intensifier; blows of fate
    r"\b(?:this|it|its|that|breakup|silence|wait|waiting|not knowing|distance|uncertainty"
    r"|heartbreak|loneliness|pain|song|everything|guilt|grief|work|algorithm|app|memory|memories"
    r"|past|anxiety|stress|depression|debt|deadlines|bills|overthinking|exams|insomnia|regret"
    r"|something|anything|nothing)"
    r" (?:be |is |'s |was |)(?:literally |actually |really |just )?"
    r"(?:kill|killing|kills|beat|beating|eat|eating|crush|crushing|suffocat\w*|smother\w*|chok\w*|"
    r"strangl\w*|drag\w*|"
    r"destroy\w*|stalk\w*|haunt\w*) me\b|"
    # "my mates dragged me out" (not "dragged me out of bed")
    r"\bdrag\w* me (?:out(?! of)|along|to (?:the |a )?(?:pub|bar|club|party|karaoke|gym|cinema|"
    r"church|brunch|dinner|lunch|drinks|pints|beach|shops))\b|"
    r"\bchok\w* (?:me )?up\b|\bhit rock bottom\b|\bhit\w* me back\b|\bkill\w* it\b|"
    r"\bkill\w* myself laugh\w*|\bjump\w* off the deep end\b|"
    r"\bdie of (?:embarr?ass?\w*|shame|cringe|laughter|laughing|boredom)\b|"
    # "my eyes look like someone punched me", "like a bruise i keep pressing on"
    r"\blook(?:s|ed|ing)? like (?:someone|somebody|i|a)\b|\blike a (?:bruise|punch|kick|slap|"
    r"wound|knife)\b|"
    # "i'll kill myself if i have to sit through another team building day"
    r"\bkill\w* myself if i (?:have to|hear|see|get|go)\b|"
    # "hit me with the guilt trip" (not "hit me with a belt")
    r"\bhit\w* me with (?:the|a|an|that|this|some|his|her) (?!(?:\w+ )?(?:belt|bat|stick|"
    r"bottle|pan|hammer|fist|hand|phone|chair|shoe|remote|cable|cord|plate|glass|knife|book|lamp|brush|hanger|"
    r"whip|spoon|cup|mug|bag|door|car|key|keys|slipper|ruler|pipe|rod|iron|belt buckle)\b)|"
    # stalking a profile online is the user looking, not being stalked
    r"\b(?:ig|insta|instagram|facebook|fb|social media|online) stalk\w*|\bstalk\w* (?:his|her|"
    r"their|my ex 's|the|its) (?:[\w']+ ){0,2}(?:instagram|insta|ig|page|profile|spotify|linkedin|"
    r"pinterest|socials|stories|story|tiktok|facebook|fb|twitter|account|pics|photos|posts)\b|"
    r"\b(?:bored|scared|worried|tired|embarrassed) to death\b|\bdying (?:to|of|for)\b|"
    r"\b(?:stab|stabbed|knife)(?: me)? in the back\b|\bslap in the face\b|\bpunch in the gut\b|"
    r"\b(?:it|reality|this|that) (?:all |finally |just |really )?(?:hit|hits|hitting) me\b|"
    r"\bbeat(?:ing)? myself up\b|\bkick(?:ing)? myself\b|"
    # "pushed me to go out more": encouragement
    r"\bpush\w* me to (?:go|do|try|be|get|see|apply|make|start|take|study|work|chase|join)\b|"
    r"\bdead to me\b|\bdie alone\b|\bbury(?:ing)? myself in\b|\bhit\w* me up\b|"
    # "my mum will strangle me if i get back with him", "my sister's going to kill me"
    r"\b(?:mum|mom|mother|dad|father|parents|sister|brother|nan|gran|family|friends|mates|boss|"
    r"bestie)\b.{0,25}\b(?:will|gonna|going to|'ll|would|'d) (?:literally |actually )?(?:kill|"
    r"murder|strangle|slaughter|skin|disown) me\b|"
    r"\bchok\w* back (?:the |my )?(?:tears?|sobs?|a sob)\b|"
    r"\bthrow\w* (?:it|that|this) (?:back )?(?:at me|in my face)\b|"
    r"\bstab(?:s|bed|bing)? (?:me )?(?:right )?(?:in|through) (?:the|my) "
    r"(?:heart|soul|chest|gut)\b|"
    # "she said i was smothering her", "felt smothered": clinginess, not a hand over the mouth
    r"\b(?:suffocat|smother)\w* (?:him|her|them)\b|\b(?:felt|feel|feeling|was|am|'m|be) "
    r"(?:so |really |a bit |kind of |kinda )?(?:suffocated|smothered|suffocating|smothering)\b|"
    r"\bkill\w* myself (?:at|with|over|for) (?:the gym|work|revision|overtime|training|exams|"
    r"this job|my job|the job)\b"
)
# Everyday senses of a topic word, judged only where they cover the word itself ("cut him off"
# in "i cut myself, then cut him off" leaves "cut myself" alone)
_EVERYDAY_SENSE = re.compile(
    r"\bcheat\w* (?:at|on|in|during|off) (?:\w+ ){0,2}(?:uno|monopoly|card|cards|poker|game|games|"
    r"mario ?kart|scrabble|chess|exam|exams|test|tests|quiz|quizzes|homework|diet|taxes|golf|"
    r"fortnite|cluedo|trivia|sudoku|wordle|crossword|crosswords|coursework|assignment)\b|"
    r"\bcheat (?:day|meal|sheet|code|codes|days|meals|snack)\b|"
    r"\bcut\w* (?:down|back|ties|off|out|him|her|them|loose|corners|class|classes|carbs|sugar|"
    r"caffeine|alcohol|drinking|the cord|my (?:hair|fringe|bangs|losses|hours|spending|screen time|"
    r"nails))\b|\bcutting (?:diet|phase|season)\b"
)
# "it's not like he punched me", "i wouldn't call it abuse": a hedge, not a denial. The rules
# do not count it, and it does not overrule a classifier either.
_HEDGE = re.compile(
    r"\bnot like (?:he|she|they|my \w+) (?:ever |actually |really )?$|"
    r"\bnot (?:really )?(?:call|say|think|know if|know whether|sure if|sure whether|sure|consider)"
    r"\w* (?:it|that|this|he|she|they|what he do|what she do)? ?(?:be |is |'s |was |were |count as "
    r"|counts as |as |a |an )*$"
)
# "i'm not suicidal exactly, i just looked up the tallest buildings"
_HEDGE_AFTER = re.compile(r"\w*\s*(?:exactly|as such|per se|really but|or anything but)\b")
# "i don't have any thoughts of suicide": the denial is further back than four words
_NO_THOUGHTS = re.compile(
    r"\b(?:not|never|no) (?:have |had |get |got )?(?:any |real |serious )?(?:thought|thoughts|plan|"
    r"plans|intention|intentions|urge|urges|desire|wish|idea)s? (?:of|to|about)\s*$"
)
# "my girlfriend bit me and clawed my arms till they bled", "he'd break my legs": the partner hurt
# the user (abuse), not the user themselves
_HURT_ME = re.compile(
    r"\b(?:bite|bit|claw|clawed|hit|punch|kick|break|broke|burn|burnt|scratch|choke|strangle|slap|"
    r"stab|beat|push|shove|throw|threw|grab|cut)\w* (?:me|my)\b(?! to\b)"
)
_I_SUBJECT = re.compile(r"\b(?:i|myself)\b")
# the user's childhood, and the family it happened in: not a partner's abuse
_CHILDHOOD = re.compile(
    r"\bwhen i (?:be|was) (?:a kid|a child|little|young|younger|small|a teen|a teenager|growing"
    r" up|[1-9]|1[0-5])\b|\bgrowing up\b|\bas a (?:kid|child|teen|teenager)\b|\bchildhood\b"
)
_FAMILY = re.compile(
    r"\b(?:dad|father|mum|mom|mother|stepdad|stepmum|stepmom|parents|brother|sister|uncle|aunt|"
    r"grandad|grandpa|grandma|nan|gran|family)\b"
)
# asking about the topic in general: "what percentage of men ... it's for a uni presentation"
_RESEARCH = re.compile(
    r"\bfor (?:a|an|my) (?:uni |school |college |class |psych |psychology |sociology )?(?:"
    r"presentation|essay|project|assignment|paper|dissertation|thesis|research|report)\b|"
    r"\bwhat percentage\b|\bstatistic\w*"
)
# "he cheated again lol": laughter may be a joke or a way of coping; the rules do not count the
# clause, and do not overrule a classifier either
_LAUGH = re.compile(r"\b(?:lol|lmao|lmfao|haha\w*|jk|just kidding|rofl)\b")
# "his self harm", "her suicide attempt": the partner's own
_THEIR_OWN = re.compile(r"\b(?:his|her|their) (?:own |past |old |history of |\w+ and a )?$")
# the user's own thing, once third persons are "them": "my nudes" (not "my best them")
_MY_OWN = re.compile(
    r"\bmy\s+(?!(?:(?:best|old|close|oldest|little|big|baby|younger|older|elder|twin|step|ex|"
    r"dear|late|poor)\s+)*them\b|own\b)\w"
)
_OBJECT_ME = re.compile(r"\b(?:me|my|myself)\b")
_ABOUT_ME = re.compile(r"\b(?:i|me|my|myself)\b")
_CLAUSE_SPLIT = re.compile(
    r"[.!?;\n]+|,| but | though | although | however |"
    # "she's not abusive or anything she just doesn't let me see my mates": a new clause
    r" (?=(?:he|she|they) (?:'s |be |is |was )?(?:just|only) )"
)
_SENTENCE_SPLIT = re.compile(r"[.!?;\n]+")
# ("not toxic or abusive": "or" keeps the negation going)
_SCOPE_END = {"and", "but", "so", "because", "cause", "cos", "then", "yet", "while"}
_HYPOTHETICAL = re.compile(
    # "my therapist asked if i'd thought about hurting myself and i haven't"
    r"\b(?:what if|if (?:he|she|they) ever|in case|would you|ask\w* (?:me )?(?:if|whether)|"
    r"should (?:she|he|they|i|we) (?:get|apply for|file for|ask for))\b"
)
# Tokens whose spaCy lookup lemma misleads the patterns ("'s" -> "have").
_KEEP_TEXT = {"'s", "s", "'d", "'ll", "'m", "'re"}
_REPLACE = {
    "n't": "not",
    "nt": "not",  # spaCy splits "didnt" / "dont" into "did" / "do" + "nt"
    "wo": "will",
    "ca": "can",
    "dont": "do not",
    "didnt": "do not",
    "doesnt": "do not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "wouldnt": "would not",
    "wasnt": "was not",
    "werent": "were not",
    "isnt": "is not",
    "arent": "are not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "couldnt": "could not",
    "shouldnt": "should not",
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
    "nevr": "never",
    "neva": "never",
    "nver": "never",
    "freind": "friend",
    "freinds": "friends",
    "frend": "friend",
    "w": "with",  # text-speak: "cheated w his ex"
    "w/": "with",
    "d": "would",  # spaCy splits text-speak "hed" / "shed" / "id" into "he" + "d"
    "kms": "kill myself",
    "anotha": "another",
    "anutha": "another",
    "kys": "kill yourself",
}


# Words the patterns hinge on, as word -> lemma: a typo one edit away from one of them (at
# five letters or more) is read as that word ("agian", "chocked", "threatend", "mutliple").
_TRIGGER_WORDS = {
    "again": "again",
    "affair": "affair",
    "affairs": "affair",
    "cheat": "cheat",
    "cheated": "cheat",
    "cheating": "cheat",
    "cheats": "cheat",
    "cheater": "cheater",
    "multiple": "multiple",
    "together": "together",
    "choke": "choke",
    "choked": "choke",
    "choking": "choke",
    "strangled": "strangle",
    "threaten": "threaten",
    "threatened": "threaten",
    "threatening": "threaten",
    "threatens": "threaten",
    "follow": "follow",
    "following": "follow",
    "followed": "follow",
    "follows": "follow",
    "everywhere": "everywhere",
    "everyone": "everyone",
    "everybody": "everybody",
    "myself": "myself",
    "suicide": "suicide",
    "suicidal": "suicidal",
    "overdose": "overdose",
    "without": "without",
    "better": "better",
    "stalking": "stalk",
    "stalker": "stalker",
    "abusive": "abusive",
    "beating": "beat",
    "punched": "punch",
    "slapped": "slap",
    "restraining": "restraining",
    "contact": "contact",
    "blocked": "block",
    "police": "police",
    "cutting": "cut",
    "wrists": "wrist",
    "bleed": "bleed",
    "tracking": "track",
    "kicked": "kick",
}
# Text-speak and short typos too close to other words for the one-edit rule.
_SPELLINGS = {
    "evry1": "everyone",
    "every1": "everyone",
    "evryone": "everyone",
    "wud": "would",
    "wld": "would",
    "w/o": "without",
    "wo/": "without",
    "nite": "night",
    "fite": "fight",
    "hitt": "hit",
    "kil": "kill",
    "agn": "again",
    "agen": "again",
    "agin": "again",
    "2day": "today",
    "cuz": "because",
    "coz": "because",
    "evry": "every",
    "evrythin": "everything",
    "evrything": "everything",
    "anymor": "anymore",
    "sed": "said",
    "sez": "says",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "pils": "pills",
    "pilz": "pills",
    "no1": "nobody",
    "noone": "nobody",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "cnt": "can not",
    "cud": "could",
    "cudnt": "could not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "dnt": "do not",
    "dunno": "do not know",
    "enuf": "enough",
    "gna": "going to",
    "gunna": "going to",
    "gonna": "going to",
    "kno": "know",
    "txt": "text",
    "txts": "texts",
    "msg": "message",
    "msgs": "messages",
    "wit": "with",
    "b4": "before",
    "luv": "love",
    "hed": "he would",
    "wasnt": "was not",
    "isnt": "is not",
    "hasnt": "has not",
    "havent": "have not",
    "thru": "through",
    "throught": "throat",
    "troat": "throat",
    "wkend": "weekend",
    "yr": "year",
    "lst": "last",
    "hubby": "husband",
    "bf": "boyfriend",
    "gf": "girlfriend",
}


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """English words of five letters or more that are common enough not to be typos
    (spaCy's word probabilities from spacy-lookups-data; read once, ~30k words)."""
    import gzip
    import json
    from importlib.resources import files

    table = files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(str(table), "rt", encoding="utf-8") as handle:
        probs = json.load(handle)
    return frozenset(w for w, p in probs.items() if p >= -14.5 and len(w) >= 5 and w.isalpha())


def _respell(word: str) -> str | None:
    """The trigger word a misspelt word stands for, if any ("talking" is a word, not a typo
    of "stalking")."""
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    if (
        len(word) >= 5
        and word.isalpha()
        and word not in _TRIGGER_WORDS
        and word not in _common_words()
    ):
        for candidate in _TRIGGER_WORDS:
            if _one_edit(word, candidate):
                return candidate
    return None


@dataclass(frozen=True)
class Finding:
    """One clause that matched a category, and whether it counts as a disclosure."""

    category: str
    clause: str
    disclosure: bool
    # "disclosure", "negated", "third_person", "hypothetical", "figurative", "request", "self",
    # "single" (one affair)
    # or "minimised" (a hedge, "it's not like he punched me": not counted, and no veto either)
    reason: str


def normalise(tokens: Iterable[tuple[str, str]], use_lemmas: bool = True) -> str:
    """Lower-cased lemmas (or words) joined by spaces, contractions, text-speak and typos of
    trigger words spelled out; lone hyphens dropped ("no-contact" reads "no contact")."""
    words = []
    for text, lemma in tokens:
        low = text.lower()
        if low in {"-", '"', "\u201c", "\u201d", "\u2018", "\u2019", "`"}:
            continue  # lone hyphens and quote marks: "another "friend"" reads "another friend"
        respelt = None if low in _REPLACE else _respell(low)
        if low in _REPLACE:
            words.append(_REPLACE[low])
        elif respelt:
            words.append(_TRIGGER_WORDS.get(respelt, respelt) if use_lemmas else respelt)
        elif low in _KEEP_TEXT or not lemma.strip() or not use_lemmas:
            words.append(low)
        elif low == "bit" and words and words[-1] in {"a", "little", "lil", "tiny", "quite"}:
            words.append(low)  # "falling apart a bit myself": no bite
        else:
            words.append(lemma.lower())
    # "abusive? no" / "did he hit me? nah": a question answered with a denial
    return _ANSWERED_NO.sub(r"not \1 .", " ".join(words))


_ANSWERED_NO = re.compile(
    r"\b([\w' ]{1,40}?) \? (?:god |hell |oh |honestly |lol |lmao )?(?:no|nah|nope|never)\b(?! one)"
)


def simple_tokens(text: str) -> list[tuple[str, str]]:
    """A spaCy-free fallback tokeniser (lemma = word); used where no pipeline is loaded."""
    return [(w, w) for w in re.findall(r"n't|'\w+|\w+|[^\w\s]", text)]


def _tells_of_the_user(text: str) -> bool:
    """Whether, third persons aside, the text speaks of the user: "i", "me", the user's own
    partner, or something the user owns ("he threatened to send my nudes to my dad")."""
    rest = _THIRD_PARTY.sub(" them ", text)
    return bool(_FIRST_PERSON.search(rest) or _MY_OWN.search(rest))


def _blank_words(match: re.Match) -> str:
    return " ".join("_" * len(match.group(0).split()))


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def without_affair_partners(text: str) -> str:
    """`text` with the people a partner cheated with blanked out (positions kept): in a story
    of cheating they are not a third person whose story it is."""
    text = _AFFAIR_PARTNER.sub(_blank, text)

    def partners(m: re.Match) -> str:
        # "back to his ex", "the guy from her gym, then her ex": the partner's people
        before = text[: m.start()]
        owner = re.match(r"(?:his|her|their) ", m.group(0))
        theirs = _THEIRS.search(before + (owner.group(0) if owner else ""))
        return _blank(m) if theirs or _WITH_SOMEONE.search(before) else m.group(0)

    return _THIRD_PARTY.sub(partners, text)


# "then his ex", "at his brother's": one more of the partner's people in a list (not "his ex
# cheated on him", where they are the subject)
_THEIRS = re.compile(
    r"\b(?:then|now|and|at|from|to|or|plus|including) (?:there (?:was|is) )?(?:the \w+ from )?"
    r"(?:his|her|their) (?:(?:old|new|best|ex) )?(?:\w+ )?$|"
    # "the latest one, there was the neighbour before that"
    r"\bthere (?:was|were|is|be) (?:also )?(?:the|a|an|that|this)? ?$"
)


# someone else's story told as one: a show, a book, a song
_FICTION = re.compile(
    r"\b(?:in|on|of|watching|watched|watch|reading|read|listening to|heard) (?:the|this|that|a|an) "
    r"(?:new )?(?:\w+ ){0,2}(?:show|series|book|film|movie|podcast|kdrama|drama|episode|doc|"
    r"documentary|novel|song|season|thread|video|tiktok|story)s?\b|\blove island\b|"
    r"\bthe bachelor\b|"
    r"\b(?:tiktok|video|post|article|thread|meme|doc|documentary|podcast|show|series|film|movie|"
    r"episode|song|book|story|news)s? (?:\w+ )?about\b"
)
# "we decided to end things": the relationship, not a life
_WE_END = re.compile(r"\bwe (?:\w+ ){0,3}$")
# "i keep checking my phone", "i was stalking her page": the user is the one doing it (not the
# passive "i was tracked")
_I_DO = re.compile(r"\bi (?!(?:was|am|'m|be|been|get|got|being) )(?:\w+ ){0,2}$")
_WATCHING_WORDS = re.compile(
    r"(?:check|read|track|stalk|monitor|go through|look through|search|snoop)"
)
# "domestic violence hotline number": asking for help, which the help intent answers
_ASKING_FOR_A_LINE = re.compile(
    r"\b(?:hotline|helpline|crisis line|help line|number for|what (?:number|numb)|"
    r"who do (?:i|you) call)\b"
)
# "we agreed not to text for two weeks", "trying not to text her": the user's own choice; "a
# restraining order against him": the ex is the one ordered away
_OWN_RESTRAINT = re.compile(
    r"\b(?:agree|agreed|try|trying|tryna|decide|decided|promise|promised|we (?:both )?(?:said|"
    r"chose|set|picked|went))"
    r" (?:\w+ ){0,2}$|"
    # "i asked him not to contact me" (the user's own boundary)
    r"\bi (?:\w+ )?(?:ask|asked|tell|told|beg|begged) (?:him|her|them|my ex) $"
)
# "i cheated on her twice": the user's own cheating
_I_CHEATED = re.compile(
    r"\bi (?:have |had |did |do |also |actually |even |literally |'ve |keep |kept |kept on |"
    r"would |'d |end up |ended up )?$|"
    # "she forgave me for cheating", "caught me cheating", "i'm the one who cheated", "my affairs"
    r"\bme for $|\bcaught me $|\bcatch me $|\bi (?:'m|am|be|was) the one (?:who|that) (?:\w+ )?$|"
    r"\bmy (?:own )?$"
)
_I_AM_A = re.compile(r"\bi (?:'m|am|be|was) (?:the|a) $")
_CHEATER = re.compile(r"(?:serial )?cheater\b(?! ?'s)")
_COUNTED = re.compile(
    r"^(?:serial|two|three|four|several|multiple|many|[2-9]|another|second|third) (?:\w+ )?"
)
_I_WAS = re.compile(r"\bi (?:was |be |been |have be |have been |'ve been |'m |am )$")
# the words a match of the user's own cheating starts with
_OWN_CHEATING = ("cheat", "unfaithful", "affair", "did it", "done it", "do it", "at it")
_OWN_CHEATING += ("keep cheat", "kept cheat")
# a match that ends in a violent verb ("i was dragging him": lemmas make it "i be drag")
_VIOLENT_END = re.compile(
    r"\b(?:hit|beat|punch|slap|kick|choke|strangle|throttle|shove|push|drag|grab|pin|throw|bite|"
    r"shake|hurt|attack|smack|whack)\w*\s*$"
)
_AGAINST_THEM = re.compile(r" ?against (?:him|her|them|my ex)\b")
_AGAIN_TOGETHER = re.compile(
    r"\b(?:try|trying|start|starting|trust|trusting|date|dating|love|loving|feel|feeling|together|"
    r"back|over|happy|single)\s*$"
)
_NOT_AGAIN = re.compile(r"\b(?:never|not|no) (?:\w+ )?again\b")
_NEGATED_START = re.compile(
    r"(?:(?:i|me|myself) )?(?:be|was|were|been|get|got|am|is|are) (?:not|never)\b"
    r"(?! (?:allow|allowed|let|able|permitted)\b)"  # "i wasn't allowed to see my friends"
)
_NEGATED_AFTER = re.compile(r"\s*(?:no|nope|nah|not really)\s*$")
# "my dad's old shotgun": the person only owns the thing the words are about
_OWNED_THING = re.compile(
    r" ?'s (?!(?:new |old |ex )?(?:ex|husband|wife|boyfriend|girlfriend|bf|gf|partner|fiance|"
    r"fiancee|man|woman|friend|mate|sister|brother|mum|mom|dad|kid|kids|son|daughter|family|"
    r"missus|misses|hubby|wifey|girl|guy|lad|bloke|"
    r"parents|cousin|uncle|aunt)\b)"
)


_CONTACTED = re.compile(
    r"\b(?:ring|rang|call|text|message|phone|ask|contact|email|dm)\w* (?:all )?(?:of )?"
    r"(?:my |his |her )?$"
)


def _owns_a_thing(clause: str, person: re.Match) -> bool:
    return bool(_OWNED_THING.match(clause, person.end()))


def _scope(clause: str, match: re.Match, category: str | None = None) -> str:
    """Why a match does not count, or "disclosure" if it does."""
    start = match.start()
    before = clause[:start].split()
    # NegEx: a negation's scope ends at a conjunction ("life is over without him and i want to
    # die" is not negated)
    ends = [i for i, word in enumerate(before) if word in _SCOPE_END]
    before = before[ends[-1] + 1 :] if ends else before
    # pseudo negations are blanked word for word before the window is cut ("can't stop thinking
    # about killing myself": "can" is five words back)
    if _HEDGE.search(clause[:start]) or _HEDGE_AFTER.match(clause, match.end()):
        return "minimised"
    before = _PSEUDO_NEGATION.sub(_blank_words, " ".join(before)).split()[-4:]
    if _NEGATION.search(" ".join(before)) or _NO_THOUGHTS.search(clause[:start]):
        return "negated"
    if _NEGATED_START.match(match.group(0).strip()):  # "i wasn't abused", "he was never violent"
        return "negated"
    if _NEGATED_AFTER.match(clause, match.end()):  # "selfish yes, abusive no"
        return "negated"
    if _HYPOTHETICAL.search(clause[:start]):
        return "hypothetical"
    if _FIGURATIVE.search(clause):
        return "figurative"
    if _LAUGH.search(clause):
        return "minimised"
    for sense in _EVERYDAY_SENSE.finditer(clause):
        if sense.start() <= start < sense.end() or start <= sense.start() < match.end():
            return "figurative"
    if _FICTION.search(clause):
        return "third_person"
    if (
        category == SELF_HARM
        and match.group(0).strip().startswith("end")
        and _WE_END.search(clause[:start])
    ):
        return "third_person"
    if _ASKING_FOR_A_LINE.search(clause) or _RESEARCH.search(clause):
        return "request"
    words = match.group(0)
    if category == BOUNDARY:
        # "my ex's mum said if i keep messaging him they'll go to the police": the ex's side
        clause = re.sub(
            r"\bmy ex ?'s (?:\w+ )?(?:mum|mom|mother|dad|father|family|sister|brother|"
            r"friend|friends|parents|lawyer|solicitor)\b",
            lambda m: "my ex".ljust(len(m.group(0))),  # same length: positions stay valid
            clause,
        )
        if (
            _OWN_RESTRAINT.search(clause[:start])
            or _AGAINST_THEM.match(clause, match.end())
            # "i blocked my ex's mum": the user is the one blocking
            or (words.strip().startswith("block") and _I_DO.search(clause[:start]))
        ):
            return "self"
    if category == ABUSE:
        own_injury = re.search(_SELF_INJURY, clause)
        if own_injury and start >= own_injury.start():
            return "self"
        if _WATCHING_WORDS.match(words.strip()):
            if _I_DO.search(clause[:start]):
                return "self"
            # "he checked my phone once and apologised": one incident; the classifiers decide
            if _ONCE.search(clause) and not _MORE_THAN_ONCE.search(clause):
                return "minimised"
        # the family member is the one doing it: named in the three words before the match
        family_agent = _FAMILY.search(" ".join(clause[:start].split()[-3:]))
        if _CHILDHOOD.search(clause) and family_agent:
            return "third_person"  # "my dad used to hit me when i was a kid": not a partner
        # "i was dragging him along": the user doing it (the lemma of "dragging" is "drag")
        if (
            _VIOLENT_END.search(words)
            and re.match(r"\s*(?:me|i|myself) ", words)
            and re.match(r"\s*(?:him|her|them|his|myself)\b", clause[match.end() :])
        ):
            return "self"
    if category == REPEATED_INFIDELITY:
        if _NOT_AGAIN.search(words) and words.count("again") == 1:
            return "negated"
        # "try again with someone who cheated on you one time": "again" is the relationship's
        if words.strip().startswith("again") and _AGAIN_TOGETHER.search(clause[:start]):
            return "single"
        # "i had two affairs", "i'm a serial cheater": the count or kind comes first
        cheating = _COUNTED.sub("", words.strip())
        if cheating.startswith(_OWN_CHEATING) and _I_CHEATED.search(clause[:start]):
            return "self"
        # "i'm a serial cheater" (not "i'm a serial cheater's wife", "i was a cheating victim")
        if _I_AM_A.search(clause[:start]) and _CHEATER.match(clause, start):
            return "self"
        # "i've been unfaithful" (not "i was cheated on")
        if words.strip().startswith("unfaithful") and _I_WAS.search(clause[:start]):
            return "self"
        clause = without_affair_partners(clause)
    third = _THIRD_PARTY.search(clause)
    if third and not _tells_of_the_user(clause):
        return "third_person"
    # "a girl in my class self harms", "my neighbour's husband beats her": someone else is
    # named before the words, and neither they nor the next few words are about the user
    # (the person named last before the words: "in the book i'm reading, the character's husband")
    # ("she'd ring my mates to check where i was": the mates are rung, not the ones doing it)
    people = [
        m
        for m in _THIRD_PARTY.finditer(clause[:start])
        if not _owns_a_thing(clause, m) and not _CONTACTED.search(clause[: m.start()])
    ]
    before_match = people[-1] if people else None
    if before_match and not _FIRST_PERSON.search(clause[before_match.end() : start]):
        # "cheated on my mum": a "my" that belongs to another person is not about the user
        def theirs(text: str) -> str:
            return re.sub(r"\bmy them\b", "them", _THIRD_PARTY.sub("them", text))

        tail_words = theirs(clause[match.end() :]).split()[:3]
        ends = [i for i, word in enumerate(tail_words) if word in _SCOPE_END]
        tail = " ".join(tail_words[: ends[0]] if ends else tail_words)
        if not (_OBJECT_ME.search(theirs(match.group(0))) or _OBJECT_ME.search(tail)):
            return "third_person"
    if (
        category == SELF_HARM
        and _THEIR_OWN.search(clause[:start])
        and re.match(r"\s*(?:self|suicid|overdos)", match.group(0))
    ):
        return "third_person"  # "his therapist is helping him with his self harm"
    if category == SELF_HARM:
        # "my ex has been self harming": the partner, not the user, is the one at risk
        subjects = list(_PARTNER_SUBJECT.finditer(clause[:start]))
        after = clause[subjects[-1].end() : match.end()] if subjects else ""
        hurt = _HURT_ME.search(after)
        if hurt and not _I_SUBJECT.search(
            after[: hurt.start()] + " " + after[hurt.end() : start - subjects[-1].end()]
        ):
            return "third_person"
        if subjects and not (_FIRST_PERSON.search(after) or _OBJECT_ME.search(after)):
            return "third_person"
    return "disclosure"


def findings(tokens: Iterable[tuple[str, str]]) -> list[Finding]:
    """Every clause that matches a category, with the scope check's verdict.

    Patterns are tried on the lemmas and on the words themselves, since a lookup lemma can
    hide the phrase ("better off" lemmatises to "well off"); first clause by clause, then,
    for what no clause showed, sentence by sentence ("behind my back, and it's not the first
    time").
    """
    tokens = list(tokens)
    found: list[Finding] = []
    texts = dict.fromkeys((normalise(tokens), normalise(tokens, use_lemmas=False)))
    fiction = any(_FICTION.search(text) for text in texts)
    for splitter in (_CLAUSE_SPLIT, _SENTENCE_SPLIT):
        disclosed = {f.category for f in found if f.disclosure}
        for text in texts:
            for clause in splitter.split(text):
                clause = " " + clause.strip() + " "
                for category in CATEGORY_ORDER:
                    if category in disclosed:
                        continue
                    for pattern in _COMPILED[category]:
                        match = pattern.search(clause)
                        if match:
                            reason = _scope(clause, match, category)
                            if reason == "disclosure" and fiction and not _ABOUT_ME.search(clause):
                                reason = "third_person"  # "in this podcast ... , serial cheater"
                            found.append(
                                Finding(category, clause.strip(), reason == "disclosure", reason)
                            )
                            break
    return found


# Words that merely touch a topic: used only to judge a classifier's guess. When every such
# word in a message is negated, about someone else or a figure of speech, the guess is
# dropped ("he didn't cheat on me, he just stopped trying").
_TOPIC_WORDS = {
    ABUSE: re.compile(
        r"\b(?:hit|beat|punch|slap|kick|push|shove|choke|strangle|hurt|abuse|abusive|rape|"
        r"assault|threaten|scare|scared|afraid|terrified|fear|control|controlling|stalk|track|"
        r"violent|violence|isolat|monitor)\w*|\bstop\w* me\b"
    ),
    REPEATED_INFIDELITY: re.compile(r"\b(?:cheat|affair|unfaithful|cheater)\w*|behind my back"),
    SELF_HARM: re.compile(
        # not "alive" or "live": "i don't want to be alive" negates them and is a disclosure
        r"\b(?:die|dead|kill|suicid|overdose|cut|harm|end it)\w*"
    ),
    BOUNDARY: re.compile(r"\b(?:block|restrain|order|police|cops|contact)\w*"),
}
_ONCE = re.compile(
    r"\b(?:once|one time|single time|one night|one-off|one off|one (?:guy|girl|man|woman|person|"
    r"affair|fling|mistake|kiss|coworker|colleague))\b"
)
_MORE_THAN_ONCE = re.compile(
    r"\b(?:again|twice|times|affairs|keep|keeps|always|another|more than|pattern|multiple|"
    r"several|serial|latest|whenever|routine|habit|hobby|repeat|repeatedly|not just once|"
    r"every (?:few |couple of )?(?:weeks|months|years|time)|clockwork|over and over|"
    r"again and again|constantly|all the time|time after time|string of|"
    r"(?:two|three|four|five|\d+) of (?:my|his|her|their)|"
    r"(?:two|three|four|five|six|\d+) (?:\w+ )?(?:girls|guys|women|men|people|affairs|times))\b"
)


# The plain statement of one infidelity, nothing more ("she cheated on me", "my gf cheated on
# me with her coworker", "..., that was the end of us"): both classifiers were sure it was
# repeated. Anything longer is left to
# them (a broader reading lost 24 of the training disclosures: "then his gym trainer", "AND my
# cousin", "the cheating never stopped").
_ONE_INFIDELITY = re.compile(
    r"^\s*(?:(?:my|our|the) (?:ex|\w+friend|bf|gf|husband|wife|partner|fiance|fiancee|hubby|man|"
    r"missus) |he |she |they )(?:have |has |had |'s |'ve )?(?:cheat|cheated|cheating) ?(?:on me ?)?"
    r"(?:with (?:a|an|his|her|their|my|some|this|that) (?:\w+ ){0,2})?"
    # what it led to, and nothing more: ", that was the end of us", "so i left"
    r"(?:\s*[,.]?\s*(?:and |so )?(?:that was (?:the end|it)(?: of (?:us|it|things|the "
    r"relationship))?|that 's why we (?:broke up|split)|(?:i|we) (?:left|broke up|split|ended it)"
    r"(?: him| her)?))?"
    r"[.!]*\s*$"
)


def one_infidelity(tokens: Iterable[tuple[str, str]]) -> bool:
    """True when the message is the plain statement of one infidelity and nothing more."""
    return bool(_ONE_INFIDELITY.match(normalise(list(tokens), use_lemmas=False) + " "))


def only_mentioned(tokens: Iterable[tuple[str, str]], category: str) -> bool:
    """True when the message touches `category` but never as the user's own disclosure:
    each topic word is negated, about someone else, figurative or (infidelity) a single time."""
    text = normalise(list(tokens), use_lemmas=False)
    if category == REPEATED_INFIDELITY and _ONCE.search(text) and not _MORE_THAN_ONCE.search(text):
        return True
    verdicts = []
    for clause in _CLAUSE_SPLIT.split(text):
        clause = " " + clause.strip() + " "
        for match in _TOPIC_WORDS[category].finditer(clause):
            verdicts.append(_scope(clause, match, category))
    return bool(verdicts) and not {"disclosure", "minimised"} & set(verdicts)


# Dating-app and messaging idioms that fully explain a message ("he left me on read"): when the
# patterns see no disclosure, a classifier's disclosure guess on such a message is not one.
_EVERYDAY_IDIOM = re.compile(
    r"\b(?:on|at) (?:read|delivered|seen)\b|\bghost(?:ed|ing|s)?\b|\bunmatch(?:ed)?\b|"
    r"\bbreadcrumb(?:ed|ing)?\b|\bleft (?:me )?on (?:read|seen)\b"
)


# A wish to grow, the answer step 2 asks for ("i want to be more patient", "be a better
# listener", "work on my confidence"): with no word of death or harm in it, a classifier's
# self-harm guess on it is not one ("i want to be ..." also starts "i want to be dead").
_GOOD = (
    r"(?:more|better|calmer|kinder|healthier|fitter|stronger|happier|braver|patient|confident|"
    r"present|honest|open|independent|organi[sz]ed|mindful|supportive|reliable|consistent|secure|"
    r"assertive|generous|grateful|social|active|calm|kind|positive|mature|responsible|"
    r"understanding|attentive|affectionate|romantic|fun|spontaneous|adventurous|focused|"
    r"productive|disciplined|less (?!of\b)\w+)"
)
_SELF_IMPROVEMENT = re.compile(
    r"\b(?:want|wanna|like|hope|try|trying|going|need|aim|plan|learn|learning|wish) to "
    r"(?:be|become|get|feel|grow|stay) (?:a |an )?(?:(?:lot|bit|little|way|much|lil) )?"
    + _GOOD
    + r"\b|"
    r"\bbe (?:a )?better (?:listener|partner|person|friend|boyfriend|girlfriend|husband|wife|"
    r"communicator|version|dad|mum|mom|parent)\b|"
    r"\b(?:work|working|focus|focusing) on (?:myself|me|being|my (?:\w+ )?(?:patience|confidence|"
    r"communication|listening|temper|anger|jealousy|fitness|health|career|habits|anxiety|trust|"
    r"mindset|self|boundaries|friendships|hobbies|attachment|insecurit\w*))\b|"
    # coping by keeping busy: "throw myself into the gym", "bury myself in work"
    r"\b(?:throw|threw|thrown|bury|buried)\w* myself (?:in|into)\b|\bbeat\w* myself up\b|"
    r"\bkick\w* myself\b"
)
# Any word of death, harm or not going on: with one, a wish to grow is no proof of safety
_RISK_WORDS = re.compile(
    r"\b(?:die|dead|death|kill|suicid|overdose|cut|harm|hurt|bleed|burn|razor|blade|pill|rope|"
    r"bridge|jump|alive|live|living|exist|gone|disappear|vanish|point|wake|goodbye|bye|end|ending|"
    r"anymore|any more|over|done|better off|burden|worthless|hopeless|give up|giving up)\w*"
)


def self_improvement(tokens: Iterable[tuple[str, str]]) -> bool:
    """True when the message is a wish to grow, or coping by keeping busy, with no word of
    death, harm or not going on in it."""
    text = normalise(list(tokens), use_lemmas=False)
    return bool(_SELF_IMPROVEMENT.search(text)) and not _RISK_WORDS.search(text)


# Words that say nothing by themselves: a message of these alone ("idk tbh", "mostly i think")
# discloses nothing, however sure a classifier is (both read "tbh idk" as self-harm).
_FILLER = frozenset(
    "i im i'm 'm idk idek dunno don't dont do n't nt not know tbh tbf honestly honest to be ngl fr "
    "lol lmao haha kinda sorta maybe mostly think guess so sure really just yeah yes no nah ok "
    "okay hmm um uh well whatever meh man bro tho rn either".split()
)


def only_filler(tokens: Iterable[tuple[str, str]]) -> bool:
    """True when every word of the message is filler ("idk tbh"): nothing is disclosed."""
    words = [text.lower() for text, _ in tokens if any(c.isalnum() for c in text)]
    return bool(words) and all(word in _FILLER for word in words)


def everyday_idiom(tokens: Iterable[tuple[str, str]]) -> bool:
    """True when the message is about an everyday messaging idiom (read receipts, ghosting)."""
    return bool(_EVERYDAY_IDIOM.search(normalise(list(tokens), use_lemmas=False)))


def about_someone_else(tokens: Iterable[tuple[str, str]], category: str | None = None) -> bool:
    """True when a message speaks of a third person and never of the user ("my sister's
    husband beats her"): a classifier's disclosure guess is then not the user's own. For
    cheating, the people the partner cheated with do not count ("weekends with someone else")."""
    text = " " + normalise(tokens, use_lemmas=False) + " "
    if category == REPEATED_INFIDELITY:
        text = without_affair_partners(text)
    # "he swore on his mother's life": someone who only owns a thing tells no story
    people = [m for m in _THIRD_PARTY.finditer(text) if not _owns_a_thing(text, m)]
    return bool(people) and not _tells_of_the_user(text)


def without_mentions(tokens: Iterable[tuple[str, str]], category: str) -> str:
    """The message's tokens, less the clauses (cut at punctuation and "but") that touch
    `category` ("he never hit me. but he controls the money" -> "but he controls the money"),
    joined by spaces; "" when fewer than three words are left, and for a single affair, which is
    judged on the whole message."""
    tokens = list(tokens)
    text = normalise(tokens, use_lemmas=False)
    if category == REPEATED_INFIDELITY and _ONCE.search(text) and not _MORE_THAN_ONCE.search(text):
        return ""
    clauses, current = [], []
    for text, lemma in tokens:
        current.append((text, lemma))
        if text in {".", "!", "?", ";", ",", "\n"} or text.lower() in {"but", "though", "however"}:
            clauses.append(current)
            current = []
    clauses.append(current)
    kept = []
    for clause in clauses:
        words = " " + normalise(clause, use_lemmas=False) + " "
        lemmas = " " + normalise(clause) + " "
        touches = _TOPIC_WORDS[category].search(words) or any(
            p.search(text) for p in _COMPILED[category] for text in (words, lemmas)
        )
        if not touches:
            kept.append(" ".join(text for text, _ in clause))
    rest = " ".join(kept).strip(" .,;!?")
    return rest if len(rest.split()) >= 3 else ""


def detect(tokens: Iterable[tuple[str, str]]) -> str | None:
    """The most severe category the user discloses about themselves, or None."""
    disclosed = {f.category for f in findings(tokens) if f.disclosure}
    return next((cat for cat in CATEGORY_ORDER if cat in disclosed), None)
