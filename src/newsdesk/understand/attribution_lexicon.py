"""Words that mark attribution in English news, kept as data so rules stay short.

Lemmas (spaCy `token.lemma_`, lowercase). Speech and writing verbs introduce direct quotes;
the wider sets add beliefs, intentions and reports, which PolNeAR-style attribution counts too
("Trump thinks …", "critics argue …", "polls show …", "she wants to …").
"""
from __future__ import annotations

# Verbs that introduce a quotation or a reported clause ("said", "told", "added", "tweeted").
SPEECH_VERBS = frozenset("""
say tell add ask write tweet post email text explain note continue recall insist argue declare reply
respond answer shout yell scream joke quip warn state announce conclude remark observe acknowledge
admit claim complain exclaim urge predict promise vow concede counter suggest agree muse wonder
emphasize emphasise stress chant boast caution lament confirm deny reiterate repeat restate opine
assert contend maintain reason mention testify inform proclaim allege retort speculate charge demand
plead pledge whisper cry summarize summarise describe begin go write tweet report brag thunder
crow gush sigh snap fume scoff marvel recount elaborate clarify interject interrupt offer
""".split())

# Verbs whose clause is an attributed belief, finding or report ("thinks that …", "polls show …").
BELIEF_VERBS = frozenset("""
think believe know feel hope fear expect worry doubt suspect assume estimate find show indicate reveal
learn realize realise recognize recognise understand guess imagine suppose wish signal hint disclose
threaten remind assure convince decide determine prove demonstrate reckon forecast project insist
acknowledge concede hear read see notice sense trust bet figure presume anticipate predict suggest
""".split())

# Verbs whose to-infinitive is an attributed intention ("plans to …", "wants voters to …").
INTENTION_VERBS = frozenset("""
want plan hope expect intend aim seek vow pledge promise threaten refuse decline offer agree decide
wish prefer like vote push urge ask call encourage order request demand
""".split())

# Verbs whose direct object is itself the attributed content ("denied a report that …").
OBJECT_VERBS = frozenset("""
deny confirm announce reject dismiss propose predict acknowledge admit reveal demand request
endorse criticize criticise praise question cite defend describe call blame accuse
""".split())

# "called for X", "pointed to X", "talked about X": verb + preposition whose object is the content.
PHRASAL_CUES = {
    "call": {"for", "on"},
    "point": {"to", "out"},
    "talk": {"about"},
    "speak": {"about", "of"},
    "refer": {"to"},
    "warn": {"of", "about", "against"},
    "complain": {"about"},
    "worry": {"about"},
    "argue": {"for", "against"},
}

ALL_CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS | INTENTION_VERBS | OBJECT_VERBS

# Reporting nouns in "in a statement", "told in an interview", "X's claim that …".
REPORT_NOUNS = frozenset("""
statement interview speech tweet post letter report remark remarks comment comments claim
assertion announcement message release op-ed editorial column essay memo email briefing
testimony poll survey study analysis
""".split())

# Non-human sources that still speak: "the poll shows", "the report found".
DOCUMENT_SOURCES = frozenset("""
poll polls survey surveys study studies report reports analysis data records record documents
document statement memo letter filing filings figures numbers estimate estimates research
""".split())

PERSONAL_PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
PLURAL_PRONOUNS = frozenset({"they", "them", "we", "us"})
FIRST_PERSON = frozenset({"i", "me", "we", "us", "my", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

# Role nouns that can name a person on their own ("the spokesman said").
TITLE_NOUNS = frozenset("""
president spokesman spokeswoman spokesperson senator congressman congresswoman governor mayor
secretary minister chancellor premier chairman chairwoman chair ceo director candidate nominee
speaker leader chief aide adviser advisor ambassador attorney judge justice general commander
official lawmaker representative sheriff commissioner prosecutor manager strategist pollster
founder executive king queen prince pope bishop
""".split())

HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
