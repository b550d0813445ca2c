"""Which words of the sentence name the speaker of a cue, before any name is resolved.

The finders (`attribution_direct`, `attribution_indirect`) give each candidate the subject the
parse offers. This module corrects the cases where that subject is missing or is not the one
who speaks (each rule was kept only when it gained right speakers on PolNeAR dev):

- a participle or gerund hanging on another clause speaks with that clause's subject
  ("…, telling reporters he planned …", "stopped short of endorsing …", "pivoted to arguing");
  a "to"-verb hung on an object says why its subject acted ("held a briefing to brag that …");
- "X led/prompted Y to suspect …": Y speaks; "X's refusal to acknowledge …": X speaks;
- "Asked whether …, X said": the asker is not named, so the "asked" statement has no source;
  "when asked by a reporter": the reporter asks; "It is important to note …": nobody speaks;
- a verb joined to a passive one keeps its subject ("X was forced out and said …" - X said);
- a second cue or a trailing ", saying …" that the parser hung inside the reported clause
  belongs to the reporter ("X said the plan was dead and accused Y …");
- "X issued a statement saying …" / "X ran an ad that called …": the one who issued it speaks;
- after a quote, a speaker the parser took for an object ("“…,” added another Republican").

spaCy makes a new Token object on every access: tokens are compared by `.i`, never with `is`.
"""
from __future__ import annotations

from newsdesk.understand.attribution_lexicon import ALL_CUE_VERBS, PEOPLE_NOUNS, SPEECH_VERBS
from newsdesk.understand.attribution_types import Candidate

# Links a subjectless verb may climb to find the clause whose subject it shares.
CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acomp", "advmod", "npadvmod", "oprd"})
SUBJECT_DEPS = ("nsubj", "csubj")
MAX_CLIMB = 6
# Things people issue that then "say" something: their issuer is the source.
ISSUED_NOUNS = frozenset("""
statement release letter memo note email tweet post message video ad advertisement commercial spot
robocall mailer flyer piece article op-ed editorial column essay story sign banner petition book
""".split())
# "X led Y to suspect …": verbs that make their object do the next verb
CAUSING_VERBS = frozenset("""
lead prompt cause force drive spur inspire encourage compel move persuade convince trigger leave
get allow enable embolden provoke
""".split())
RELATIVE = ("that", "which")
# "it is hard to …", "it means …", "it seems …": verbs whose "it" stands for nothing
EMPTY_IT_VERBS = frozenset({"be", "mean", "seem", "appear", "remain", "make", "take", "become"})


def refine_subject(cand: Candidate) -> None:
    """Correct `cand.subject` / `cand.passive` in place from the cue verb's place in the parse."""
    verb = cand.cue_token
    if verb is None or cand.inherit or getattr(verb, "pos_", None) not in ("VERB", "AUX"):
        return
    agent = _agent(verb)
    if agent is not None and _own_subject(verb) is None:
        # "… he said when asked by a reporter", "a plan endorsed by the mayor": the agent speaks
        cand.subject, cand.passive = agent, False
        return
    if _own_subject(verb) is None and _unnamed_asker(verb):
        cand.subject, cand.passive = None, True
        return
    if cand.passive and not _is_passive(verb):
        # the passive voice belongs to the verb this one is joined to: its subject speaks
        subj = _governing_subject(verb)
        if subj is not None:
            cand.subject, cand.passive = subj, False
        return
    if cand.subject is None and not cand.passive:
        cand.subject = _governing_subject(verb) or _misparsed_subject(verb) or _purpose_subject(verb) \
            or _name_before_clause(verb) or _stranded_name(verb)
    controller = _object_controller(verb)
    if controller is not None:
        cand.subject, cand.passive = controller, False
    outer = _outer_reporter(verb) or _trailing_participle_reporter(verb)
    if outer is not None:
        cand.subject = outer
    subj = cand.subject
    if subj is not None and subj.lower_ == "it" and subj.head.i != verb.i and verb.dep_ != "conj" \
            and subj.dep_ in ("nsubj", "nsubjpass") and subj.head.lemma_.lower() in EMPTY_IT_VERBS:
        # "It is important to note …", "it means admitting …": an empty subject names no source
        cand.subject, cand.passive = None, True
    if cand.subject is not None and cand.subject.lower_ in ("'s", "\u2019s") and cand.subject.i > 0 \
            and cand.subject.doc[cand.subject.i - 1].lower_ != "let":
        # "he’s said …": the parser made the clitic the subject; the word it hangs on speaks
        cand.subject = cand.subject.doc[cand.subject.i - 1]
    if cand.subject is not None:
        issuer = _issuer(cand.subject, verb)
        if issuer is not None:
            cand.subject = issuer


