"""The candidate statement shared by the direct and indirect finders, before speakers are resolved."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Candidate:
    content: tuple[int, int]            # [start, end) into text
    kind: str                           # direct | indirect | mixed
    cue: tuple[int, int] | None = None  # the reporting verb/phrase
    subject: object = None              # spaCy Token heading the speaker phrase, if any
    passive: bool = False               # "it was reported that ...": no source
    inherit: bool = False               # a quote paragraph continuing the previous speaker's quote
    cue_token: object = None
    label: tuple[int, int] | None = None  # a transcript's speaker label ("PENCE:"): the name alone speaks

    @property
    def anchor(self) -> int:
        """Where the statement sits, for ordering and pronoun resolution."""
        return min(self.content[0], self.cue[0]) if self.cue else self.content[0]
