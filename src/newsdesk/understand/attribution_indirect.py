"""Indirect (and mixed) statements from the dependency parse.

A reporting verb's subject is the speaker and its complement is the content: the clausal
complement of "said (that) …", the to-infinitive of "wants to …", the object of "denied a
report that …", the object of the preposition in "called for …". "According to X, …" takes
the rest of its clause. Verbs without a subject of their own ("…, adding that …", "… and
warned that …") borrow the subject of the verb they hang on. "X seems/appears to …" is an
impression without a source; "Trump's claim that …" is carried by a noun (attribution_nominal).
A belief nested in another statement ("said he didn't think …") is part of that statement.
"""
from __future__ import annotations

from newsdesk.understand.attribution_lexicon import (ALL_CUE_VERBS, CLAUSE_VERBS, OBJECT_VERBS,
                                                     PHRASAL_CUES, PLATFORMS, SPEECH_VERBS, XCOMP_VERBS,
                                                     names_a_source)
from newsdesk.understand.attribution_nominal import nominal_statement
from newsdesk.understand.attribution_types import Candidate
from newsdesk.understand.nlp import doc_text

CLAUSE_DEPS = ("ccomp",)
MIN_CONTENT_TOKENS = 3
# 'X seems/appears to …': raising verbs whose subject and infinitive form an unsourced impression
RAISING_VERBS = frozenset({"seem", "appear"})
NONRESTRICTIVE = frozenset({"which", "who", "whose", "whom", "where"})
# plain reports of speech stay attributions when nested in another ('said Trump had told them …')
NESTED_REPORTS = frozenset({"say", "tell", "report"})
# verbs whose if/whether clause is the question put
QUESTION_VERBS = frozenset({"ask", "question", "wonder"})
TAIL_MARKS = frozenset({",", "-", "--", "\u2013", "\u2014"})


