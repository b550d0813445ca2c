"""Who a speaker mention refers to: names, pronouns, titles and organisations.

`SpeakerResolver` is built once per article. It maps a subject noun phrase to a canonical
entity name ("Peskov" -> "Dmitry Peskov", "He" -> the last compatible person, "the spokesman"
-> the person with that title, "The Kremlin" -> "Kremlin", "they" -> the last plural subject).
For "he"/"she" the last speaker counts most, then the last subject in the sentence of the last
matching name (not a name in an object after it), and a subject "he"/"she" resolved earlier is
itself a mention of its person, so a chain of pronouns stays with one person.
It uses `article.entities` when the entities stage filled them, and otherwise groups spaCy's
own `doc.ents` by surname. A person's gender comes from the text (titles, "Mr."/"Ms.", a
pronoun right after the name) or else from an unambiguous first name.
"""
from __future__ import annotations

import bisect
import collections
import functools
import itertools
from dataclasses import dataclass

from newsdesk.model import Article
from newsdesk.understand.attribution_marks import find_quotes, quoted_mask
from newsdesk.understand.attribution_lexicon import (
    FIRST_PERSON,
    HONORIFICS,
    PEOPLE_NOUNS,
    PERSONAL_PRONOUNS,
    PLATFORMS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    TITLE_NOUNS,
    names_a_source,
)

SPEAKING_TYPES = {"PERSON", "ORG", "NORP", "GPE"}
# plural subjects that speak as a "they" beyond people and documents
GROUP_SOURCES = frozenset({"newspaper", "paper", "outlet", "network", "state", "country", "nation", "city"})
# roles that speak for their organisation: "a Pentagon spokesman said" is the Pentagon speaking
SPOKES_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "official", "aide"})
TITLE_ABBREVIATIONS = {"senator": ("sen.",), "governor": ("gov.",), "representative": ("rep.",),
                       "general": ("gen.",), "president": ("pres.",), "professor": ("prof.",)}
SUBJECT_REACH = 200   # chars by which a subject may precede a later name in its sentence and still win
FEMALE_WORDS = {"spokeswoman", "congresswoman", "chairwoman", "businesswoman", "queen", "wife", "mother",
                "daughter", "sister", "first lady", "actress", "grandmother", "woman", "girl"}
MALE_WORDS = {"spokesman", "congressman", "chairman", "businessman", "king", "husband", "father", "son",
              "brother", "actor", "grandfather", "man", "boy"}


@dataclass
class Known:
    """One canonical entity as the resolver sees it."""

    name: str
    type: str
    titles: set[str]
    gender: str | None = None


@functools.lru_cache(maxsize=1)
def _name_detector():
    import gender_guesser.detector as gender_guesser  # a first-name dictionary, loaded once

    return gender_guesser.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """'m' / 'f' for a full name whose first name is (nearly) always a man's or a woman's name."""
    first = _first_name(name)
    if first is None:
        return None
    detector = _name_detector()
    gender = {"male": "m", "female": "f"}.get(detector.get_gender(first))
    # a name the world mostly gives one sex but the US the other ('Laurence') says nothing
    in_us = detector.get_gender(first, "usa")
    opposite = {"m": ("female", "mostly_female"), "f": ("male", "mostly_male")}
    return None if gender is None or in_us in opposite[gender] else gender


@functools.lru_cache(maxsize=4096)
def has_first_name(name: str) -> bool:
    """Whether a full name starts with a first name people are given ('Bernie Sanders', 'Chris
    Christie'), whichever sex it goes with."""
    first = _first_name(name)
    return first is not None and _name_detector().get_gender(first) != "unknown"


def _first_name(name: str) -> str | None:
    """The word that may be a first name in a full name ("Mr. Bernie Sanders" -> "Bernie")."""
    words = [w for w in name.replace(".", " ").split() if w.lower() not in HONORIFICS]
    if len(words) < 2 or not words[0].isalpha() or len(words[0]) < 2:
        return None
    return words[0]


def _clean_name(text: str) -> str:
    text = text.strip().replace("\u2019", "'")
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    words = text.split()
    while words and (words[0].lower() == "the" or words[0].lower() in HONORIFICS):
        words = words[1:]
    return " ".join(words).strip(" ,.")


