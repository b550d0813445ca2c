"""Words that mark attribution in English news, kept as data so rules stay short.

Lemmas (spaCy `token.lemma_`, lowercase). Speech and writing verbs introduce direct quotes;
the wider sets add beliefs, intentions and reports, which PolNeAR-style attribution counts too
("Trump thinks …", "critics argue …", "polls show …", "she wants to …").
"""
from __future__ import annotations

# Which verbs count, and with which complement, was checked against how often PolNeAR's
# annotators (political news, 2015-16) marked each verb-and-frame as a cue outside quotation
# marks; pairs marked less than ~40% of the time are left out ("see", "make", "support X").

# Verbs that introduce a quotation or a reported clause ("said", "told", "added", "tweeted").
SPEECH_VERBS = frozenset("""
say tell add ask write tweet post email text explain note continue recall insist argue declare reply
respond answer shout yell scream joke quip warn state announce conclude remark observe acknowledge
admit claim complain exclaim urge predict promise vow concede counter suggest agree muse wonder
emphasize emphasise stress chant boast caution lament confirm deny reiterate repeat restate opine
assert contend maintain reason mention testify inform proclaim allege retort speculate charge demand
plead pledge whisper cry summarize summarise describe report brag thunder crow gush sigh snap fume
scoff marvel recount elaborate clarify interject interrupt read
""".split())

# Verbs whose clause ("… that X", "… X") is attributed: speech plus beliefs, findings, reports.
CLAUSE_VERBS = SPEECH_VERBS | frozenset("""
think believe know feel hope hop fear expect worry doubt suspect assume estimate find show indicate
reveal learn realize realise recognize recognise guess imagine suppose wish signal hint disclose
threaten remind assure convince decide determine prove demonstrate reckon forecast project imply
share rule remember propose order endorse oppose discuss express highlight cite question
""".split())

# Verbs whose to-infinitive is an attributed intention or stance ("plans to …", "urged him to …").
XCOMP_VERBS = frozenset("""
want plan hope hop expect intend aim seek vow pledge promise threaten refuse decline offer agree decide
wish prefer like urge ask call order request demand propose suggest claim chant report say show tell
warn vote support
""".split())

# Verbs whose direct object is itself the attributed content ("denied a report that …",
# "called the plan a disgrace", "praised the deal").
OBJECT_VERBS = frozenset("""
accuse acknowledge announce applaud articulate assail attack attribute bemoan blame blast call chant
characterize chide cite claim clarify condemn confirm credit criticize criticise declare decry deem
defend demand denounce deny deride describe detail discuss dismiss dispute echo email emphasize endorse
explain express fear hail herald highlight invoke issue judge lambast lament liken list mention mock
note offer oppose order outline portray post praise predict prefer promise propose question quote
rebuke rebut recall recite recount reference reiterate reject remember remind repeat report reveal
say show slam stress suggest thank tout tweet unveil urge voice warn write view condemn
""".split())

# Verb + particle/preposition whose object is the content ("called for …", "pointed to …").
PHRASAL_CUES = {
    "call": {"for", "on"},
    "point": {"to", "out"},
    "talk": {"about", "of"},
    "speak": {"about", "of", "out"},
    "refer": {"to"},
    "allude": {"to"},
    "respond": {"to"},
    "comment": {"on"},
    "dwell": {"on"},
    "agree": {"with", "on", "to"},
    "boast": {"about", "of"},
    "brag": {"about"},
    "warn": {"of", "about", "against"},
    "worry": {"about"},
    "argue": {"for", "against"},
    "ask": {"about", "for"},
    "apologize": {"for"},
    "hope": {"for"},
    "hop": {"for"},
    "push": {"for"},
    "vouch": {"for"},
    "rail": {"against"},
    "balk": {"at"},
    "hint": {"at"},
    "lash": {"out"},
    "think": {"about", "of"},
    "complain": {"about"},
}

ALL_CUE_VERBS = CLAUSE_VERBS | XCOMP_VERBS | OBJECT_VERBS | frozenset(PHRASAL_CUES)
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

# Nouns for people and groups of them, beyond titles: they can speak ("voters saying …").
PEOPLE_NOUNS = TITLE_NOUNS | frozenset("""
people person man woman men women child children voter supporter critic opponent member resident
protester demonstrator activist group crowd audience student worker employee expert analyst
economist observer source staffer staff campaign committee party administration government agency
company firm organization coalition union council court panel board team family friend neighbor
reporter journalist editor columnist writer author doctor scientist researcher official insider
operative donor delegate conservative liberal progressive republican democrat many some others
""".split())

SPEAKING_ENTITY_TYPES = ("PERSON", "ORG", "NORP", "GPE")


def names_a_source(tok) -> bool:
    """Whether a noun can be who says something: a name, a named entity, people ("voters",
    "officials") or a document ("a report", "polls")."""
    word = tok.lemma_.lower()
    return tok.pos_ == "PROPN" or tok.ent_type_ in SPEAKING_ENTITY_TYPES or word in PEOPLE_NOUNS \
        or word in DOCUMENT_SOURCES


# Platforms and services that news writes about as if they acted ("posted on Twitter"): never people.
PLATFORMS = frozenset("""
twitter facebook instagram youtube tiktok tumblr reddit snapchat linkedin whatsapp telegram
wechat weibo threads bluesky google netflix spotify
""".split())

HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