def _own_subject(verb):
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "nsubjpass"), None)


def _agent(verb):
    if verb.tag_ != "VBN":
        return None
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _unnamed_asker(verb) -> bool:
    """'Asked whether he would run, X said …' / 'When asked about …': a participle of "ask"
    without a subject of its own reports a question by someone the text does not name."""
    # (sentence-first "Asked" is often tagged as a past tense: then it hangs on the main verb)
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "advcl")
    return verb.lemma_.lower() == "ask" and participle \
        and verb.dep_ in ("advcl", "ROOT", "ccomp", "conj", "relcl", "acl") \
        and not any(c.dep_ == "auxpass" or c.dep_ == "aux" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children)


def _misparsed_subject(verb):
    """'“…,” added another Republican.' / '“…,” Bozell answers.': after a quote the parser often
    takes the speaker of an inverted or plain cue for its object or a compound; a noun right next
    to a speech verb that has no subject is that speaker."""
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    after_quote = verb.i > 0 and verb.doc[verb.i - 1].is_punct
    for child in verb.children:
        if child.pos_ not in ("PROPN", "NOUN"):
            continue
        if child.dep_ == "compound" and child.i == verb.i - 1:
            return child
        if after_quote and child.dep_ in ("dobj", "attr", "npadvmod") and child.left_edge.i == verb.i + 1:
            return child
    return None


def _object_controller(verb):
    """'This led many experts to suspect …', 'it prompted Cooper to accuse …': the one who does
    the "to"-verb is the object of the verb it hangs on, not that verb's subject."""
    if verb.dep_ != "xcomp" or _own_subject(verb) is not None or verb.head.lemma_.lower() not in CAUSING_VERBS:
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None or obj.lower_ in ("it", "that", "this"):
        return None
    return obj


def _purpose_subject(verb):
    """'Obama held a press briefing to brag that …': a "to"-verb the parser hung on the object
    noun says why the subject acted, so that subject speaks."""
    noun = verb.head
    if verb.dep_ not in ("relcl", "acl") or not any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        return None
    if noun.dep_ != "dobj" or any(c.dep_ == "poss" for c in noun.children) or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    return _own_subject(noun.head) or _governing_subject(noun.head)


def _name_before_clause(verb):
    """'… in Palm Beach - Lewandowski continued to assert …': the parser hung the name on the
    phrase before it; a name right before the finite verb of the cue's clause is its subject."""
    top = verb
    while top.dep_ in ("xcomp", "conj") and top.head.i != top.i and top.head.pos_ in ("VERB", "AUX"):
        top = top.head
    if top.tag_ not in ("VBD", "VBZ", "VBP") or _own_subject(top) is not None:
        return None
    j = top.i - 1
    while j >= 0 and top.doc[j].dep_ in ("advmod", "neg", "aux") and top.doc[j].pos_ in ("ADV", "PART", "AUX"):
        j -= 1
    tok = top.doc[j] if j >= 0 else None
    if tok is not None and tok.text == "," and j > 0:
        # "…, Senator Harry Reid, the minority leader, said": the name the apposition describes
        appos = next((a for a in [top.doc[j - 1], *top.doc[j - 1].ancestors] if a.dep_ == "appos"), None)
        tok = appos.head if appos is not None and appos.i < j else _name_before_aside(top.doc, j)
    elif tok is not None and tok.text in (")", "-", "--", "\u2014") and j > 0:
        tok = _name_before_aside(top.doc, j)     # 'Sen. Chris Murphy (a Connecticut Democrat …) says'
    if tok is None or tok.pos_ != "PROPN" or tok.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") \
            or tok.dep_ == "poss" or "\n" in tok.doc[tok.i:top.i].text:
        return None
    return tok