def _entities_from_doc(doc) -> list[tuple[int, int, Known]]:
    """Fallback when no entities stage ran: spaCy's entities, persons grouped by surname."""
    by_surname: dict[str, Known] = {}
    others: dict[tuple[str, str], Known] = {}
    out: list[tuple[int, int, Known]] = []
    persons = [e for e in doc.ents if e.label_ == "PERSON" and _clean_name(e.text)]
    # the longest written form of a person is its canonical name ("Dmitry Peskov" over "Peskov")
    for ent in sorted(persons, key=lambda e: -len(_clean_name(e.text).split())):
        name = _clean_name(ent.text)
        if "-" in name.split()[-1] and len(name.split()) == 1:
            continue  # "Trump-Putin": a pair, not a person
        surname = name.split()[-1].lower()
        known = by_surname.get(surname)
        if known is None:
            known = by_surname[surname] = Known(name, "PERSON", set())
        out.append((ent.start_char, ent.end_char, known))
    for ent in doc.ents:
        if ent.label_ == "PERSON" or ent.label_ not in SPEAKING_TYPES:
            continue
        name = _clean_name(ent.text)
        if not name:
            continue
        if name.lower() in by_surname:  # the small model often calls a lone surname an ORG
            out.append((ent.start_char, ent.end_char, by_surname[name.lower()]))
            continue
        key = (name.lower(), ent.label_)
        known = others.setdefault(key, Known(name, ent.label_, set()))
        out.append((ent.start_char, ent.end_char, known))
    return out


def _entities_from_article(article: Article) -> list[tuple[int, int, Known]]:
    out = []
    for ent in article.entities:
        known = Known(ent.name, ent.type, {t.lower() for t in ent.titles})
        for m in ent.mentions:
            out.append((m.start, m.end, known))
    return out


