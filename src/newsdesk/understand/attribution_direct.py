"""Direct quotes: quoted sentences and the cue clause that attributes them.

A quoted stretch is a *statement* (not a fragment or a title) when it opens its sentence, or
follows a colon or a cue ("He said, “…”"). Statements in one paragraph separated only by a
short cue clause ("“…,” Peskov said. “…”" / "“…,” he said, “…”") are one attribution, as
reporters mean them. A paragraph that is only a quote, with no cue, continues the speaker of
the quote before it (or the "He said:" that introduces it).
"""
from __future__ import annotations

import collections
import dataclasses
import re

from newsdesk.understand.attribution_lexicon import SPEECH_VERBS
from newsdesk.understand.attribution_marks import Quoted, find_quotes, paragraphs
from newsdesk.understand.attribution_types import Candidate
from newsdesk.understand.nlp import doc_text

# a sentence ends at . ! ? before a space, but not after "Gov." "Mr." "U.S." "Jan." or an initial
ABBREVIATIONS = ("Mr Mrs Ms Dr Gov Sen Rep Reps Sens Lt Gen Col Capt Sgt Maj Adm Cmdr Pres Rev St Jr Sr "
                 "Inc Co Corp Ltd No vs Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Ave Mt Ft Prof Atty Supt").split()
# the lookahead first, so the ~50 look-behinds run only at punctuation, not at every character
SENTENCE_END = re.compile(r"(?=[.!?])" + "".join(r"(?<!\b%s)" % a for a in ABBREVIATIONS)
                          + r"(?<!\b[A-Z])(?<!\.[A-Z])[.!?](?=\s|$)")
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# words between two quotes of one statement ('“A,” she said, as she traced … “B.”')
MAX_CUE_GAP_WORDS = 40
# cue verbs a direct quote may hang on, beyond plain speech verbs
DIRECT_CUES = SPEECH_VERBS | {"think", "believe", "insist", "write", "read", "put", "sing", "chant"}


# '“… win.” Trump said.': the words a bare attribution after a quote's own full stop may take
MAX_BARE_ATTRIBUTION_WORDS = 8
# cue verbs whose object is the person spoken to, not the speaker
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "remind", "assure", "warn", "urge", "email", "text"})
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _words(s: str) -> int:
    return len(WORD.findall(s))


def _cue_tokens(doc, lo: int, hi: int, mask) -> list:
    """Reporting verbs whose first character lies in text[lo:hi], outside quotes."""
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if t.idx >= lo and t.idx < hi and not mask[t.idx]
            and t.lemma_.lower() in DIRECT_CUES and (t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and (
                # a cue verb the tagger read as a noun ('the memo states'); a singular noun
                # ('the state', 'an email') is a noun
                t.tag_ == "NNS" or t.lower_ == "said")))
            and (t.lemma_.lower() != "put" or (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "it"))]


