"""Wire-copy conventions shared by HTML and text pages: the dateline and the credit lines.

A wire story opens with a dateline ("MOSCOW (Reuters) -", "WASHINGTON, Feb 21 (AP) —",
"(Bloomberg) --", "NAIROBI, Kenya (AP) _") and often closes with credit lines
("(Reporting by A and B; Writing by C; Editing by D)", "— With assistance from X.",
"Associated Press writer X contributed to this report."). Both are page furniture for the
reader of `Article.text`: they move into `Article.dateline` / `Article.agency` and
`Article.credits`, and leave the text. This runs at extraction time, before any span exists,
so removing text shifts no offset.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.model import Article, Credit, Dateline

# ---- agencies -------------------------------------------------------------------------------
# How agencies write themselves -> the one name we report. Unknown agencies keep their own
# spelling (a dateline's parenthesis is reliable enough on its own).
AGENCY_NAMES = {
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg",
    "xinhua": "Xinhua", "xinhua news agency": "Xinhua",
    "dpa": "dpa", "deutsche presse-agentur": "dpa",
    "upi": "UPI", "united press international": "UPI",
    "pa": "PA", "press association": "PA", "pa media": "PA",
    "ansa": "ANSA", "efe": "EFE", "kyodo": "Kyodo", "kyodo news": "Kyodo",
    "yonhap": "Yonhap", "tass": "TASS", "itar-tass": "TASS", "interfax": "Interfax",
    "ria novosti": "RIA Novosti", "pti": "PTI", "ians": "IANS", "ani": "ANI", "aap": "AAP",
    "cp": "CP", "canadian press": "CP", "the canadian press": "CP", "anadolu": "Anadolu",
    "anadolu agency": "Anadolu", "kuna": "KUNA", "wam": "WAM", "bernama": "Bernama",
    "cnn": "CNN", "cnn business": "CNN", "nyt": "NYT", "the new york times": "NYT",
}
# Agency names that may appear in a byline or a credit tail ("Photo: X/AFP") to name the wire.
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCY_NAMES if len(k) > 2 or k in ("ap",)),
                              key=len, reverse=True))


def normalize_agency(name: str | None) -> str | None:
    if not name:
        return None
    key = " ".join(name.replace("\u2019", "'").split()).strip(" .").casefold()
    return AGENCY_NAMES.get(key) or (" ".join(name.split()) if key else None)


# ---- the dateline -----------------------------------------------------------------------------
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
# A place in capitals ("MOSCOW", "DAR ES SALAAM", "ST. LOUIS", "THE HAGUE"), then perhaps a region
# in any case ("Kenya", "N.Y.", "United Arab Emirates").
_CAPS_PLACE = r"[A-Z][A-Z.'\u2019-]*(?:\s+[A-Z][A-Z.'\u2019-]*){0,4}"
_REGION = r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}"
_ANY_PLACE = r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}"  # "Hong Kong" before "(CNN)"
_AGENCY = r"\(\s*(?P<agency>[A-Za-z][\w.&'\u2019 -]{0,40}?)\s*\)"
_SEP = r"(?:\s*(?:--|—|–|-|_|:)\s*|\s*(?=[A-Z\"\u201c]))"

DATELINE_PATTERNS = (
    # PLACE[, Region][, Date] (Agency) SEP  -- the agency makes a mixed-case place acceptable
    re.compile(rf"^(?P<place>{_ANY_PLACE}(?:,\s+{_REGION})?)(?:,\s+(?P<date>{_DATE}))?\s*{_AGENCY}{_SEP}"),
    # (Agency) SEP at the very start: Bloomberg, Xinhua briefs; CNN glues it to the first word
    re.compile(rf"^\(\s*(?P<agency>{_AGENCY_ALT})\s*\)(?:\s*(?:--|—|–|-|_|:)\s*|(?=(?-i:[A-Z])|[\"\u201c]))", re.I),
    # PLACE[, Region][, Date] SEP without an agency: only a place in capitals, and a real dash
    re.compile(rf"^(?P<place>{_CAPS_PLACE}(?:,\s+{_REGION})?)(?:,\s+(?P<date>{_DATE}))?"
               r"\s*(?:--|—|–|_|\s-)\s*"),
)
_NOT_PLACES = {"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "CORRECTED", "WATCH", "VIDEO", "PHOTOS",
               "OPINION", "ANALYSIS", "EDITOR'S NOTE", "NOTE", "FILE", "PHOTO", "LIVE", "REVIEW"}


@dataclass(frozen=True)
class DatelineMatch:
    dateline: Dateline
    end: int  # where the story proper starts in the paragraph


def find_dateline(paragraph: str) -> DatelineMatch | None:
    """The dateline at the start of `paragraph`, if it has one."""
    head = paragraph[:160]
    for pattern in DATELINE_PATTERNS:
        m = pattern.match(head)
        if not m:
            continue
        groups = m.groupdict()
        place = (groups.get("place") or "").strip(" ,") or None
        agency = normalize_agency(groups.get("agency"))
        if place and (place.upper() in _NOT_PLACES or len(place) < 2):
            continue
        letters = [c for c in (place or "").split(",")[0] if c.isalpha()]
        in_capitals = len(letters) >= 3 and all(c.isupper() for c in letters)
        known_agency = (groups.get("agency") or "").strip().casefold() in AGENCY_NAMES
        # a place in mixed case ("Hong Kong (CNN)") needs a known agency; without an agency the
        # place must be in capitals
        if place and not in_capitals and not known_agency:
            continue
        if groups.get("agency") and groups["agency"][0].islower() and not known_agency:
            continue  # "(see below)" is no agency; "(dpa)" is
        if agency and len(agency.split()) > 4:
            continue
        rest = paragraph[m.end():]
        # the story must go on after the dateline (or the dateline stands alone as a paragraph)
        if rest.strip() and not re.match(r"[\"'\u201c\u2018(\[]?[\w$£€]", rest.lstrip()):
            continue
        return DatelineMatch(Dateline(place=place, agency=agency, date=groups.get("date")), m.end())
    return None


# ---- credit lines -----------------------------------------------------------------------------
ROLE_WORDS = (  # (pattern of the phrase before the names, role); the first match wins
    (r"additional reporting(?: by)?|additional writing by|contributing reporting by", "additional reporting"),
    (r"(?:with )?(?:editing|edited) by|editor(?:s)?:", "editing"),
    (r"(?:writing|written|compiled|writing and editing) by|writer:", "writing"),
    (r"(?:reporting|reported|reports?) by|reporter(?:s)?:|with reporting by|according to reporting by",
     "reporting"),
    (r"(?:photos?|photographs?|photography|pictures?|images?) by|photos?:|photo credit:", "photo"),
    (r"with assistance (?:from|by)|assistance by", "additional reporting"),
    (r"(?:graphics?|video) by", "photo"),
)
_ROLE_RE = re.compile(r"(?i)\b(" + "|".join(p for p, _ in ROLE_WORDS) + r")\s*")
_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|(?:de|da|van|von|der|den|al|bin|le|la|del|di|dos)\b))*"
_NAME_RE = re.compile(_NAME)
# A whole paragraph that is a credit list: "(Reporting by ...; Editing by ...)" or without brackets.
_CREDIT_BLOCK = re.compile(
    rf"^[\[(]?\s*(?:{'|'.join(p for p, _ in ROLE_WORDS)})\s+[A-Z].*[\])]?\s*\.?$", re.I | re.S)
_AP_CONTRIB = re.compile(
    r"^(?:The\s+)?(?:Associated Press|AP|Reuters|AFP|Bloomberg)\s+(?:writers?|reporters?|correspondents?|"
    r"journalists?|videographers?|photographers?|researchers?)\s+(?P<names>.+?)\s+contributed"
    r"(?:\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article))?(?:\s+from\s+[^.]+)?\.?$", re.I)
_CONTRIB = re.compile(r"^(?P<names>[A-Z][^.;]{2,120}?)\s+contributed\s+(?:reporting|to\s+this\s+(?:report|story))"
                      r"(?:\s+from\s+[^.]+)?\.?$")
_BLOOMBERG_ASSIST = re.compile(r"^[—–-]+\s*With assistance (?:from|by)\s+(?P<names>.+?)\.?$", re.I)
_CONTACT = re.compile(r"^To contact the (?P<who>reporters?|editors?)[^:]*:\s*(?P<names>.+)$", re.I)
_PHOTO_LINE = re.compile(r"^[(\[]?\s*(?:Photo|Photograph|Picture|Image)s?(?: credit)?\s*(?::|by)\s*"
                         r"(?P<names>[^()\[\]]{2,80}?)\s*[)\]]?\s*$", re.I)
_AFP_SLUG = re.compile(r"^(?:[a-z]{2,6}(?:-[a-z]{2,6})?/){1,4}[a-z]{2,6}$")  # "jm/arb", "bur-jm/rl"


def _split_names(s: str) -> list[str]:
    """'Mark Trevelyan and Felix Light in Moscow' -> ['Mark Trevelyan', 'Felix Light']."""
    s = re.sub(r"\s+", " ", s).strip(" .;,()[]")
    s = re.sub(r"\s*/\s*(?:" + _AGENCY_ALT + r"|Getty Images?|Shutterstock)\b.*$", "", s, flags=re.I)
    s = re.sub(r",\s*(?:" + _AGENCY_ALT + r")\s*$", "", s, flags=re.I)
    s = re.sub(r"\s+at\s+\S+@\S+", "", s)  # "X in Paris at x@bloomberg.net"
    names = []
    for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", s):
        part = re.sub(r"\s+(?:in|from|at)\s+[A-Z].*$", "", part).strip(" .")
        m = _NAME_RE.match(part)
        if m and m.group(0) == part and 1 <= len(part.split()) <= 5 and not part.isupper():
            names.append(part)
    return names


def parse_credits(paragraph: str) -> list[Credit] | None:
    """The credits of a paragraph that is nothing but a credit line; None if it is anything else."""
    p = " ".join(paragraph.split())
    if not p or len(p) > 400:
        return None
    for pattern, role_of in ((_AP_CONTRIB, "additional reporting"), (_CONTRIB, "additional reporting"),
                             (_BLOOMBERG_ASSIST, "additional reporting")):
        m = pattern.match(p)
        if m:
            names = _split_names(m.group("names"))
            return [Credit(role_of, n) for n in names] or None
    m = _CONTACT.match(p)
    if m:
        role = "editing" if m.group("who").lower().startswith("editor") else "reporting"
        return [Credit(role, n) for n in _split_names(m.group("names"))] or None
    m = _PHOTO_LINE.match(p)
    if m:
        return [Credit("photo", n) for n in _split_names(m.group("names"))] or None
    if not _CREDIT_BLOCK.match(p):
        return None
    inner = p.strip(" .").strip("()[]")
    credits: list[Credit] = []
    hits = list(_ROLE_RE.finditer(inner))
    if not hits or hits[0].start() > 0:
        return None
    for k, hit in enumerate(hits):
        phrase = hit.group(1).lower()
        role = next(r for pat, r in ROLE_WORDS if re.fullmatch(pat, phrase.strip()))
        chunk = inner[hit.end(): hits[k + 1].start() if k + 1 < len(hits) else len(inner)]
        credits += [Credit(role, n) for n in _split_names(chunk)]
    return credits or None


def is_credit_line(paragraph: str) -> bool:
    return parse_credits(paragraph) is not None


_TRAILING_CREDIT = re.compile(r"\s*(\((?:Reporting|Writing|Editing|Additional reporting|Compiled)\s+by\s[^()]+\))\s*$",
                              re.I)


# ---- applying both ------------------------------------------------------------------------------
def apply_wire_conventions(article: Article) -> Article:
    """Move a dateline ("MOSCOW (Reuters) -") and credit lines ("(Reporting by ...)") out of the body."""
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    if not paragraphs:
        return article
    changes: dict = {}

    # the dateline opens the first paragraph, or stands alone as the first paragraph
    found = find_dateline(paragraphs[0])
    if found:
        rest = paragraphs[0][found.end:].strip()
        if rest:
            paragraphs[0] = rest
        elif len(paragraphs) > 1:
            paragraphs.pop(0)
        else:
            found = None
    if found:
        changes["dateline"] = found.dateline
        if found.dateline.agency and not article.agency:
            changes["agency"] = found.dateline.agency

    # credit lines: whole paragraphs anywhere after the lede, or glued to the end of the last one
    credits: list[Credit] = list(article.credits)
    kept = []
    for i, p in enumerate(paragraphs):
        parsed = parse_credits(p) if i > 0 or len(paragraphs) == 1 else None
        if parsed is not None:
            credits += [c for c in parsed if c not in credits]
            continue
        if i > 0 and _AFP_SLUG.match(p.strip()):
            continue
        kept.append(p)
    if kept:
        m = _TRAILING_CREDIT.search(kept[-1])
        if m and m.start() > 0:
            parsed = parse_credits(m.group(1))
            if parsed:
                credits += [c for c in parsed if c not in credits]
                kept[-1] = kept[-1][:m.start()].rstrip()
    if len(credits) != len(article.credits):
        changes["credits"] = tuple(credits)
        if not article.agency and "agency" not in changes:
            agency = _agency_from_credit_lines(paragraphs, kept)
            if agency:
                changes["agency"] = agency
    if not kept:
        return article.replace(**changes) if changes else article
    text = "\n\n".join(kept)
    if text != article.text:
        changes["text"] = text
    return article.replace(**changes) if changes else article


def _agency_from_credit_lines(before: list[str], after: list[str]) -> str | None:
    """'Associated Press writer X contributed' names its agency."""
    for p in before:
        if p in after:
            continue
        m = re.match(r"^(?:The\s+)?(Associated Press|AP|Reuters|AFP|Bloomberg)\s+(?:writer|reporter|correspondent)",
                     p.strip(), re.I)
        if m:
            return normalize_agency(m.group(1))
    return None