def _span(tokens) -> tuple[int, int]:
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[-1].is_punct and toks[-1].text not in "\"\u201d\u2019'" or toks[-1].is_space):
        toks = toks[:-1]
    while toks and toks[0].is_punct and toks[0].text not in "\"\u201c\u2018'":
        toks = toks[1:]
    if not toks:
        return (0, 0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _subtree_tokens(tok):
    return tok.doc[tok.left_edge.i: tok.right_edge.i + 1]


def _subject(verb):
    """(subject token, passive?) for a cue verb, borrowing from the governing verb when needed."""
    seen = 0
    v = verb
    while v is not None and seen < 4:
        for child in v.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child, False
            if child.dep_ == "nsubjpass" and _has_not_is(v) and child.lower_ not in ("it", "this", "that"):
                return child, False    # "He's said …": the parser read 's as "is" (passive)
            if child.dep_ == "nsubjpass":
                agent = next((a for a in v.children if a.dep_ == "agent"), None)
                pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None
                return (pobj, False) if pobj is not None else (None, True)
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head.i != v.i:
            v = v.head
            seen += 1
            continue
        if v.dep_ in ("pcomp", "pobj") and v.tag_ == "VBG" and v.head.dep_ == "prep":
            # 'was back to implying that …' / 'the most aggressive in denouncing …': the gerund's
            # subject is the one of the clause its preposition hangs on
            v = v.head.head
            if v.dep_ in ("acomp", "attr", "advmod") and v.head.i != v.i:
                v = v.head
            seen += 1
            continue
        if v.dep_ in ("relcl", "acl") and v.head.i != v.i and v.tag_ in ("VBG", "VBN"):
            # "officials, saying that …" / "a report, citing sources …"; but 'gave a speech
            # attacking …' / 'sent a letter opposing …': whoever gave the speech or sent the letter
            return (v.head if _can_speak(v.head) else _owner(v.head) or v.head), False
        return None, False
    return None, False


def _has_not_is(verb) -> bool:
    """'’s' before a past form of a cue verb with a clause of its own is "has": "she's argued that"."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("'s", "\u2019s") for c in verb.children) \
        and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def _can_speak(noun) -> bool:
    if noun.lower_ in PLATFORMS:      # 'posted on Twitter accusing …': the poster speaks
        return False
    return noun.pos_ == "PRON" or names_a_source(noun)


def _owner(noun):
    """The subject of the clause a noun phrase sits in ('Clinton made comments during a speech')."""
    for clause in noun.ancestors:
        if clause.pos_ in ("VERB", "AUX"):
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subj if subj is not None and _can_speak(subj) else None
    return None


def _left_subject(verb):
    """A finite cue verb the parser left without a subject ("Jeb Bush criticized …" parsed as
    the object of a headline before it): the noun phrase ending right before it, on its line."""
    # a bare past participle heading the sentence is a past tense the tagger misread
    bare_participle = verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and not bare_participle:
        return None
    j = verb.i - 1
    while j >= 0 and (verb.doc[j].pos_ in ("ADV", "PART") or verb.doc[j].dep_ in ("aux", "neg", "advmod")):
        j -= 1
    if j < 0:
        return None
    tok = verb.doc[j]
    # a number too: 'About 4 in 10 say …' (poll shares the parser hangs on the verb)
    if tok.pos_ not in ("PROPN", "NOUN", "PRON", "NUM") or tok.dep_ in ("compound", "poss") or "\n" in tok.text:
        return None
    return tok


def _content_tokens(verb):
    """The tokens of the attributed content for a cue verb, or None."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    clause = [c for c in kids if c.dep_ in CLAUSE_DEPS]
    if clause and (lemma in CLAUSE_VERBS or any(
            k.dep_ == "mark" and k.lower_ == "that" for k in clause[-1].children)):
        # any cue verb takes an explicit that-clause: 'did not dispute that …', 'echoed that …'
        # the clause on the far side from the subject; in "“…,” he said" it precedes the verb
        c = clause[-1] if clause[-1].i > verb.i else clause[0]
        tokens = _cut_other_statement(_subtree_tokens(c))
        if c.i > verb.i:
            tokens = _fronted_subject(verb, c, tokens)
            tokens = _cut_narration(c, tokens)
            # 'said X, but “Y”': a quoted (or subjectless) conjunct that the parser hung on the
            # cue verb still belongs to the statement
            for conj in (k for k in kids if k.dep_ == "conj" and k.i > c.i):
                if conj.lemma_.lower() in ALL_CUE_VERBS:
                    break
                sub = _subtree_tokens(conj)
                has_subject = any(k.dep_ in ("nsubj", "nsubjpass") for k in conj.children)
                # 'said that X and that Y': a second "that" clause is the same statement
                second_that = any(k.dep_ == "mark" and k.lower_ == "that" for k in conj.children)
                if any(t.is_quote for t in sub) or not has_subject or second_that:
                    tokens = verb.doc[tokens.start: sub.end]
        return tokens
    if lemma in QUESTION_VERBS:
        # 'Asked if he was ever bullied, …': the parser makes the if/whether clause adverbial
        asked = next((c for c in kids if c.dep_ == "advcl" and c.i > verb.i and any(
            k.dep_ == "mark" and k.lower_ in ("if", "whether") for k in c.children)), None)
        if asked is not None:
            return _subtree_tokens(asked)
    if lemma in XCOMP_VERBS:
        x = [c for c in kids if c.dep_ == "xcomp" and c.i > verb.i]
        if x:
            obj = [c for c in kids if c.dep_ == "dobj" and c.i < x[0].i]
            first = obj[0].left_edge.i if obj else x[0].left_edge.i
            return verb.doc[first: x[0].right_edge.i + 1]
    if lemma in OBJECT_VERBS:
        obj = [c for c in kids if c.dep_ == "dobj" and c.i > verb.i]
        if obj:
            tail = [c for c in kids if c.i > obj[0].i and c.dep_ in ("oprd", "xcomp", "ccomp", "prep", "advcl")]
            tail = [c for c in tail if not _circumstance(c)]
            stop = next((c.i for c in kids if c.i > obj[0].i and (c.dep_ in ("cc", "conj") or c.text in ";:")),
                        verb.right_edge.i + 1)
            last = max([obj[0]] + [c for c in tail if c.i < stop], key=lambda c: c.i)
            return verb.doc[obj[0].left_edge.i: last.right_edge.i + 1]
    preps = PHRASAL_CUES.get(lemma)
    if preps and "for" in preps:
        # 'called for the United States to step up …': the parser makes 'for' the mark of an
        # infinitive clause with its own subject
        for c in kids:
            if c.dep_ in ("advcl", "ccomp") and c.i > verb.i and any(
                    k.dep_ == "mark" and k.lower_ == "for" and k.i == c.left_edge.i for k in c.children):
                return verb.doc[c.left_edge.i + 1: c.right_edge.i + 1]
    if preps:
        for c in kids:
            if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > verb.i:
                if c.dep_ == "prt":
                    obj = [d for d in kids if d.dep_ in ("dobj", "ccomp", "prep") and d.i > c.i]
                    if obj:
                        return _subtree_tokens(obj[0]) if obj[0].dep_ != "prep" else verb.doc[obj[0].i + 1: obj[0].right_edge.i + 1]
                    continue
                pobj = [d for d in c.children if d.dep_ in ("pobj", "pcomp")]
                if pobj:
                    return verb.doc[pobj[0].left_edge.i: c.right_edge.i + 1]
    if lemma in SPEECH_VERBS or lemma in ("think", "believe"):
        return _parenthetical(verb)
    return None


# prepositions and subordinators that set the when/where of the act, not what was said
CIRCUMSTANCE_WORDS = frozenset({"during", "before", "after", "since", "until", "while", "when", "at"})


def _circumstance(tok) -> bool:
    """'endorsed Clinton during a call Tuesday' / '… in early June': the time or occasion of
    the act trails the object but is not part of the statement."""
    first = tok.doc[tok.left_edge.i]
    if first.lower_ in CIRCUMSTANCE_WORDS:
        return True
    return tok.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in _subtree_tokens(tok))


