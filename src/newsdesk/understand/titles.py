"""Roles written next to a person's name: "Kremlin spokesman Dmitry Peskov", "Peskov, the Kremlin
spokesman,", "U.S. Secretary of State Marco Rubio".

The knowledge is small data (role words, the lowercase words that may modify them, the portfolios
that follow "of"); the code only walks the tokens around a name. Used by `entities` to give each
person its `titles`, to cut a title the model swallowed into a name, and as evidence that a
mention is a PERSON.
"""
from __future__ import annotations

# Words that name a role or office (lowercase). A title must contain one of them.
ROLE_WORDS = frozenset("""
president vice-president president-elect premier chancellor minister secretary spokesman spokeswoman
spokesperson ambassador envoy diplomat senator sen. congressman congresswoman congressmember representative
rep. lawmaker legislator mp mep governor gov. mayor councillor councilor councilman councilwoman speaker
king queen prince princess emperor empress monarch pope cardinal archbishop bishop rabbi imam cleric
ayatollah sheikh emir sultan crown chairman chairwoman chairperson chair ceo cfo coo cto founder co-founder
owner director manager executive head chief leader commander gen. admiral adm. colonel col.
lieutenant lt. major maj. sergeant sgt. captain capt. officer commissioner sheriff superintendent inspector
detective judge justice magistrate attorney prosecutor lawyer counsel solicitor barrister adviser advisor
aide official economist analyst strategist professor prof. researcher scientist doctor surgeon coach
striker midfielder defender goalkeeper quarterback pitcher player captain forward athlete
journalist reporter correspondent editor columnist author novelist writer actor actress singer rapper
musician director producer artist candidate nominee negotiator mediator regulator auditor treasurer
governor-general administrator deputy ombudsman registrar dean principal provost rector president
rapporteur secretary-general spokesperson activist campaigner organiser organizer founder chef
moderator host anchor presenter commentator pundit comedian filmmaker photographer designer architect
engineer physician nurse pastor priest reverend ecologist biologist physicist chemist historian
epidemiologist virologist psychologist sociologist anthropologist climatologist geologist astronomer
mathematician philosopher banker investor entrepreneur businessman businesswoman billionaire
""".split())

# Lowercase words that may stand inside a title before the role word ("press secretary",
# "foreign minister", "former president"); capitalised words are allowed anyway.
ROLE_MODIFIERS = frozenset("""
former acting interim deputy assistant associate senior junior chief vice prime foreign defense defence
finance economy economic trade interior home health energy justice press communications campaign
executive general top lead managing national federal state regional local provincial presidential
military army navy police security intelligence policy special first then incumbent outgoing incoming
co elected opposition party group company bank central
""".split())

# What may follow "of" in a title ("Secretary of State", "Minister of Foreign Affairs", "Chief of Staff").
PORTFOLIO_WORDS = frozenset("""
state defense defence foreign affairs interior justice treasury finance health energy commerce labor
labour education agriculture transport transportation homeland security home economy trade environment
housing culture staff war veterans the public works industry information communications
""".split())

# Words that may close a title after its role word ("Secretary General", "President-elect").
POST_ROLE = frozenset(["general", "elect", "designate", "emeritus"])

HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss mx mx. dr dr. sir dame lord lady madam majesty highness"
                       " excellency".split())

_CONNECTORS = frozenset(["of", "'s", "’s", "-"])
_MAX_TITLE_TOKENS = 8


def is_role(token) -> bool:
    return token.lower_ in ROLE_WORDS


def is_title_token(token) -> bool:
    """A word that may belong to a title: a role, a role modifier or a capitalised proper word."""
    low = token.lower_
    if low in ROLE_WORDS or low in ROLE_MODIFIERS:
        return True
    return token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ") and low not in HONORIFICS


def title_before(doc, start: int) -> tuple[int, int] | None:
    """The token range [i, start) of a title written right before the name at token `start`.

    Walks left over role words, their modifiers, capitalised words and "of"; keeps the stretch only
    when it holds a role word, and trims it so it begins with a word and ends with the role (or
    the role's "of ..." complement).
    """
    i = start
    while i > 0 and start - i < _MAX_TITLE_TOKENS:
        tok = doc[i - 1]
        if tok.is_sent_start and not is_title_token(tok):
            break
        if tok.lower_ in _CONNECTORS and i < start and i - 2 >= 0 and not doc[i - 2].is_punct:
            i -= 1
            continue
        if not is_title_token(tok) or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERSON"):
            break
        i -= 1
    while i < start and doc[i].lower_ in _CONNECTORS:
        i += 1
    roles = [k for k in range(i, start) if is_role(doc[k])]
    if not roles:
        return None
    last = roles[-1]
    # after the last role only an "of <portfolio>" complement may follow
    tail = [t for t in doc[last + 1:start] if t.lower_ not in POST_ROLE and t.text != "-"]
    if tail and not (tail[0].lower_ == "of" and all(t.lower_ in PORTFOLIO_WORDS or t.text[:1].isupper()
                                                    for t in tail[1:])):
        return None
    return (i, start)