class SpeakerResolver:
    def __init__(self, article: Article, doc, quoted: bytearray | None = None):
        """`quoted`: the text's quotation mask (1 inside quotes), when the caller has it already."""
        self.doc = doc
        self.text = article.text
        mentions = _entities_from_article(article) if article.entities else _entities_from_doc(doc)
        mentions.sort(key=lambda m: (m[0], m[1]))
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]
        self._learn_titles_and_gender()
        self.subject_starts = set()
        self.sentence_of: dict[int, int] = {}   # mention start -> index of its sentence's first token
        for start, end, _ in mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            self.sentence_of[start] = span.sent.start
            if span.root.dep_ in ("nsubj", "nsubjpass"):
                self.subject_starts.add(start)
        # speakers already resolved, in text order: (char position, Known)
        self.history: list[tuple[int, Known]] = []
        self._pronouns = self._subject_pronouns(quoted)
        self._pending = 0
        # plural subjects ("Senate Republicans", "Trump and Clinton"), in text order, for "they"
        self.groups = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and _is_plural(t) and _people(t)]
        self.group_starts = [t.idx for t in self.groups]

    def _subject_pronouns(self, quoted: bytearray | None) -> list:
        """Subject "he"/"she" outside quotes, in text order: each becomes a mention of whom it
        resolves to, for the pronouns after it ('Gionfriddo … At 29, she still lives next to her
        aunt Maria Lopez. "…," she said' stays with Gionfriddo)."""
        if quoted is None:
            quoted = quoted_mask(self.text, find_quotes(self.text))
        return [t for t in self.doc if t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass")
                and not quoted[t.idx]]

    def _follow_pronouns(self, pos: int) -> None:
        """Resolve the chain's pronouns before `pos`, lazily and in text order, so that each sees the
        speakers resolved before it as the quotes stage remembers them."""
        while self._pending < len(self._pronouns) and self._pronouns[self._pending].idx < pos:
            tok = self._pronouns[self._pending]
            self._pending += 1
            gender = PERSONAL_PRONOUNS[tok.lower_]
            known = self._lookup(tok.idx, lambda k: k.type == "PERSON" and k.gender in (None, gender), 1500)
            if known is None:
                continue
            i = bisect.bisect_left(self.starts, tok.idx)
            self.mentions.insert(i, (tok.idx, tok.idx + len(tok.text), known))
            self.starts.insert(i, tok.idx)
            self.subject_starts.add(tok.idx)
            self.sentence_of[tok.idx] = tok.sent.start

    # ---- what the text says about each entity -------------------------------------------
    def _learn_titles_and_gender(self) -> None:
        # an unambiguous first name first ("Hillary Clinton" is a she): a lone surname that the
        # entities stage gave to the wrong Clinton must not teach "Mrs." to Bill Clinton
        for _, _, known in self.mentions:
            if known.type == "PERSON" and known.gender is None:
                known.gender = first_name_gender(known.name)
        votes: dict[int, list[str]] = collections.defaultdict(list)
        for start, end, known in self.mentions:
            if known.type != "PERSON":
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            # "Kremlin spokesman Dmitry Peskov": role words right before the name
            i = span.start - 1
            while i >= 0 and self.doc[i].pos_ in ("NOUN", "PROPN", "ADJ") and self.doc[i].ent_type_ in ("", "NORP", "GPE", "ORG"):
                self._note_word(known, self.doc[i].lower_)
                i -= 1
            if i >= 0 and self.doc[i].lower_ in HONORIFICS and known.gender is None:
                known.gender = HONORIFICS[self.doc[i].lower_]
            # "Peskov, the Kremlin spokesman": an apposition
            for child in head.children:
                if child.dep_ == "appos":
                    for tok in child.subtree:
                        self._note_word(known, tok.lower_)
            # a subject pronoun right after a lone mention in the same sentence is a vote
            if known.gender is None:
                sent = span.sent
                for tok in self.doc[span.end:min(sent.end, span.end + 12)]:
                    if tok.ent_type_ == "PERSON":
                        break
                    if tok.lower_ in ("he", "she"):
                        votes[id(known)].append(PERSONAL_PRONOUNS[tok.lower_])
                        break
        # the votes decide only when they agree: "Sanders, who cites her speeches" or "Trump said
        # she lied" name someone else, so one pronoun against the rest says nothing
        for _, _, known in self.mentions:
            said = votes.pop(id(known), None)
            if said and known.gender is None:
                top, n = collections.Counter(said).most_common(1)[0]
                if n >= 2 * (len(said) - n):
                    known.gender = top


    @staticmethod
    def _note_word(known: Known, word: str) -> None:
        if word in TITLE_NOUNS or word in FEMALE_WORDS or word in MALE_WORDS:
            known.titles.add(word)
        if word in FEMALE_WORDS:
            known.gender = known.gender or "f"
        elif word in MALE_WORDS:
            known.gender = known.gender or "m"

    # ---- lookups ------------------------------------------------------------------------
    def entity_at(self, start: int, end: int) -> Known | None:
        """The entity with a mention overlapping [start, end), the last one when several."""
        i = bisect.bisect_left(self.starts, end)
        best = None
        for j in range(i - 1, -1, -1):
            s, e, known = self.mentions[j]
            if e <= start:
                if s < start - 200:
                    break
                continue
            if s < end and e > start and known.type in SPEAKING_TYPES:
                best = best or known
        return best

    def _recent(self, pos: int, want, limit_chars: int = 1500) -> Known | None:
        """The most recent speaker or entity mention before `pos` that satisfies `want`."""
        self._follow_pronouns(pos)
        return self._lookup(pos, want, limit_chars)

    def _lookup(self, pos: int, want, limit_chars: int) -> Known | None:
        """`_recent` without following the pronoun chain first (the chain itself uses it)."""
        cands: list[tuple[int, int, Known]] = []
        for hpos, known in self.history:
            if hpos < pos and pos - hpos < limit_chars and want(known):
                cands.append((hpos, 1, known))
        i = bisect.bisect_left(self.starts, pos)
        latest = None
        for j in range(i - 1, -1, -1):
            s, e, known = self.mentions[j]
            if pos - s > limit_chars or (latest is not None and (latest - s > SUBJECT_REACH or
                                                                 self.sentence_of.get(s) != self.sentence_of.get(latest))):
                break
            if e <= pos and want(known):
                if latest is None:
                    latest = s
                    cands.append((s, 0, known))
                if s in self.subject_starts:
                    # the last subject before it outranks a name in an object or a phrase after it
                    cands.append((s + SUBJECT_REACH, 0, known))
                    break
        if not cands:
            return None
        # prefer a previous speaker unless a matching mention is much more recent
        cands.sort(key=lambda c: (c[0] + (300 if c[1] else 0)), reverse=True)
        return cands[0][2]

    def remember(self, pos: int, known: Known | None) -> None:
        if known is not None:
            self.history.append((pos, known))

    def last_person(self, pos: int) -> Known | None:
        """The most recent person before `pos`: the speaker of a quote whose cue names nobody."""
        return self._recent(pos, lambda k: k.type == "PERSON", 800)

    def by_title(self, word: str, pos: int, names: tuple[str, ...] = ()) -> Known | None:
        """The person last named with this role ("the senator" is "Sen. Bernie Sanders"); names in the
        description must be in the title too ("the Vermont senator" is not "Sen. John McCain")."""
        words = (word,) + TITLE_ABBREVIATIONS.get(word, ())

        def fits(k: Known) -> bool:
            titles = [t.lower() for t in k.titles]
            return k.type == "PERSON" and any(w in t for w in words for t in titles) \
                and all(any(n in t for t in titles) for n in names)

        return self._recent(pos, fits, 6000)

    # ---- the main entry ------------------------------------------------------------------
    def resolve(self, subj, pos: int, quote_speaker: Known | None = None) -> tuple[str | None, Known | None]:
        """A subject token -> (speaker name, entity). `pos` is where the statement sits."""
        word = subj.lower_
        if word in RELATIVE_PRONOUNS and subj.head.dep_ in ("relcl", "acl") and subj.head.head.i != subj.i:
            antecedent = subj.head.head
            return self.resolve(antecedent, pos, quote_speaker)
        if word == "whose":   # "a minister whose plan to …": the noun the relative clause hangs on
            clause = next((a for a in subj.ancestors if a.dep_ == "relcl"), None)
            if clause is not None:
                return self.resolve(clause.head, pos, quote_speaker)
        if word in FIRST_PERSON and quote_speaker is not None:
            return quote_speaker.name, quote_speaker
        if word in PERSONAL_PRONOUNS:
            gender = PERSONAL_PRONOUNS[word]
            known = self._recent(subj.idx, lambda k: k.type == "PERSON" and k.gender in (None, gender))
            return (known.name, known) if known else (None, None)
        if word in ("it",):
            # an organisation, not the platform something was posted on ("… on his Twitter account. It
            # also stated …" is the statement, which we cannot name)
            known = self._recent(subj.idx, lambda k: k.type == "ORG" and k.name.casefold() not in PLATFORMS, 600)
            return (known.name, known) if known else (None, None)
        if word in ("they", "them"):
            return self._group(subj.idx)
        if word in PLURAL_PRONOUNS or word in FIRST_PERSON:
            return None, None
        return self._resolve_phrase(subj)

    def resolve_label(self, label: str, pos: int) -> tuple[str, Known | None]:
        """A transcript's speaker label ("PENCE", "JAKE TAPPER") -> the person it names: the entity
        mentioned there, else the article's person with that surname."""
        known = self.entity_at(pos, pos + len(label))
        if known is None or known.type != "PERSON":
            surname = label.split()[-1].casefold()
            named = [k for _, _, k in self.mentions if k.name.split()[-1].casefold() == surname]
            # a person first; a full name the model typed otherwise ("Mary Fallin (R-OK)" as a place) next
            known = next((k for k in named if k.type == "PERSON"), None) \
                or next((k for k in named if len(k.name.split()) > 1), None)
        if known is not None:
            return known.name, known
        return (label.title() if label.isupper() else label), None   # "JAKE TAPPER" -> "Jake Tapper"

    def _same_surname_by_honorific(self, subj, known: Known) -> Known:
        """"Mrs. Clinton" mapped to Bill Clinton: the honorific says which Clinton is meant."""
        prev = subj.doc[subj.i - 1] if subj.i else None
        gender = HONORIFICS.get(prev.lower_) if prev is not None else None
        if gender is None or known.type != "PERSON" or known.gender in (None, gender):
            return known
        surname = known.name.split()[-1].lower()
        for _, _, other in self.mentions:
            if other.type == "PERSON" and other.gender == gender and other.name.split()[-1].lower() == surname:
                return other
        return known

    def _group(self, pos: int, limit_chars: int = 1000) -> tuple[str | None, Known | None]:
        """"they": the last plural subject before it, else an organisation named just before."""
        i = bisect.bisect_left(self.group_starts, pos)
        if i and pos - self.group_starts[i - 1] < limit_chars:
            subj = self.groups[i - 1]
            known = self.entity_at(subj.idx, subj.idx + len(subj.text))
            if known is not None and not any(c.dep_ == "conj" for c in subj.children):
                return known.name, known
            # "Trump's children", "Clinton insiders", "Trump and Clinton": the group, not a person in it
            return _phrase_text(subj), None
        # a group by nationality or party as a noun ("Democrats", "Hispanics"), not "Chinese" officials
        org = self._recent(pos, lambda k: k.type == "ORG" or (k.type == "NORP" and k.name.endswith("s")), 400)
        return (org.name, org) if org is not None else (None, None)

    def _resolve_phrase(self, subj) -> tuple[str | None, Known | None]:
        word = subj.lower_
        # a name in the phrase: prefer the head's own entity, then any person, then others
        # (not inside a relative clause: "those who say they will not back Clinton" is not Clinton)
        # nor behind a preposition: "a spokesman for Trump", "dockworkers at the port of X" are not Trump or X
        phrase = [t for t in subj.subtree if not _in_clause_of(t, subj) and not _behind_preposition(t, subj)] \
            if subj.dep_ != "poss" else [subj]
        head_known = self.entity_at(subj.idx, subj.idx + len(subj.text))
        if head_known is not None:
            head_known = self._same_surname_by_honorific(subj, head_known)
            return head_known.name, head_known
        # a name in apposition before a possessor: "Clinton's spokesman Brian Fallon" is Fallon
        order = ("appos", "compound", "nmod", "poss")
        compounds = sorted((t for t in subj.children if t.dep_ in order), key=lambda t: order.index(t.dep_))
        for tok in compounds + [t for t in phrase if t not in compounds]:
            known = self.entity_at(tok.idx, tok.idx + len(tok.text))
            if known is not None and known.type == "PERSON":
                return known.name, known
        person_role = word in TITLE_NOUNS or word in FEMALE_WORDS or word in MALE_WORDS
        if person_role:
            names = tuple(t.lower_ for t in subj.children if t.dep_ in ("compound", "amod") and t.pos_ == "PROPN")
            known = self.by_title(word, subj.idx, names)
            if known is not None:
                return known.name, known
        for tok in compounds:
            known = self.entity_at(tok.idx, tok.idx + len(tok.text))
            # "the GOP nominee" is a person, not the GOP ("a Pentagon spokesman" speaks for it: kept)
            if known is not None and not (person_role and word not in SPOKES_WORDS and tok.dep_ == "compound"):
                return known.name, known
        return _phrase_text(subj), None


