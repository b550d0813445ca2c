"""Canonical entities: one `Entity` per real-world thing, with its titles and every mention.

spaCy's small model finds the names; this stage fixes what it gets wrong on news and links the
mentions of one thing together:
  * "the Kremlin" / "Kremlin" / "Trump's" -> articles and possessives are not part of a name;
  * "Kremlin spokesman Dmitry Peskov" tagged as one name -> PERSON "Dmitry Peskov" + title;
  * "Trump-Putin meeting" -> two mentions, one of each person, not a person "Trump-Putin";
  * "MOSCOW (Reuters) -" -> the dateline place, not an ORG; shouted words defer to their mixed-case
    spelling; acronyms ("NATO") stay;
  * "Trump", "President Trump" -> mentions of "Donald Trump" (the longest full name seen);
    "Mrs. Clinton" -> Hillary, not Bill Clinton, when both are named (the honorific's gender);
    "EU" -> "European Union" when both appear;
  * a name the model tags PERSON here and ORG there -> one entity, its type chosen by vote;
  * credit lines ("Reporting by ...") and credited staff are credits, not story entities;
  * a name the model missed somewhere ("Putin-Trump meeting") is found again by its spelling.
`entity_at()` maps a character span to its canonical entity (used by `quotes`).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from newsdesk.model import Article, Entity, Span
from newsdesk.understand import stage
from newsdesk.understand.attribution_lexicon import HONORIFICS as GENDERED_HONORIFICS
from newsdesk.understand.attribution_lexicon import PERSONAL_PRONOUNS, PLATFORMS
from newsdesk.understand.coref import first_name_gender, has_first_name
from newsdesk.understand.titles import (HONORIFICS, PORTFOLIO_WORDS, ROLE_MODIFIERS, ROLE_WORDS,
                                        apposition_title, looks_like_personal_name, split_swallowed_title,
                                        title_before)
from newsdesk.understand.nlp import doc_text

# OntoNotes labels that name things; dates, times and numbers belong to other stages.
KEPT_LABELS = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
COMPANY_SUFFIXES = frozenset("inc corp corporation co company ltd llc plc ag sa nv gmbh limited group holdings motor"
                             " motors industries incorporated".split())
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_TRIM_HEAD = frozenset("the a an".split()) | HONORIFICS
_POSSESSIVE = frozenset(["'s", "’s", "'", "’"])
_ROLEISH = ROLE_WORDS | ROLE_MODIFIERS | PORTFOLIO_WORDS | HONORIFICS | {"of", "and", "the"}

# A wire credit line: "(Reporting by A; Editing by B)" or a paragraph "Writing by C".
CREDIT_ROLES = ("Additional reporting", "Reporting", "Writing", "Written", "Editing", "Edited",
                "Compiled", "Photos?", "Graphics?", "Video", "Translation", "Translated", "Fact-checking")
_ROLE_RE = "|".join(CREDIT_ROLES)
CREDIT_LINE = re.compile(rf"(?m)\((?:{_ROLE_RE})\s+by\b[^()]*\)|^[ \t]*(?:{_ROLE_RE})\s+by\b[^\n]*$")
# what follows a dateline place: "MOSCOW (Reuters) -", "WASHINGTON —", "PARIS, France:"
_AFTER_DATELINE = re.compile(r"\s*(?:,\s*[A-Za-z. ]{2,24})?\s*(?:\(|—|–|-\s|:)")


@dataclass
class _Mention:
    start: int              # token range in the Doc
    end: int
    char_start: int
    char_end: int
    text: str
    label: str
    shouted: bool = False   # all capitals: "MOSCOW", "NATO"
    dateline: bool = False
    titled: bool = False    # a role word stands right before it or in apposition
    honorific: str | None = None  # "m"/"f" when "Mr."/"Mrs."/"Ms."/"Miss" stands right before it

    @property
    def words(self) -> list[str]:
        return [w for w in self.text.split() if w.casefold() not in NAME_SUFFIXES]


@dataclass
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    person: bool = False


@stage("entities")
def add_entities(article: Article, doc) -> Article:
    if doc is None or not article.text.strip():
        return article
    return article.replace(entities=find_entities(doc, credited=_credited_names(article)))


def find_entities(doc, *, credited: frozenset[str] = frozenset()) -> tuple[Entity, ...]:
    """The canonical entities of a spaCy Doc (its text is `Article.text`)."""
    text = doc_text(doc)
    excluded = [(m.start(), m.end()) for m in CREDIT_LINE.finditer(text)]
    mentions = _collect(doc, excluded, credited)
    mentions = _split_hyphenated_pairs(doc, mentions)
    clusters = _cluster(doc, mentions)
    _find_missed_mentions(doc, clusters, excluded)
    entities = [_to_entity(doc, c) for c in clusters if c.mentions]
    entities.sort(key=lambda e: e.mentions[0].start)
    return tuple(entities)


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    """The canonical entity with a mention overlapping `[start, end)` the most (None if none).

    `entity_at(article, *quote.speaker_span.to_list())` gives the speaker's entity."""
    end = max(end, start + 1)  # a point asks for the mention that contains it
    best, best_overlap = None, 0
    for entity in article.entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap:
                best, best_overlap = entity, overlap
    return best