def _stranded_name(verb):
    """'Sanders, meanwhile, who sits at zero endorsements, said …' / 'In U.S. District Court …,
    Lazar, in a green jail jumpsuit, said little': a finite clause the parser left without a
    subject, its name tangled in the asides before it; the first person, organisation or pronoun
    of the sentence (not behind a preposition) is the subject."""
    top = verb
    while top.dep_ in ("xcomp", "conj", "advcl") and top.head.i != top.i and top.head.pos_ in ("VERB", "AUX"):
        top = top.head
    if top.dep_ != "ROOT" or top.tag_ not in ("VBD", "VBZ", "VBP") or _own_subject(top) is not None:
        return None
    for tok in top.doc[top.sent.start:top.i]:
        if tok.dep_ in ("pobj", "poss", "compound") or "\n" in tok.text:
            continue
        if (tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", "NORP")) or \
                (tok.pos_ == "PRON" and tok.lower_ in ("he", "she", "they", "i", "we")):
            return tok
    return None


def _name_before_aside(doc, j: int, max_tokens: int = 40):
    """'PeÃ±a Nieto, contradicting Trump, said' / 'Jeffrey Salkin, a Hollywood, Fla., rabbi …,
    said' / 'X (a Democrat …) says': the aside ending at doc[j] hangs between the name and its
    verb; walk back over its commas (or to its opening bracket or dash) to a person's name."""
    close = doc[j].text
    opener = {")": ("(",), ",": (",",)}.get(close, ("-", "--", "\u2014"))
    stop = max(doc[j].sent.start, j - max_tokens)
    for k in range(j - 1, stop, -1):
        t = doc[k]
        if t.is_sent_start or "\n" in t.text:
            return None
        if t.text not in opener or k == 0:
            continue
        name = doc[k - 1]
        if name.pos_ == "PROPN" and name.ent_type_ == "PERSON" and name.dep_ != "poss":
            return name
        if close != ",":
            return None
    return None


def _governing_subject(verb):
    """The subject of the nearest clause above `verb` that has one, climbing only through
    links that share a subject (conjunction, adverbial participle, "to"-infinitive, gerund
    after a preposition); never out of a reported clause, never into a noun phrase."""
    v = verb
    for _ in range(MAX_CLIMB):
        if v.i != verb.i:
            for child in v.children:
                if child.dep_ in SUBJECT_DEPS or child.dep_ == "nsubjpass":
                    return child
            inverted = _inverted_subject(v)
            if inverted is not None:
                return inverted
        head = v.head
        to_infinitive = any(c.lower_ == "to" for c in v.children)
        if v.dep_ in ("relcl", "acl") and to_infinitive and head.dep_ == "attr" and head.head.lemma_ == "be" \
                and (head.pos_ == "PROPN" or head.lemma_.lower() in PEOPLE_NOUNS):
            # "Grijalva was the first Democrat to endorse Sanders": the copula's subject
            return next((c for c in head.head.children if c.dep_ in SUBJECT_DEPS), None)
        if v.dep_ == "acl" and head.pos_ == "NOUN" and to_infinitive:
            # "Turkey's refusal to acknowledge …" / "a minister whose plan to announce …"
            return next((c for c in head.children if c.dep_ == "poss"), None)
        if v.dep_ == "pcomp" and head.lower_ == "of" and head.head.dep_ == "dobj" and head.head.head.lemma_ == "have":
            # "Trump has a long history of blaming others": who has the habit does it
            return next((c for c in head.head.head.children if c.dep_ in SUBJECT_DEPS), None)
        finite = v.tag_ in ("VBD", "VBZ", "VBP") or (v.tag_ == "VBN" and not any(
            c.dep_ in ("aux", "auxpass") for c in v.children))   # "responded" mistagged as a participle
        if v.dep_ == "dep" and finite and head.pos_ in ("VERB", "AUX") \
                and v.i > head.i and v.doc[v.left_edge.i - 1].text in (",", "and", "then"):
            v = head    # "Clinton paused, then revealed …": a finite verb the parser left unlabelled
            continue
        if head.i == v.i or v.dep_ not in CLIMB_DEPS:
            return None
        if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return None
        v = head
    return None


def _inverted_subject(verb):
    """'“…?” asked Mr. Manafort, referring to …': the speaker named right after a speech verb that
    follows a quote, which the parser did not make its subject."""
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.i < 2:
        return None
    doc = verb.doc
    closing = ("\u201d", '"', "''", "\u2019")
    after_quote = doc[verb.i - 1].text in closing + ("?", "!") \
        or (doc[verb.i - 1].text == "," and doc[verb.i - 2].text in closing)
    if not after_quote:
        return None
    return next((c for c in verb.children if c.i > verb.i and c.left_edge.i == verb.i + 1
                 and c.pos_ in ("PROPN", "NOUN") and c.dep_ in ("dobj", "npadvmod", "attr", "dative", "nsubj")),
                None)


def _issuer(subj, verb):
    """'X issued a statement saying …' (the cue hangs on the noun) or 'X ran an ad that said …'
    (a relative pronoun stands for it): the subject of the verb that took the noun as object."""
    noun = subj
    if subj.lower_ in RELATIVE and subj.head.i == verb.i and verb.dep_ == "relcl":
        noun = verb.head
    elif not (subj.i == verb.head.i and verb.dep_ == "acl"):
        return None
    if noun.lemma_.lower() not in ISSUED_NOUNS or noun.dep_ != "dobj" or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    return _own_subject(noun.head) or _governing_subject(noun.head)


def _outer_reporter(verb):
    """'X said the plan was dead and accused Y of …': the parser often joins the second cue to
    the reported clause; a subjectless speech verb there continues X's report."""
    if verb.dep_ != "conj" or _own_subject(verb) is not None or verb.lemma_.lower() not in ALL_CUE_VERBS:
        return None
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    reporter = clause.head
    if clause.dep_ != "ccomp" or reporter.i > verb.i or reporter.lemma_.lower() not in SPEECH_VERBS:
        return None
    return next((c for c in reporter.children if c.dep_ in SUBJECT_DEPS), None)


def _trailing_participle_reporter(verb):
    """'Cardin stressed that "the way is …," suggesting …' / 'X rejected the idea that Y would be
    a drag, saying …': a participle after a comma that the parser hung inside the reported clause
    (or a noun's clause) comments on the whole sentence, so its speaker is the reporter's."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or _own_subject(verb) is not None:
        return None
    if verb.i == 0 or verb.doc[verb.i - 1].text not in (",", "\u201d", "\u2019", '"', "''", "\u2014", "-", "--"):
        return None
    tok, crossed = verb.head, False
    for _ in range(MAX_CLIMB + 2):
        if tok.dep_ in ("ccomp", "acl"):
            crossed = True
        elif crossed and tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in ALL_CUE_VERBS:
            subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None:
                return subj
        if tok.head.i == tok.i or tok.dep_ not in ("ccomp", "acl", "conj", "xcomp", "advcl", "dobj", "pobj", "prep"):
            return None
        tok = tok.head
    return None