def _cut_other_statement(tokens):
    """'said the deal was fair, while Putin said it was premature': a trailing adverbial clause
    with its own speaker and cue is another statement, not part of this one."""
    for tok in tokens:
        if tok.dep_ == "advcl" and tok.lemma_.lower() in ALL_CUE_VERBS and tok.left_edge.i > tokens.start \
                and tok.right_edge.i >= tokens.end - 2 and (
                    # not an infinitive: 'it would be improper for him to speak on …' is one statement
                    (any(k.dep_ == "nsubj" for k in tok.children) and not any(
                        k.dep_ == "aux" and k.lower_ == "to" for k in tok.children))
                    # '…, adding that …' / '— asserting that …': the speaker's next statement
                    or (tok.tag_ == "VBG" and any(k.dep_ == "ccomp" for k in tok.children))):
            return tokens.doc[tokens.start: tok.left_edge.i]
    return tokens


def _fronted_subject(verb, clause, tokens):
    """'said about half of the adjustment reflected losses': the parser hangs the reported
    clause's subject on the cue (as a prepositional phrase or object) and leaves the clause
    subjectless; the statement starts at that phrase."""
    if any(k.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for k in clause.children) \
            or any(k.dep_ == "mark" for k in clause.children):
        return tokens
    before = [k for k in verb.children if verb.i < k.i < clause.i]
    if not before or before[-1].dep_ not in ("prep", "dobj", "npadvmod") or _circumstance(before[-1]):
        return tokens
    if before[-1].right_edge.i + 1 != clause.left_edge.i:
        return tokens
    return verb.doc[before[-1].left_edge.i: tokens.end]


def _cut_narration(clause, tokens):
    """'said she admires his determination and highlighted their …': a subjectless cue verb in
    the past tense coordinated with the reported clause is the reporter telling what the speaker
    did next, not part of what was said."""
    for conj in clause.children:
        if conj.dep_ != "conj" or conj.i < clause.i or any(k.dep_ in ("nsubj", "nsubjpass") for k in conj.children):
            continue
        if conj.lemma_.lower() not in ALL_CUE_VERBS:
            continue
        past = conj.tag_ == "VBD" or (conj.tag_ == "VBN" and any(k.dep_ == "aux" and k.lower_ in ("has", "had") for k in conj.children))
        if not past:
            continue
        cut = conj.left_edge.i
        while cut > tokens.start and (tokens.doc[cut - 1].dep_ == "cc" or tokens.doc[cut - 1].is_punct):
            cut -= 1
        if cut - tokens.start >= 2:
            return tokens.doc[tokens.start: cut]
    return tokens


def _parenthetical(verb):
    """"This campaign, he says, is different." / "…, Barden says, far too many …": the cue sits
    inside or after the clause it attributes, which the parser makes the cue's head."""
    head = verb.head
    if head.i == verb.i or verb.dep_ not in ("parataxis", "ccomp", "advcl") or head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    if verb.lemma_.lower() == "continue" and verb.tag_ != "VBD":
        return None     # 'the tour continues after a break': only 'X, she continued, Y' is speech
    if any(c.dep_ in ("xcomp", "dobj") or (c.dep_ == "mark" and c.lower_ != "as") for c in verb.children):
        return None     # 'as Clinton continues to lead …', 'if they continue': a clause of its own, not an aside
    clause = _subtree_tokens(head)
    lo, hi = verb.left_edge.i, verb.right_edge.i
    if hi >= clause.end - 2:         # "X is true, he said."
        return verb.doc[clause.start: lo]
    if lo <= clause.start:           # "He said, X is true" without a parsed ccomp
        return verb.doc[hi + 1: clause.end]
    return clause                   # "X, he said, is true": keep the small cue inside