def split_swallowed_title(doc, start: int, end: int) -> int:
    """For a name span [start, end) that swallowed its title ("Kremlin spokesman Dmitry Peskov"),
    the token where the name proper begins; `start` when there is no title inside or what follows
    the title does not look like a personal name ("Sheriff's Office", "General Assembly")."""
    if start >= 2 and doc[start - 1].lower_ in ("of", "from") and is_role(doc[start - 2]) and end - start >= 3 \
            and looks_like_personal_name(doc[start + 1:end]):
        return start + 1    # "Prime Minister of [India Narendra Modi]", "Senator from [Vermont Bernie Sanders]"
    cut = start
    for k in range(start, end - 1):
        tok = doc[k]
        if tok.lower_ in HONORIFICS or is_role(tok):
            cut = k + 1
        elif not (is_title_token(tok) or tok.lower_ in _CONNECTORS or tok.lower_ in POST_ROLE):
            break
    if cut == start:
        return start
    while cut < end - 1 and doc[cut].lower_ in POST_ROLE | {"-"}:
        cut += 1
    if cut < end - 1 and doc[cut].lower_ == "of":  # "Secretary of State Marco Rubio"
        cut += 1
        while cut < end - 1 and doc[cut].lower_ in PORTFOLIO_WORDS:
            cut += 1
    rest = doc[cut:end]
    # a name after the title: "President Trump" (tagged PERSON) or "spokesman Dmitry Peskov"; not
    # "Henderson Executive Airport" (a one-word rest of a place or an org)
    if looks_like_personal_name(rest) and (len(rest) > 1 or doc[start].ent_type_ == "PERSON"):
        return cut
    return start


def looks_like_personal_name(span) -> bool:
    """Capitalised words (and name particles: "bin", "de", "van"), nothing else."""
    if not len(span) or not span[0].text[:1].isupper():
        return False
    return all((t.text[:1].isupper() and not (t.is_upper and len(t) > 2 and t.is_alpha))
               or t.lower_ in _NAME_PARTICLES or t.text in ("-", ".")
               or (t.i > span.start and span.doc[t.i - 1].text == "-" and t.is_alpha)  # "Yu Hoi-kwan"
               for t in span)


_NAME_PARTICLES = frozenset("bin bint ibn al el de del della der di da dos du la le van von y".split())


def _plausible(span) -> bool:
    """A title is made of roles, their modifiers, capitalised words and small linking words."""
    return any(is_role(t) for t in span) and all(
        is_title_token(t) or t.lower_ in _CONNECTORS or t.lower_ in _LINKS or t.lower_ in POST_ROLE
        for t in span)


_LINKS = frozenset("the for at to in and on".split())


def apposition_title(doc, start: int, end: int) -> str | None:
    """'Peskov, the Kremlin spokesman,' or 'The Kremlin spokesman, Dmitry Peskov,' -> the role text."""
    span = doc[start:end]
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end and is_role(child):
            return _phrase(doc, child)
    head = root.head
    if root.dep_ == "appos" and head.i < start and is_role(head):
        return _phrase(doc, head)
    return None


def _phrase(doc, head) -> str | None:
    """The role noun with its modifiers and "of/for ..." complement, without clauses or articles."""
    keep = [head]
    for child in head.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss", "case") and child.i < head.i:
            keep.extend(child.subtree)
        elif child.dep_ == "prep" and child.i > head.i and child.lower_ in ("of", "for", "at", "to"):
            keep.extend(child.subtree)
    kept = {t.i for t in keep}
    lo = hi = head.i  # the contiguous block of kept words around the role noun
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    hi += 1
    if hi - lo > _MAX_TITLE_TOKENS + 2:
        return None
    words = doc[lo:hi]
    return words.text.strip(" ,;") if _plausible(words) else None