def _subject_of(verb, lo: int, hi: int):
    """The speaker phrase head for a cue verb, looked for inside text[lo:hi]."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and lo <= child.idx < hi:
            return child
    # "saying …" / "added" in a conjunction: the subject of the verb it hangs on
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ == "nsubj" and lo <= child.idx < hi:
                return child
    # inverted order the parser missed: "said Peskov", "said the spokesman" (never after a verb
    # whose object is the listener: '“…,” Butz told The Huffington Post')
    after = verb.doc[verb.i + 1: verb.i + 4] if verb.lemma_.lower() not in ADDRESSEE_VERBS else ()
    for tok in after:
        if tok.idx >= hi:
            break
        if tok.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "EVENT") or tok.like_num \
                or tok.lower_ in WEEKDAYS:
            continue     # '“…,” he said Friday' / '… said in New Hampshire'
        if (tok.pos_ == "PRON" and tok.lower_ in ("he", "she", "they", "i", "we")) or \
                (tok.pos_ in ("PROPN", "NOUN") and tok.idx >= lo):
            return tok.head if tok.dep_ == "compound" and tok.head.idx < hi else tok
    # a name right before the cue that the parser attached elsewhere: '“…,” Police Chief Ann Lee said'
    j = verb.i - 1
    while j >= 0 and verb.doc[j].pos_ == "ADV":
        j -= 1
    if j >= 0 and verb.doc[j].idx >= lo and verb.doc[j].pos_ in ("PROPN", "NOUN") \
            and (verb.doc[j].dep_ != "compound" or verb.pos_ == "NOUN"):   # 'the memo states' tagged a noun
        return verb.doc[j]
    # '“…,” Butz, 49, told …' / '“…,” Flynn, a top Trump surrogate, said': the first name between
    # the quote and the cue, before the apposition the parser tangled
    if j >= 0 and verb.doc[j].text == ",":
        first = next((t for t in verb.doc[max(0, verb.i - 12):verb.i] if t.idx >= lo and (
            t.pos_ in ("PROPN", "NOUN") or (t.pos_ == "PRON" and t.lower_ in ("he", "she", "they")))
            and t.dep_ not in ("compound", "nmod", "amod", "poss")
            and t.ent_type_ not in ("DATE", "TIME", "GPE", "LOC")), None)
        if first is not None:
            return first
    return None


class _Para:
    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, hi
        self.quotes: list[Quoted] = []


def _before_boundary(text: str, q: Quoted, para: _Para, prev_end: int) -> int:
    lo = max(para.lo, prev_end)
    last = lo
    for m in SENTENCE_END.finditer(text, lo, q.start):
        last = m.end()
    return last


def _is_statement(text: str, q: Quoted, before: str, after: str, doc, mask) -> bool:
    """Does this quoted stretch stand as a statement of its own (not a fragment or a title)?"""
    inner = text[q.inner[0]:q.inner[1]]
    n = _words(inner)
    if n == 0:
        return False
    stripped = before.strip()
    ends_clause = bool(re.search(r"[.,!?;:\u2014-]\W*$", inner.strip()))
    if stripped and not stripped.endswith(":"):
        # "He said, “…”" / "As Trump put it, “…”": a short cue clause right before
        lo = q.start - len(before)
        cues = _cue_tokens(doc, lo, q.start, mask)
        if not cues:
            return False
        between = doc.char_span(cues[-1].idx + len(cues[-1].text), q.start, alignment_mode="expand")
        if between is not None and (len(between) > 10 or any(
                t.dep_ == "mark" or t.lower_ in ("that", "whether", "if") for t in between)):
            return False   # 'said that whatever voters do, “…”' is a mixed statement
        if not stripped.endswith(","):
            # 'He said “…”' only when the cue (and maybe an adverb) is the last thing before
            # the quote; 'He said that “…”' and 'Trump says Obama “…”' are mixed statements
            if between is not None and any(t.pos_ not in ("ADV", "PUNCT", "SPACE") for t in between
                                           if t.idx < q.start):
                return False
    elif stripped.endswith(":"):
        # 'Peskov said:' introduces a statement; 'He said he had an idea: “…”' or
        # 'a candidate who promised deportation: “…”' make a mixed one
        lo = q.start - len(before)
        cues = _cue_tokens(doc, lo, q.start, mask)
        if n >= 3 and ends_clause and _cue_right_after(text, q, after, doc, mask) is not None:
            return True    # '… would last long: “…,” Roffman predicted.': the quote has its own cue
        if not cues and _colon_label(doc, lo, q.start, mask) is not None:
            return n >= 3 and inner.lstrip()[:1].isupper()    # 'Bush: “The mission is …”'
        if not cues:
            # 'Rubio fired back forcefully: “…”' / 'She went on: “…”': any clause with a verb
            # (a sentence, not a title: 'named his guilty pleasure: “Saturday Night Live”')
            return (n >= 4 or inner.rstrip()[-1:] in ".!?") and inner.lstrip()[:1].isupper() \
                and bool(_colon_verbs(doc, lo, q.start, mask))
        return n >= 2 and bool(cues) and not any(
            c.dep_ == "ccomp" and lo <= c.idx < q.start - 1 for c in cues[-1].children)
    if not (n >= 3 or ends_clause):
        return False
    if _dash_signature(doc, q.end, mask) is not None:
        return True     # '“…” ― Ariana Huichapa'
    # the sentence must not go on after the quote, unless with a cue: "“…,” he said."
    rest = after.strip()
    if not rest or rest[0] in ".!?" or not _words(rest):
        return True
    if inner.rstrip()[-1:] in ".!?" and rest[0].isupper():
        return True    # '“… joy.” Others paid tribute …': the quote ended its sentence
    if _cue_right_after(text, q, after, doc, mask) is not None:
        # '“…,” Spencer said, as a few young fighters worked out …': a cue right after the quote
        # attributes it however long the sentence goes on
        return True
    return bool(_cue_tokens(doc, q.end, q.end + len(after), mask)) and _words(rest) <= 30


def _colon_verbs(doc, lo: int, hi: int, mask) -> list:
    """Finite verbs with a subject in the clause text[lo:hi] that a colon ends."""
    span = doc.char_span(lo, hi, alignment_mode="expand")
    verbs = [t for t in span or () if lo <= t.idx < hi and not mask[t.idx] and t.pos_ == "VERB"
             and (t.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in t.children))
             and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WP", "WDT")
                     and c.lower_ != "that" for c in t.children)]
    # the main clause's verb, not one in a clause under it ('apologized for what happened:')
    return [v for v in verbs if not any(a in verbs for a in v.ancestors)]


def _colon_label(doc, lo: int, hi: int, mask):
    """'Bush: “…”' / '- Pew Research: “…”' / 'More from Jones: “…”': a name with no verb,
    then the colon, labels the quote. -> (colon offset, name token) or None."""
    text = doc_text(doc)
    colon = len(text[:hi].rstrip())
    if colon <= lo or text[colon - 1] != ":":
        return None
    colon -= 1
    seg_lo = max([lo] + [text.rfind(d, lo, colon) + 1 for d in ("- ", "\u2014", "\u2013")])
    span = doc.char_span(seg_lo, colon, alignment_mode="expand")
    toks = [t for t in span or () if seg_lo <= t.idx < colon and not t.is_space and not mask[t.idx]]
    if not toks or len(toks) > 8 or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    names = [t for t in toks if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "NORP")]
    return (colon, names[-1]) if names else None


SIGNATURE = re.compile(r"[ \t]*(?:\n\s*)?[\u2015\u2014\u2013-][ \t]*(?=[A-Z])")


def _dash_signature(doc, end: int, mask):
    """'“…” ― Ariana Huichapa' / '“…”\n\n- Sanders.': a quote signed with a dash and a name (reader
    quotes, epigraphs, posts). -> (dash offset, name token) or None."""
    text = doc_text(doc)
    m = SIGNATURE.match(text, end)
    if m is None:
        return None
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    span = doc.char_span(m.end(), line_end, alignment_mode="expand")
    toks = [t for t in span or () if m.end() <= t.idx < line_end and not t.is_space and not mask[t.idx]]
    words = [t for t in toks if not t.is_punct]
    # a name, maybe with a title, ending the line: not the start of another sentence
    if not words or len(words) > 8 or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    names = [t for t in words if t.pos_ == "PROPN"]
    if not names:
        return None
    head = names[0]
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
        head = head.head
    return text.index(m.group(0).strip()[0], end), head


def _cue_right_after(text: str, q: Quoted, after: str, doc, mask):
    """The cue of '“…,” he said' / '“…,” said the mayor' within the first words after the quote;
    after a quote left open by its comma, '!' or '?', any finite verb with its subject there
    ('“…,” he mocks.' / '“…?” Hannity pressed.'), whatever the verb."""
    hi = q.end + len(after)
    cues = _cue_tokens(doc, q.end, hi, mask)
    near = [c for c in cues if _words(text[q.end:c.idx]) <= 6]
    if near:
        return near[0]
    if text[q.inner[0]:q.inner[1]].rstrip()[-1:] not in ",!?":
        return None
    # '“…,” study lead author Lucas Paganini, a planetary scientist at …, said in a statement':
    # a cue further on whose subject starts right after the quote
    for c in cues:
        subj = next((k for k in c.children if k.dep_ == "nsubj"), None)
        if subj is not None and q.end <= subj.left_edge.idx and _words(text[q.end:subj.left_edge.idx]) == 0 \
                and _words(text[q.end:subj.idx]) <= 6:
            return c
    span = doc.char_span(q.end, hi, alignment_mode="expand")
    for tok in span or ():
        if tok.idx >= hi or _words(text[q.end:tok.idx]) > 6:
            break
        if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ", "VBP") and not mask[tok.idx] and any(
                c.dep_ == "nsubj" and q.end <= c.idx < tok.idx for c in tok.children):
            return tok
        if tok.is_punct and tok.text not in "-\u2014":
            break
    return None


def _after_text(text: str, q: Quoted, para: "_Para") -> str:
    """From the closing mark to the end of its sentence (or the next quote). A quote ending in a
    full stop ends its sentence: what follows is another sentence ('“… my wheelhouse.” He said,
    twice, that he …'), unless it is only a bare attribution ('“… win.” Trump said.')."""
    hi = para.hi
    m = SENTENCE_END.search(text, q.end, para.hi)
    if m:
        hi = m.end()
    nxt = [other.start for other in para.quotes if other.start >= q.end]
    if nxt and nxt[0] < hi:
        hi = nxt[0]
    closed = text[q.inner[0]:q.inner[1]].rstrip().rstrip("\"'\u201d\u2019").endswith(".")
    if closed and _words(text[q.end:hi]) > MAX_BARE_ATTRIBUTION_WORDS:
        return ""
    return text[q.end:hi]


def find_direct(text: str, doc, quotes: list[Quoted] | None = None) -> tuple[list[Candidate], list[Quoted]]:
    """Direct-quote candidates, and the quoted stretches that are not statements (fragments,
    titles, scare quotes) for the indirect finder to treat as mixed."""
    quotes = find_quotes(text) if quotes is None else quotes
    mask = bytearray(len(text))
    for q in quotes:
        mask[q.start:q.end] = b"\x01" * (q.end - q.start)
    paras = [_Para(lo, hi) for lo, hi in paragraphs(text)]
    pi = 0
    for q in quotes:
        while pi < len(paras) - 1 and paras[pi].hi <= q.start:
            pi += 1
        paras[pi].quotes.append(q)

    out: list[Candidate] = []
    fragments: list[Quoted] = []
    last_group_para = -10
    for idx, para in enumerate(paras):
        groups: list[list[Quoted]] = []
        prev_end = para.lo
        for q in para.quotes:
            lo = _before_boundary(text, q, para, prev_end)
            before = text[lo:q.start]
            after = _after_text(text, q, para)
            if not _is_statement(text, q, before, after, doc, mask):
                fragments.append(q)
                prev_end = q.end
                continue
            gap = text[groups[-1][-1].end:q.start] if groups else ""
            if groups and _words(gap) <= MAX_CUE_GAP_WORDS \
                    and not _later_sentence_cues(text, groups[-1][-1].end, q.start, doc, mask) \
                    and not _introduces_next(text, groups[-1][-1], gap, doc, mask) \
                    and not (_cue_tokens(doc, q.end, q.end + len(after), mask)
                             and _cue_tokens(doc, groups[-1][-1].end, q.start, mask)):
                # “A,” she said. “B,” she added: B has its own cue, so it is its own statement
                groups[-1].append(q)
            else:
                groups.append([q])
            prev_end = q.end
        for group in groups:
            cand = _attribute(text, doc, mask, group, para, paras, idx, last_group_para)
            if cand is not None:
                out.extend(_split_long_gaps(text, group, cand))
                last_group_para = _para_index(paras, group[-1].end - 1)
            else:
                fragments.extend(group)
    out += _transcript_lines(text, doc, paras, out)
    return out, fragments


# capitalised paragraph labels that are page furniture, not a speaker
NOT_SPEAKER_LABELS = frozenset("""UPDATE UPDATED CORRECTION CORRECTIONS CLARIFICATION VIDEO PHOTO PHOTOS
WATCH READ MORE EMAIL NOTE BREAKING RELATED SOURCE SOURCES CREDIT ALSO EXCLUSIVE ANALYSIS OPINION LIVE
ADVERTISEMENT DISCLOSURE PREVIOUSLY""".split()) | {"EDITOR'S NOTE", "EDITOR\u2019S NOTE", "READ MORE", "WATCH LIVE"}
TRANSCRIPT_LABEL = re.compile(r"[\"\u201c]?([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}): +(?=\S)")


def _transcript_lines(text: str, doc, paras: list[_Para], found: list[Candidate]) -> list[Candidate]:
    """'PENCE: Well, look, …' / 'JAKE TAPPER: …': an interview transcript, one speaker label per
    paragraph. A capitalised label counts when it names a person of the article or comes back
    as a label (the interviewer, 'TAPPER:'); page furniture ('UPDATE:', 'VIDEO:') never does."""
    people = {t.lower_ for t in doc if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"}
    labels = [(para, TRANSCRIPT_LABEL.match(text, para.lo, para.hi)) for para in paras]
    surname = {id(m): m.group(1).split()[-1].lower() for _, m in labels if m}
    repeated = collections.Counter(surname.values())
    out = []
    for para, m in labels:
        if not m or m.group(1).upper() in NOT_SPEAKER_LABELS \
                or (surname[id(m)] not in people and repeated[surname[id(m)]] < 2):
            continue
        start, end = m.end(), para.hi
        while end > start and (text[end - 1].isspace() or text[end - 1] in "\"\u201d\u2019"):
            end -= 1
        if _words(text[start:end]) < 3 or any(c.content[0] < end and start < c.content[1] for c in found):
            continue
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = m.end(1)
        out.append(Candidate(content=(start, end), kind="direct", cue=(colon, colon + 1),
                             subject=name[-1] if name is not None else None, label=(m.start(1), m.end(1))))
    return out


def _split_long_gaps(text: str, group: list[Quoted], cand: Candidate) -> list[Candidate]:
    """One record per run of quotes whose cue words do not outweigh the quoted words.

    The content must be one stretch of text, so "“A,” she said, as she traced … “B.”" joined
    also holds the words between; when those outnumber the quoted ones the stretch no longer
    reads as the quote, and each part is a record of its own (same cue, same speaker)."""
    if len(group) < 2:
        return [cand]
    runs = [[group[0]]]
    quoted = _words(text[group[0].start:group[0].end])
    between = 0
    for prev, q in zip(group, group[1:]):
        gap, words = _words(text[prev.end:q.start]), _words(text[q.start:q.end])
        if between + gap > quoted + words:
            runs.append([q])
            quoted, between = words, 0
        else:
            runs[-1].append(q)
            quoted, between = quoted + words, between + gap
    if len(runs) == 1:
        return [cand]
    return [dataclasses.replace(cand, content=(run[0].start, run[-1].end)) for run in runs]


def _introduces_next(text: str, prev: Quoted, gap: str, doc, mask) -> bool:
    """“…we have found.” He added, “…”: after a quote that ended its sentence, a cue clause
    ending in a comma or colon introduces a new statement; so does a second cue in the clause
    ('“A,” Cruz said, adding: “B.”')."""
    g = gap.strip()
    if not g or g[-1] not in ",:":
        return False
    cues = _cue_tokens(doc, prev.end, prev.end + len(gap), mask)
    if len(cues) >= 2:
        return True    # '“A,” Cruz said, adding: “B.”': a cue for each quote
    inner = text[prev.inner[0]:prev.inner[1]].rstrip()
    return bool(inner) and inner[-1] in ".!?" and bool(cues)


def _later_sentence_cues(text: str, lo: int, hi: int, doc, mask) -> bool:
    """Between two quotes, a sentence after the first one's cue clause that holds a cue of its
    own may bring in another speaker ('“A,” Lee said. Kim disagreed, saying … “B.”'); one without a
    cue is the reporter's aside ('“A,” said Walker, 44. She plans to vote … “B.”')."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, lo, hi)]
    if not ends or not _words(text[ends[0]:hi]):
        return False
    return bool(_cue_tokens(doc, ends[0], hi, mask))


def _para_index(paras: list[_Para], pos: int) -> int:
    for i, p in enumerate(paras):
        if p.lo <= pos < p.hi:
            return i
    return len(paras) - 1


def _attribute(text, doc, mask, group, para, paras, idx, last_group_para) -> Candidate | None:
    start, end = group[0].start, group[-1].end
    end_para = paras[_para_index(paras, end - 1)]
    # where a cue may sit: the sentence before the first quote, the gaps, the rest of the sentence after
    first_lo = _before_boundary(text, group[0], para, para.lo)
    after_hi = end + len(_after_text(text, group[-1], end_para))
    # (lo, hi, the quote the cue follows, if any)
    regions = [(end, after_hi, group[-1])]
    regions += [(a.end, b.start, a) for a, b in zip(group, group[1:])]
    regions.append((first_lo, start, None))
    found = [(lo, hi, follows, [v for v in _cue_tokens(doc, lo, hi, mask)
                                if _fits_region(v, lo, hi, after=follows is not None, mask=mask)])
             for lo, hi, follows in regions if hi > lo]
    # no reporting verb anywhere: '“…,” he mocks.' takes the verb right after a quote
    found += [(lo, hi, follows, [loose]) for lo, hi, follows, _ in found if follows is not None
              for loose in [_cue_right_after(text, follows, text[lo:hi], doc, mask)] if loose is not None]
    inner_end = text[group[-1].inner[0]:group[-1].inner[1]].rstrip()
    if inner_end.endswith((".", "?", "!")) and text[first_lo:start].rstrip().endswith((",", ":")):
        # 'Mr. Trump said, “… .” And in Fayetteville, as people kept interrupting …': a quote that
        # closes its own sentence after 'said,' belongs to that cue, not to a verb after it
        found.sort(key=lambda f: f[2] is not None)
    if text[first_lo:start].rstrip().endswith(":"):
        # 'Rubio fired back forcefully: “…”': the clause's last verb
        found += [(first_lo, start, None, _colon_verbs(doc, first_lo, start, mask)[-1:])]
    for lo, hi, follows, cues in found:
        if not cues:
            continue
        # 'the report said': a cue noun that is the subject of another cue is the speaker
        cues = [v for v in cues if not (v.pos_ == "NOUN" and v.dep_ in ("nsubj", "nsubjpass"))] or cues
        verb = cues[0] if follows is not None else cues[-1]
        subj = _subject_of(verb, lo, hi)
        passive = subj is not None and subj.dep_ == "nsubjpass"
        return Candidate(content=(start, end), kind="direct", cue=_cue_span(verb), subject=subj,
                         passive=passive, cue_token=verb)
    signed = _dash_signature(doc, end, mask)
    if signed is not None:
        dash, name = signed
        return Candidate(content=(start, end), kind="direct", cue=(dash, dash + 1), subject=name)
    label = _colon_label(doc, first_lo, start, mask)
    if label is not None:
        colon, name = label
        return Candidate(content=(start, end), kind="direct", cue=(colon, colon + 1), subject=name)
    # no cue: a quote paragraph continuing the previous quote, or after "He said:"
    starts_para = text[para.lo:start].strip() == ""
    if not starts_para:
        return None
    if idx > 0:
        prev = paras[idx - 1]
        tail = text[prev.lo:prev.hi].rstrip()
        if tail.endswith(":"):
            lo = prev.lo
            for m2 in SENTENCE_END.finditer(text, prev.lo, prev.hi - 1):
                lo = m2.end()
            # 'Cruz said:' / 'Cruz called them on it:' (any clause the colon ends introduces it)
            cues = _cue_tokens(doc, lo, prev.hi, mask) or _colon_verbs(doc, lo, prev.hi, mask)[-1:]
            if cues:
                verb = cues[-1]
                return Candidate(content=(start, end), kind="direct", cue=_cue_span(verb),
                                 subject=_subject_of(verb, lo, prev.hi), cue_token=verb)
    if last_group_para >= idx - 1 and _words(text[start:end]) >= 3:
        return Candidate(content=(start, end), kind="direct", inherit=True)
    return None


def _fits_region(verb, lo: int, hi: int, after: bool, mask) -> bool:
    """A cue after a quote comes early in its clause and has no clause of its own after it
    ("Brafman said he had …" starts a new statement); one before a quote comes right before it."""
    text = doc_text(verb.doc)
    if after:
        if _words(text[lo:verb.idx]) > 10:
            return False
        # the parser often makes the next quote the cue's complement: that is no clause of its own
        # (a clause past the region, e.g. the next paragraph run into this sentence, is a misparse)
        return not any(c.dep_ == "ccomp" and c.idx > verb.idx and not mask[c.left_edge.idx]
                       and c.left_edge.idx < hi for c in verb.children)
    return _words(text[verb.idx:hi]) <= 10


def _cue_span(verb) -> tuple[int, int]:
    return verb.idx, verb.idx + len(verb.text)
