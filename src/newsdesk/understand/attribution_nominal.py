"""Statements carried by a noun: "Trump's claim that …", "he made the argument that …",
"their fear is that …".

The noun's "that" clause is the content; the holder is the noun's possessor ("Trump's claim",
"his warning"), else the subject of the verb the noun is the object of ("he made the argument
that …"; when that verb is itself a cue, "she repeated the claim that …", the verb's statement
already holds it). A statement noun with no holder in the sentence ("the
idea that …") is left out: measured on PolNeAR dev, guessing a source for it costs more right
speakers than the statement gains. Intention nouns with a to-infinitive ("the decision to …")
were measured too and left out for the same reason.
"""
from __future__ import annotations

from newsdesk.understand.attribution_lexicon import OBJECT_VERBS

# Nouns whose "that" clause is what someone said, wrote or holds to be true.
CLAUSE_NOUNS = frozenset("""
claim assertion suggestion complaint statement warning assurance argument allegation concern promise
hope idea belief remark demand charge report fear assumption insistence admission speculation
acknowledgment acknowledgement reminder contention conclusion criticism worry announcement
accusation prediction notion view comment comments remarks denial confirmation pledge vow message
theory assessment estimate finding findings suspicion expectation recognition case point possibility
doubt doubts question questions sense bet impression feeling understanding
""".split())

MIN_WORDS = 3


def nominal_statement(noun):
    """(content tokens, holder token) for a statement noun with a "that" clause, or None."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CLAUSE_NOUNS:
        return None
    clause = next((c for c in noun.children if c.i > noun.i and c.dep_ in ("acl", "ccomp", "relcl")
                   and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)), None)
    if clause is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        # 'Their fear is that …' / 'Sanders's point was that …'
        clause = next((c for c in noun.head.children if c.i > noun.head.i and c.dep_ == "ccomp"
                       and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)), None)
    if clause is None:
        return None
    content = noun.doc[clause.left_edge.i: clause.right_edge.i + 1]
    if sum(1 for t in content if not t.is_punct) < MIN_WORDS:
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        if noun.head.lemma_.lower() in OBJECT_VERBS:
            return None     # 'she repeated the claim that …': the verb's own statement holds it
        holder = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if holder is None:
        return None
    return content, holder