def _according_to(tok):
    """'According to X, Y' / 'Y, according to X' -> (source token, content tokens)."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = tok.head
    # climb to the whole clause: through coordination ('X, and Y, according to Z' is one
    # report) and through the relative/adverbial clause the parser may have hung it on
    while head.dep_ not in ("ROOT", "ccomp") and head.head.i != head.i:
        head = head.head
    clause = list(_subtree_tokens(head))
    phrase_lo, phrase_hi = tok.left_edge.i, tok.right_edge.i
    before = [t for t in clause if t.i < phrase_lo]
    after = [t for t in clause if t.i > phrase_hi]
    # the side holding the clause's verb is the report; what trails after a final phrase
    # ('…, according to the poll, more than twice …') is the reporter's comparison
    subj_before = any(c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i < phrase_lo for c in head.children)
    # what the parser hung on "according" after its source ('was, according to X, among the
    # dead') may be the rest of the clause
    if head.i < phrase_lo and subj_before and _completed_after(head, tok, phrase_lo, to.right_edge.i) \
            and not any(c.dep_ == "nsubj" and c.lower_ in ("that", "this", "it") for c in head.children):
        content = clause    # 'One child was, according to the fire service, among the dead.'
    elif head.i < phrase_lo:
        content = before
    elif subj_before and len(before) > 1:   # 'His criticism, according to Y, was …'
        content = clause
    else:
        content = after
    return pobj, content


COMPLEMENTS = ("dobj", "attr", "acomp", "oprd", "ccomp", "xcomp", "prep", "advcl", "dative")


def _completed_after(verb, according, lo: int, hi: int) -> bool:
    """Whether `verb` gets its complements only after the "according to" phrase lo..hi: the
    phrase is an aside in the middle of the clause."""
    comps = [c for c in verb.children if c.dep_ in COMPLEMENTS and not (lo <= c.i <= hi)]
    comps += [c for c in according.children if c.i > hi and c.dep_ in COMPLEMENTS]
    return bool(comps) and all(c.i > hi for c in comps)


def find_indirect(doc, mask) -> list[Candidate]:
    """Candidates from every cue verb (and "according to") in the parse."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.dep_ in ("prep", "advmod", "ROOT"):
            found = _according_to(tok)
            if found is None:
                continue
            source, content = found
            span = _span(content)
            if span[1] - span[0] <= 0 or len(content) < MIN_CONTENT_TOKENS:
                continue
            to = next(c for c in tok.children if c.lower_ == "to")
            out.append(Candidate(content=span, kind=quoted_kind(doc_text(doc), span, mask),
                                 cue=(tok.idx, to.idx + len(to.text)), subject=source, cue_token=tok))
            continue
        as_verb = _verb_tagged_noun(tok)
        if tok.pos_ == "NOUN" and not as_verb:
            found = nominal_statement(tok)     # "Trump's claim that …"
            if found is not None:
                content, holder = found
                span = _span(_trim_tail(content))
                out.append(Candidate(content=span, kind=quoted_kind(doc_text(doc), span, mask),
                                     cue=(tok.idx, tok.idx + len(tok.text)), subject=holder, cue_token=tok))
            continue
        if tok.lemma_.lower() in RAISING_VERBS:
            content = _raised(tok)
            if content is not None:
                span = _span(content)
                out.append(Candidate(content=span, kind=quoted_kind(doc_text(doc), span, mask),
                                     cue=(tok.idx, tok.idx + len(tok.text)), passive=True, cue_token=tok))
            continue
        if (tok.pos_ not in ("VERB", "AUX") and as_verb is None) or tok.lemma_.lower() not in ALL_CUE_VERBS:
            continue
        if _nested(tok) or _that_said(tok):
            continue
        content = _content_tokens(tok)
        if content is None:
            continue
        words = len([t for t in content if not t.is_punct])
        if words < MIN_CONTENT_TOKENS and not (words >= 1 and _short_ok(tok)):
            continue
        content = _trim_tail(content)
        span = _span(content)
        if span[1] <= span[0]:
            continue
        subj, passive = _subject(tok) if as_verb is None else (as_verb, False)
        if tok.tag_ == "VBN" and tok.dep_ == "advcl" and tok.lemma_.lower() in QUESTION_VERBS \
                and not any(c.dep_.startswith("nsubj") for c in tok.children):
            subj, passive = None, True    # 'Asked if …, the candidate said': the asker is not named
        if subj is None and not passive:
            subj = _left_subject(tok)
        out.append(Candidate(content=span, kind=quoted_kind(doc_text(doc), span, mask), cue=(tok.idx, tok.idx + len(tok.text)),
                             subject=subj, passive=passive, cue_token=tok))
    return out