def _people(subj) -> bool:
    """Whether a plural subject can be the "they" who say things: people, groups, names ("voters",
    "Senate Republicans", "Trump and Clinton"), not "the banners" or "the decisions"."""
    def speaks(tok) -> bool:
        return names_a_source(tok) or tok.lower_ in PEOPLE_NOUNS or tok.lemma_.lower() in GROUP_SOURCES

    return speaks(subj) or any(c.dep_ == "conj" and speaks(c) for c in subj.children)


def _is_plural(subj) -> bool:
    """'Republicans', 'the aides', 'Trump and Clinton' (not 'the campaign', not 'Trump')."""
    return subj.tag_ in ("NNS", "NNPS") or (subj.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "conj" for c in subj.children))


def _path_up(tok, head):
    """`tok` and its heads up to (not including) `head`; stops at the sentence root."""
    t = tok
    while t.i != head.i:
        yield t
        if t.head.i == t.i:
            return
        t = t.head


def _behind_preposition(tok, head) -> bool:
    return any(t.dep_ == "prep" for t in _path_up(tok, head))


def _in_clause_of(tok, head) -> bool:
    """Whether `tok` sits in a relative or -ing clause hanging inside `head`'s phrase."""
    # a past participle is part of the description ("those surveyed", "aides led by X")
    return any(t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ != "VBN") for t in _path_up(tok, head))


def _inside_word(tok) -> bool:
    """A hyphen or apostrophe glued on both sides ("Hapag-Lloyd") belongs to the name."""
    return tok.i > 0 and not tok.whitespace_ and not tok.doc[tok.i - 1].whitespace_


def _phrase_text(subj) -> str:
    # the phrase without its relative clauses and appositions ("Peskov, the Kremlin spokesman")
    toks = [t for t in subj.subtree if not t.is_space and (t.dep_ != "punct" or _inside_word(t))
            and not _in_clause_of(t, subj) and not any(a.dep_ == "appos" for a in _path_up(t, subj))]
    while toks and toks[0].dep_ == "det":
        toks = toks[1:]
    # the text's own spacing ("operators' association", "Hapag-Lloyd"), not tokens joined by spaces
    if not toks:
        return subj.text
    parts = [toks[0].text_with_ws]
    for prev, tok in itertools.pairwise(toks):
        # a dropped word or comma between two kept tokens still separates them
        parts.append((" " if tok.i != prev.i + 1 and not prev.whitespace_ else "") + tok.text_with_ws)
    return " ".join("".join(parts).split())