def entity_named(article: Article, name: str) -> Entity | None:
    """The entity a written name refers to: its canonical name, a surname, any mention's spelling."""
    wanted = _key(name)
    for entity in article.entities:
        if _key(entity.name) == wanted:
            return entity
    for entity in article.entities:
        if any(_key(m.of(article.text)) == wanted for m in entity.mentions):
            return entity
        if entity.type == "PERSON" and _key(entity.name.split()[-1]) == wanted:
            return entity
    return None


# ---- collecting mentions -------------------------------------------------------------------------
def _credited_names(article: Article) -> frozenset[str]:
    names = [c.name for c in article.credits] + list(article.authors)
    return frozenset(_key(n) for n in names if n)


def _collect(doc, excluded, credited) -> list[_Mention]:
    found: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        s, e, label = ent.start, ent.end, ent.label_
        while s < e and (doc[s].lower_ in _TRIM_HEAD or doc[s].is_punct):
            s += 1
        while e > s and (doc[e - 1].text in _POSSESSIVE or doc[e - 1].is_punct):
            e -= 1
        if s >= e:
            continue
        while s > 0 and _missed_name_part(doc[s - 1], s, e):  # "Ana Souza" tagged as "Souza"
            s -= 1
        while label == "PERSON" and e < len(doc) and doc[e - 1].dep_ == "compound" and doc[e - 1].head.i == e \
                and doc[e].dep_ != "compound" and _missed_name_part(doc[e], e, e + 1, right=True):
            # "Amy Berman" + "Jackson" (the head of the name), not "Herbig" + "Ae" of "Herbig Ae star"
            e += 1
        if label == "PERSON":  # "Humberto 75 miles": a name ends where capitalised words do
            e = s + next((k for k in range(1, e - s) if not looks_like_personal_name(doc[s:s + k + 1])), e - s)
        cut = split_swallowed_title(doc, s, e) if e - s > 1 else s
        if cut > s:
            if label != "PERSON" and _is_name_part(doc[s]):
                prefix_end = next((k for k in range(s, cut) if doc[k].lower_ in _ROLEISH), cut)
                if prefix_end > s:  # "Federal Reserve Chair Jerome Powell": keep "Federal Reserve"
                    found.append(_mention(doc, s, prefix_end, label))
            s, label = cut, "PERSON"
        found.append(_mention(doc, s, e, label))
    found.extend(_missed_datelines(doc, found))
    found = _join_adjacent_names(doc, found)
    kept = []
    for m in found:
        if all(w.casefold() in _ROLEISH for w in m.text.split()):
            continue  # "State" of "Secretary of State", a bare "Chancellor"
        if not any(c.isupper() for c in m.text) or all(t.is_stop or t.pos_ == "PRON" for t in doc[m.start:m.end]):
            continue  # English names are capitalised: "water ministry" is no name, nor "I'm"
        if m.label == "PERSON" and any(c.isdigit() for c in m.text):
            continue  # "COVID-19" is no person
        if any(a < m.char_end and m.char_start < b for a, b in excluded):
            continue
        if m.label == "PERSON" and _key(m.text) in credited:
            continue
        kept.append(m)
    return kept