def _verb_tagged_noun(tok):
    """'Trump claims that he …' / 'Audit files show that …': the tagger reads a present-tense cue
    verb as a plural noun, yet the parse hangs a that-clause on it; returns its subject then
    (a subject, or the name the parser compounded with it), else None."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.dep_ != "ROOT" or tok.lemma_.lower() not in CLAUSE_VERBS:
        return None
    if not any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
        return None
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "compound") and c.i < tok.i]
    return subj[-1] if subj else None


def _raised(verb):
    """'Ben Carson appears to be slipping': an impression with no one named as holding it. The
    content is the subject with the infinitive; PolNeAR gives it no source."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.lower_ == "there":
        return None
    after = [c for c in verb.children if c.i > verb.i]
    if subj.lower_ == "it":
        # 'it seems (that) the Democrats have too many' / 'it appeared like …': the clause
        clause = next((c for c in after if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")), None)
        return _subtree_tokens(clause) if clause is not None else None
    # 'appears to be slipping', 'seemed impervious to …', 'seems like the kind of candidate …'
    # (not 'appeared on Fox News': only an infinitive, an adjective or 'like' says how it seems)
    comp = next((c for c in after if c.dep_ in ("xcomp", "acomp", "oprd")
                 or (c.dep_ == "prep" and c.lower_ == "like")), None)
    if comp is None or comp.lemma_.lower() in ALL_CUE_VERBS:
        return None
    return verb.doc[subj.left_edge.i: comp.right_edge.i + 1]


def _that_said(verb) -> bool:
    """'That said, the two companies …' / 'That being said, …': a discourse marker, not a report."""
    doc = verb.doc
    if verb.lower_ != "said" or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return False
    j = verb.i - 1
    if j >= 0 and doc[j].lower_ == "being":
        j -= 1
    return j >= 0 and doc[j].lower_ in ("that", "this") and doc[j].is_sent_start


def _nested(verb) -> bool:
    """'Sanders said he didn't think …': a belief or intention reported inside another statement
    belongs to that statement; annotators rarely mark it again on its own."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in ALL_CUE_VERBS:
        return False
    return verb.lemma_.lower() not in NESTED_REPORTS


def _short_ok(verb) -> bool:
    """A one- or two-word content ("endorsed Trump", "declined to comment") only from a verb with
    a subject of its own: a borrowed or missing subject makes a short guess a poor bet."""
    return any(c.dep_ == "nsubj" for c in verb.children)


CONCESSIVE = frozenset({"though", "although", "whereas"})


def _trim_tail(tokens):
    """'…, which …' / '…, citing …': a trailing non-restrictive relative clause or participial
    phrase set off by a comma or dash is the reporter's addition, not part of the statement."""
    doc = tokens.doc
    for t in tokens:
        lo = t.left_edge.i
        if lo <= tokens.start + 1 or t.right_edge.i < tokens.end - 2 or doc[lo - 1].text not in TAIL_MARKS:
            continue
        # the parser hangs a sentence-final ', which …' on the verb (advcl) as often as on a noun
        if (t.dep_ in ("relcl", "advcl") and doc[lo].lower_ in NONRESTRICTIVE) or (
                t.dep_ == "advcl" and t.tag_ in ("VBG", "VBN") and not any(k.dep_ == "mark" for k in t.children)):
            return doc[tokens.start: lo - 1]
        # '…, even though many backed Cruz' / '…, despite the potential for a feud': a concession
        # the reporter adds
        if (t.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in CONCESSIVE for k in t.children)) \
                or (t.dep_ == "prep" and t.lower_ == "despite"):
            return doc[tokens.start: lo - 1]
    return tokens


def quoted_kind(text: str, span: tuple[int, int], mask) -> str:
    letters = [i for i in range(span[0], span[1]) if text[i].isalnum()]
    if not letters:
        return "indirect"
    inside = sum(1 for i in letters if mask[i])
    if inside == len(letters):
        return "direct"
    return "mixed" if inside else "indirect"
