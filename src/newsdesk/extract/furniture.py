"""Page furniture of a scraped text page, recognised line by line by its shape.

A text scrape (a copy-paste of a page, a text browser's dump) keeps every line of the page:
menus, share buttons, bylines, captions, related links, footers. Each line is described here
by what it looks like — its length, whether it reads like a sentence, how many function words
it has, whether it is a list bullet, a form widget, a rule, a repeat of another line, or a
short line naming a well-known page widget ("Share", "Subscribe", "Read more", cookies,
copyright). `text.py` then decides by place (where the body is) what to keep.

Words naming page widgets are kept as small data here, not scattered through the code; none
names a site.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# ---- small data: the vocabulary of page widgets (any site, any language we see often) ----------
WIDGET_PHRASES = (
    # sharing and following
    r"share(?: this| on| via| article| story)?", r"shares?", r"tweet", r"e-?mail(?: this)?", r"print(?: this)?",
    r"copy(?: this)? link", r"follow(?: us)?(?: on)?", r"like us on", r"pin it", r"whatsapp", r"facebook", r"twitter",
    r"linkedin", r"reddit", r"pinterest", r"flipboard", r"messenger", r"telegram",
    # accounts, paywalls, newsletters
    r"subscribe(?: now| today)?", r"sign (?:in|up)", r"log ?in", r"log ?out", r"register", r"my account",
    r"newsletters?", r"get (?:the|our) newsletter", r"already a subscriber\??", r"subscriber", r"become a member",
    # navigation and related content
    r"read more", r"see more", r"show more", r"load more", r"more stories", r"more from", r"related(?: articles| stories| content| posts| coverage| topics| tags| links)?",
    r"you may also like", r"recommended(?: for you)?", r"most (?:popular|read|viewed|shared)", r"trending(?: now)?",
    r"popular(?: posts| stories)?", r"latest(?: news| stories| posts)?", r"top stories", r"next(?: article| story| post)?",
    r"previous(?: article| story| post)?", r"back to top", r"skip to (?:main )?content", r"menu", r"search",
    r"home", r"tags?", r"topics?", r"categories", r"sections?", r"editions?", r"video", r"videos", r"photos",
    r"watch(?: now| live)?", r"listen(?: now)?", r"play", r"replay", r"advertisement", r"advert", r"sponsored(?: content| links)?",
    r"ad choices", r"adchoices", r"comments?", r"view comments", r"leave a comment", r"add a comment", r"reply",
    r"click here", r"continue reading", r"full story", r"close", r"toggle navigation", r"loading\.*",
    # footers and legal
    r"privacy(?: policy| notice| settings)?", r"cookie(?:s| policy| settings| preferences)?", r"terms(?: of (?:use|service))?",
    r"terms (?:and|&) conditions", r"contact(?: us)?", r"about(?: us)?", r"careers", r"advertise(?: with us)?", r"site ?map",
    r"accessibility", r"help", r"faq", r"rss", r"feedback", r"all rights reserved",
)
_WIDGET_LINE = re.compile(r"^(?:[\W_]*(?:" + "|".join(WIDGET_PHRASES) + r")[\W_\d]*)+$", re.I)
# Phrases that mark a line as furniture wherever they sit in a short line.
_FURNITURE_CUES = re.compile(
    r"(?i)(?:©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|\bcookies?\b.*\b(?:use|accept|consent|policy)|"
    r"\bprivacy policy\b|\bterms of (?:use|service)\b|\bsign up for\b|\bsubscribe to\b|\bnewsletter\b|"
    r"\bclick here\b|\bthis (?:slideshow|video|content) requires\b|\benable javascript\b|\bjavascript (?:is )?(?:disabled|required)\b|"
    r"\bread (?:the )?(?:full|more|next)\b|\bshare (?:this|on)\b|\bfollow (?:us|her|him|them) on\b|"
    r"\bdownload (?:the|our) app\b|\bad blocker\b|\bget (?:the|our) (?:app|newsletter)\b|"
    r"\b(?:image|photo|picture|video)\s+\d+\s+(?:of|/)\s+\d+\b|\bback to gallery\b)")
# Lines that open a readers' comment section: the story never goes on past one.
_COMMENTS_OPENER = re.compile(
    r"(?i)^(?:\d[\d,.]*\s*(?:comments?|responses?|replies|reactions|thoughts)\b.*|(?:comments?|discussion|reader comments)\s*(?:\(\d+\))?:?"
    r"|.*\b(?:leave|post|add|write|submit) (?:a|your) (?:comment|reply|response)\b.*|comments are closed\.?"
    r"|(?:join|view|read) the (?:discussion|conversation)\b.*|.*\bresponses? to [\"“].*|show comments|view comments|"
    r"(?:\d+\s+)?comments? (?:for|on) this (?:article|story|post).*)$")
_COMMENTER = re.compile(r"^(?!(?:he|she|they|it|i|we|you|who|and|but|then)\s)\S{1,40}(?:\s\S{1,20}){0,2}\s+(?:says|writes|wrote|replied):$",
                        re.I)
# Style sheets and scripts that leaked into the text ("width:100%;", ".bio-text {", "}")
_CODE = re.compile(r"^(?:[@.#]?[\w\s,.#:>()\[\]=\"'*-]{1,120}\{|\}[.;]?|[\w-]{2,40}\s*:\s*[^;{}]{1,120};(?:\s*\})?|"
                   r"(?:var|let|const|function)\s[^;]*[;{]|<!--.*|.*-->|</?\w+[^>]*>)$")
# Legal and commercial small print, however long the line: disclaimers, trademarks, affiliate notes.
_SMALL_PRINT = re.compile(
    r"(?i)\b(?:registered trademarks?|trademarks? of|all rights reserved|may not be reproduced|"
    r"without (?:the )?(?:prior |express )?written (?:permission|consent)|for (?:general )?informational purposes only|"
    r"not intended to (?:diagnose|replace|be a substitute)|(?:information|content) (?:provided|contained|published) on this "
    r"(?:web)?site|(?:may|might) (?:earn|receive) (?:a |an )?(?:commission|share of)|affiliate (?:links?|commission)|"
    r"by (?:using|continuing to use) this (?:web)?site|use of (?:this|the) (?:web)?site constitutes)\b")
# A photo credit line: "Jane Doe | Bloomberg | Getty Images", "(Photo: John Roe/AFP)", "Image: Reuters"
_PHOTO_CREDIT = re.compile(
    r"(?i)(?:\bgetty images\b|\bap photo\b|\bshutterstock\b|\bistock(?:photo)?\b|\balamy\b|\bepa(?:-efe)?\b|"
    r"^\(?(?:photo|image|picture|photograph|credit|source|illustration)s?\s*(?:credit)?\s*(?::|by\b)|"
    r"/\s*(?:afp|reuters|ap|ansa|dpa|anadolu)\b|\|\s*(?:reuters|ap|afp|bloomberg)\s*(?:\||$))")
# A heading over the page's own key points ("Key Points", "Story highlights")
KEY_POINTS_HEADING = re.compile(
    r"(?i)^(?:key (?:points|takeaways|facts)|takeaways|story highlights|highlights|at a glance|in brief|in short|"
    r"the big picture|what you need to know|the essentials|summary|tl;?dr|quick read|need to know)\s*:?$")
_BULLET = re.compile(r"^\s*(?:[•◦▪▫□■●○·‣∙◆◇►▶»*+]|-(?=\s)|\[\s*\])\s*")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?=\w)")  # an ordered-list item keeps its number
_PLACEHOLDER = re.compile(r"^(?:\s*\[[^\]]{0,80}\]\s*)+$")      # w3m's [image], [ ], [INS::INS]
_RULE = re.compile(r"^[\s\W_]*$")                              # no letter or digit at all
_TERMINAL = re.compile(r"(?:[.!?…。！？]|[.!?…,]?[\"'”’»])[\"'”’»)\]]*\s*$|:$")
_WORD = re.compile(r"\w+", re.U)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# py3langid codes -> jusText stoplist names (jusText ships function-word lists for ~100 languages)
_STOPLIST_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
    "nl": "Dutch", "ru": "Russian", "pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal",
    "nb": "Norwegian_Bokmal", "fi": "Finnish", "cs": "Czech", "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian",
    "tr": "Turkish", "id": "Indonesian", "ms": "Malay", "uk": "Ukrainian", "bg": "Bulgarian", "el": "Greek",
    "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian", "ca": "Catalan", "vi": "Vietnamese", "ar": "Arabic",
    "fa": "Persian", "he": "Hebrew", "hi": "Hindi", "ko": "Korean", "tl": "Tagalog", "et": "Estonian",
    "lv": "Latvian", "lt": "Lithuanian",
}


@lru_cache(maxsize=32)
def stoplist(language: str | None) -> frozenset[str]:
    """Function words of `language` (English when unknown); empty for languages jusText lacks."""
    import justext

    name = _STOPLIST_NAMES.get(language or "en")
    if name is None:
        return frozenset()
    try:
        return frozenset(w.casefold() for w in justext.get_stoplist(name))
    except (ValueError, OSError):
        return frozenset()


@dataclass(frozen=True)
class Line:
    """One line of the page and what its shape says."""

    index: int
    text: str               # cleaned: no bullet, single spaces
    raw: str                # as on the page (stripped)
    words: int              # word count (CJK characters count as half a word each)
    stop_density: float     # share of words that are function words
    sentence_like: bool     # reads as prose: long enough, ends like a sentence, has function words
    kind: str | None        # None (could be text) or a furniture kind: bullet, widget, rule, placeholder,
                            # cue, comments (opens a comment section), code, photo (a credit)
    blank_before: bool      # a blank line precedes it on the page

    @property
    def furniture(self) -> bool:
        return self.kind is not None


def clean(line: str) -> str:
    """Undo HTML entities a scraper left (&#39;), normalise spaces and compatibility characters."""
    if "&" in line:
        line = html.unescape(line)
    line = unicodedata.normalize("NFC", line.replace("\u00a0", " ").replace("\u200b", ""))
    return " ".join(line.split())


def count_words(text: str) -> int:
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // 2


def _is_signature(raw: str) -> bool:
    """'- Sanders.' / '- Bernie Sanders': a name signing the quote above it ('- Markets' is a list item)."""
    m = re.match(r"\s*-\s+(.+?)\s*$", raw)
    if m is None:
        return False
    words = m.group(1).rstrip(".").split()
    return 1 <= len(words) <= 4 and all(w[0].isupper() and w[0].isalpha() for w in words) \
        and (len(words) > 1 or m.group(1).endswith("."))


def describe(index: int, raw: str, blank_before: bool, stops: frozenset[str]) -> Line:
    raw = clean(raw)
    bullet = _BULLET.match(raw)
    # "- Sanders." under a quote is its signature, not a list item: the dash stays
    text = raw[bullet.end():].strip() if bullet and not _is_signature(raw) else raw.strip()
    bullet = bullet or _NUMBERED.match(raw)
    tokens = [t.casefold() for t in _WORD.findall(text)]
    words = count_words(text)
    density = (sum(t in stops for t in tokens) / len(tokens)) if tokens and stops else 0.0
    cjk_text = bool(_CJK.search(text))
    long_enough = words >= 8 or (cjk_text and len(text) >= 30)
    sentence_like = bool(long_enough and (_TERMINAL.search(text) or words >= 25)
                         and (density >= 0.15 or not stops or cjk_text)
                         and re.match(r"[\W_]*[\w\"'“‘(]", text) is not None)
    kind = None
    if text and _CODE.match(text):
        kind = "code"
    elif not text or _RULE.match(text):
        kind = "rule"
    elif _PLACEHOLDER.match(text):
        kind = "placeholder"
    elif words <= 12 and _WIDGET_LINE.match(text):
        kind = "widget"
    elif (words <= 30 and _FURNITURE_CUES.search(text)) or (words <= 150 and _SMALL_PRINT.search(text)):
        kind = "cue"
    elif words <= 14 and (_COMMENTS_OPENER.match(text) or _COMMENTER.match(text)):
        kind = "comments"
    elif words <= 14 and not sentence_like and _PHOTO_CREDIT.search(text):
        kind = "photo"
    elif bullet and not sentence_like:
        kind = "bullet"
    return Line(index, text, raw, words, density, sentence_like, kind, blank_before)


# ---- glued lines ------------------------------------------------------------------------------
_READING_TIME_GLUE = re.compile(r"(\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read)(?=[A-Z])", re.I)
_SHARE_PREFIX = re.compile(
    r"^(?:(?:share(?: this)?(?: with| on| via)?|e-?mail|facebook|messenger|twitter|pinterest|whatsapp|linkedin|"
    r"reddit|tumblr|telegram|flipboard|print|copy(?: this)? link|sms)\s*){2,}(?=[A-Z\"“])", re.I)


def split_glued(line: str) -> list[str]:
    """Pieces of furniture a scraper glued together or onto the text:
    '2 min readLast updated: ...' -> ['2 min read', 'Last updated: ...'];
    'Share this withEmailFacebook...Copy this linkThe firm said ...' -> ['The firm said ...']."""
    m = _SHARE_PREFIX.match(line)
    if m and len(line) - m.end() > 20:
        line = line[m.end():]
    return [p for p in _READING_TIME_GLUE.sub(r"\1\n", line).split("\n") if p.strip()]


def describe_page(raw: str, language: str | None) -> list[Line]:
    """Every non-blank line of the page, described."""
    stops = stoplist(language)
    lines: list[Line] = []
    blank = True
    for raw_line in raw.split("\n"):
        if not raw_line.strip():
            blank = True
            continue
        for piece in split_glued(raw_line.strip()):
            lines.append(describe(len(lines), piece, blank, stops))
            blank = False
    return lines


def repeated_texts(lines: list[Line]) -> dict[str, list[int]]:
    """Texts that occur on more than one line (headers printed twice, captions, teasers) -> where."""
    seen: dict[str, list[int]] = {}
    for ln in lines:
        key = ln.text.casefold()
        if len(key) >= 3:
            seen.setdefault(key, []).append(ln.index)
    return {k: v for k, v in seen.items() if len(v) > 1}