def _join_adjacent_names(doc, found: list[_Mention]) -> list[_Mention]:
    """'Judge Amy Berman Jackson' tagged as 'Amy Berman' + 'Jackson': one name."""
    found.sort(key=lambda m: m.start)
    out: list[_Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev and prev.end == m.start and prev.label == m.label == "PERSON" \
                and not doc[prev.end - 1].whitespace_ == "" and "\n" not in doc[prev.end - 1].whitespace_:
            out[-1] = _mention(doc, prev.start, m.end, "PERSON")
        else:
            out.append(m)
    return out


def _mention(doc, s: int, e: int, label: str) -> _Mention:
    span = doc[s:e]
    text = span.text
    letters = [c for c in text if c.isalpha()]
    m = _Mention(s, e, span.start_char, span.end_char, text, label,
                 shouted=len(letters) >= 2 and all(c.isupper() for c in letters))
    first = doc[s]
    after = _AFTER_DATELINE.match(doc_text(doc), m.char_end) if m.shouted else None
    # "NEW DELHI: …" is a dateline, "FALLIN: …" / "JAKE TAPPER: …" a transcript's speaker: after a
    # colon, only a place the model tagged as one and that starts with no first name
    if after and (first.is_sent_start or s == 0 or "\n" in doc[s - 1].text_with_ws) \
            and (not after.group().endswith(":")
                 or (label in ("GPE", "LOC") and first_name_gender(text.title()) is None)):
        m.dateline, m.label = True, "GPE"
    # a role right before it ("spokesman Peskov", not "head of Apple") or in apposition
    if _is_name_part(first) and ((title_before(doc, s) and doc[s - 1].lower_ != "of")
                                 or apposition_title(doc, s, e)):
        m.titled = True
    if s > 0:
        m.honorific = GENDERED_HONORIFICS.get(doc[s - 1].lower_)
    return m


def _missed_datelines(doc, found: list[_Mention]) -> list[_Mention]:
    """A shouted place opening a paragraph before "(Agency) -" that the model did not tag."""
    taken = {m.start for m in found}
    out = []
    for sent in doc.sents:
        first = sent[0]
        if first.i in taken or not (first.is_alpha and first.is_upper and len(first) >= 3):
            continue
        e = first.i + 1
        while e < sent.end and doc[e].is_alpha and doc[e].is_upper:
            e += 1
        # no label from the model: so a colon after it ("TAPPER: …", a transcript's speaker) makes
        # no dateline, while a dash or "(AP)" does and labels it GPE
        m = _mention(doc, first.i, e, "")
        if m.dateline:
            out.append(m)
    return out


def _missed_name_part(tok, s: int, e: int, right: bool = False) -> bool:
    """A capitalised word the model left out of the name next to it (joined by the parse)."""
    joined = right or (tok.dep_ == "compound" and s <= tok.head.i < e)
    return (joined and tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_alpha and tok.text[:1].isupper()
            and not tok.is_upper and tok.lower_ not in _ROLEISH)


def _is_name_part(token) -> bool:
    return token.text[:1].isupper()


def _split_hyphenated_pairs(doc, mentions: list[_Mention]) -> list[_Mention]:
    """'Trump-Putin' -> 'Trump' + 'Putin' when both halves name things elsewhere in the text, or
    when the pair modifies a noun ('Biden-Harris administration'); 'Ocasio-Cortez' stays whole."""
    known = set()
    for m in mentions:
        if "-" not in m.text:
            known.add(m.text)
            if m.label == "PERSON" and len(m.words) > 1:
                known.update((m.words[0], m.words[-1]))
    out = []
    for m in mentions:
        words = m.text.split()
        hyphens = [k for k in range(m.start + 1, m.end - 1) if doc[k].text in ("-", "–")
                   and _is_name_part(doc[k - 1]) and _is_name_part(doc[k + 1])]
        if len(words) != 1 or not hyphens or m.text in known:
            out.append(m)
            continue
        cuts = [m.start] + [k for h in hyphens for k in (h, h + 1)] + [m.end]
        parts = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
        nxt = doc[m.end] if m.end < len(doc) else None
        modifies_noun = nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower()
        if all(doc[a:b].text in known for a, b in parts) or modifies_noun:
            out.extend(_mention(doc, a, b, m.label) for a, b in parts)
        else:
            out.append(m)
    return out


# ---- linking mentions into entities --------------------------------------------------------------
def _key(name: str) -> str:
    """What two spellings of one name share: no case, dots, article, possessive or company suffix."""
    k = " ".join(name.replace("’", "'").replace(".", "").replace(",", " ").split()).casefold()
    if k.endswith("'s"):
        k = k[:-2]
    if k.startswith("the "):
        k = k[4:]
    words = k.split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def _cluster(doc, mentions: list[_Mention]) -> list[_Cluster]:
    personish = [m for m in mentions if m.label == "PERSON" or (m.titled and m.label in ("ORG", "GPE"))]
    personish_ids = {id(m) for m in personish}
    persons: dict[tuple[str, str], _Cluster] = {}
    for m in personish:
        if len(m.words) > 1:
            persons.setdefault((m.words[0].casefold(), m.words[-1].casefold()), _Cluster(person=True)).mentions.append(m)
    by_surname: dict[str, list[_Cluster]] = defaultdict(list)
    by_first: dict[str, list[_Cluster]] = defaultdict(list)
    for (first, last), c in persons.items():
        by_surname[last].append(c)
        by_first[first].append(c)

    others: dict[str, _Cluster] = {}
    for m in mentions:
        if len(m.words) > 1 and id(m) in personish_ids:
            continue
        k = _key(m.text)
        if len(m.words) == 1:
            candidates = by_surname.get(k) or by_first.get(k)  # "Jamal's killing" -> Jamal Khashoggi
            candidates = _allowed_by_honorific(doc, candidates, m) if candidates else []
            if candidates:
                _nearest(candidates, m).mentions.append(m)
                continue
        cluster = others.setdefault(k, _Cluster())
        cluster.mentions.append(m)
        cluster.person = cluster.person or id(m) in personish_ids
    _merge_acronyms(others)
    return list(persons.values()) + [c for c in others.values() if c.mentions]


def _nearest(candidates: list[_Cluster], m: _Mention) -> _Cluster:
    """Of several people sharing a surname, the one named last before this mention (else first after)."""
    if len(candidates) == 1:
        return candidates[0]

    def distance(c: _Cluster) -> tuple[int, int]:
        before = [m.start - x.start for x in c.mentions if x.start <= m.start and len(x.words) > 1]
        after = [x.start - m.start for x in c.mentions if x.start > m.start and len(x.words) > 1]
        return (0, min(before)) if before else (1, min(after) if after else 10**9)

    return min(candidates, key=distance)


def _allowed_by_honorific(doc, candidates: list[_Cluster], m: _Mention) -> list[_Cluster]:
    """'Mrs. Clinton' when Bill and Hillary Clinton are both named: not the one known to be a man.

    A candidate of unknown gender stays allowed. When the honorific fits nobody, all stay (a
    guessed gender may be wrong: "Jessie" is mostly a woman's name), unless the text itself gives
    the surname both honorifics: then 'Mr. Obama' in a story that names only Michelle Obama (also
    'Mrs. Obama') is her husband, and stands for himself (none allowed)."""
    if m.honorific is None:
        return candidates
    allowed = [c for c in candidates if _person_gender(doc, c) in (None, m.honorific)]
    if allowed or len(candidates) > 1:
        return allowed or candidates
    surname = m.words[-1].casefold()
    both = any(t.lower_ in GENDERED_HONORIFICS and GENDERED_HONORIFICS[t.lower_] != m.honorific
               and t.i + 1 < len(doc) and doc[t.i + 1].text.casefold() == surname for t in doc)
    return [] if both else candidates


def _person_gender(doc, c: _Cluster) -> str | None:
    """'m'/'f' from the full names of a person: an unambiguous first name, else what the text says
    next to them ("Ms. Jane Doe", "Jane Doe said she ..."); None when unknown or contradictory."""
    full = [m for m in c.mentions if len(m.words) > 1]
    by_first_name = {first_name_gender(m.text) for m in full} - {None}
    if by_first_name:
        return by_first_name.pop() if len(by_first_name) == 1 else None
    said = {m.honorific or _pronoun_after(doc, m) for m in full} - {None}
    return said.pop() if len(said) == 1 else None


def _pronoun_after(doc, m: _Mention) -> str | None:
    """The gender of the first he/she after a name that is its sentence's subject ("Jane Doe said
    she would run"), unless another person is named or a possessive ("Doe's mother said she") intervenes."""
    if doc[m.start:m.end].root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    sent_end = doc[m.start].sent.end
    for tok in doc[m.end:min(sent_end, m.end + 12)]:
        if tok.ent_type_ == "PERSON" or tok.text in _POSSESSIVE:
            return None
        if tok.lower_ in PERSONAL_PRONOUNS:
            return PERSONAL_PRONOUNS[tok.lower_]
    return None


def _merge_acronyms(clusters: dict[str, _Cluster]) -> None:
    """'EU' joins 'European Union', 'U.S.' joins 'United States' when both are written."""
    initials = {}
    for k, c in clusters.items():
        words = [w for w in _best_name(c).split() if w.casefold() not in ("of", "and", "the", "for", "&")]
        if len(words) > 1 and all(w[:1].isupper() for w in words):
            initials.setdefault("".join(w[0] for w in words).casefold(), k)
    for k, c in list(clusters.items()):
        if all(m.shouted for m in c.mentions) and k in initials and initials[k] != k:
            clusters[initials[k]].mentions.extend(c.mentions)
            c.mentions = []


def _best_name(c: _Cluster) -> str:
    pool = [m for m in c.mentions if not m.shouted] or c.mentions
    best = max(pool, key=lambda m: (len(m.words), len(m.text), -m.start))
    if best.dateline and best.shouted:
        return best.text.title()
    return best.text


def _vote(c: _Cluster) -> str:
    # the small model often tags "Twitter" PERSON, and then "she said" resolves to it
    if all(m.text.casefold() in PLATFORMS for m in c.mentions):
        return "ORG"
    # a full name the model once tagged as a person, with a known first name, is a person however
    # often its surname alone was tagged ORG ("Trump" campaign, "Trump" Tower): "Donald Trump"
    if c.person and any(m.label == "PERSON" and len(m.words) > 1 and not m.shouted
                        and has_first_name(m.text) for m in c.mentions):
        return "PERSON"
    votes: Counter[str] = Counter()
    mixed = any(not m.shouted for m in c.mentions)
    for m in c.mentions:
        weight = 0.3 if (m.shouted and mixed) else 1.0
        votes[m.label] += weight
        if m.dateline:
            votes["GPE"] += 2
        if (m.titled or m.honorific) and m.label != "NORP":   # "spokesman Peskov", "Mr. Trump"
            votes["PERSON"] += 3
        if c.person and len(m.words) > 1 and m.label == "PERSON":
            votes["PERSON"] += 0.5
    order = {label: i for i, label in enumerate(["PERSON", "ORG", "GPE"])}
    return max(votes, key=lambda label: (votes[label], -order.get(label, 9)))


# ---- mentions the model missed -------------------------------------------------------------------
def _find_missed_mentions(doc, clusters: list[_Cluster], excluded) -> None:
    """Find each entity's spellings again where the model did not tag them (same case, whole words)."""
    aliases: dict[str, _Cluster] = {}
    full = {(id(c), m.words[0], m.words[-1]) for c in clusters if c.person for m in c.mentions if len(m.words) > 1}
    surnames = Counter(last for _, _, last in full)
    first_names = Counter(first for _, first, _ in full)
    for c in clusters:
        for m in c.mentions:
            if len(m.text) > 1 and m.text[:1].isupper() and not (m.shouted and m.dateline):
                aliases.setdefault(m.text, c)
            if c.person and len(m.words) > 1:  # "Putin", and "Abiy" for "Abiy Ahmed"
                for word, seen in ((m.words[-1], surnames), (m.words[0], first_names)):
                    if seen[word] == 1 and len(word) > 2 and word.casefold() not in _ROLEISH:
                        aliases.setdefault(word, c)
    if not aliases:
        return
    taken = sorted([(m.char_start, m.char_end) for c in clusters for m in c.mentions] + list(excluded))
    pattern = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(
        re.escape(a) for a in sorted(aliases, key=len, reverse=True)))
    for match in pattern.finditer(doc_text(doc)):
        a, b = match.span()
        if any(x < b and a < y for x, y in taken):
            continue
        span = doc.char_span(a, b)
        if span is None or span[-1].pos_ != "PROPN" or any(t.ent_type_ and t.ent_type_ not in KEPT_LABELS
                                                           for t in span):
            continue
        c = aliases[match.group()]
        template = c.mentions[0]
        c.mentions.append(_Mention(span.start, span.end, a, b, span.text, template.label if not c.person
                                   else "PERSON"))
        taken.append((a, b))


# ---- output --------------------------------------------------------------------------------------
def _to_entity(doc, c: _Cluster) -> Entity:
    c.mentions.sort(key=lambda m: m.char_start)
    kind = _vote(c)
    titles = _titles(doc, c) if kind == "PERSON" else ()
    spans = tuple(sorted({Span(m.char_start, m.char_end) for m in c.mentions}))
    return Entity(name=_best_name(c), type=kind, titles=titles, mentions=spans)


def _titles(doc, c: _Cluster) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for m in c.mentions:
        found = []
        before = title_before(doc, m.start)
        if before:
            found.append(doc[before[0]:before[1]].text)
        appos = apposition_title(doc, m.start, m.end)
        if appos:
            found.append(appos)
        for t in found:
            seen.setdefault(t.casefold(), t)
    # "President" says nothing "U.S. President" does not
    keys = list(seen)
    return tuple(seen[k] for k in keys if not any(o != k and o.endswith(" " + k) for o in keys))
