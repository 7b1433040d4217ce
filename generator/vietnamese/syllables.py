"""Is a token a Vietnamese syllable? Onset + rhyme + one tone, from data.

Glued words ("tụcthực", "ủytrao") and many typos are not syllables; the
rules (onsets, rhymes, which rhymes take which tones) are in
``config/vietnamese/syllables.yaml``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from generator.caches import bounded, cached
from generator.inputs.loading import load_yaml
from generator.resources import config_dir

#: Combining marks of the five tones (huyền, sắc, ngã, hỏi, nặng).
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_CHECKED_TONES = {"\u0301", "\u0323"}  # the only tones of a syllable closed by p, t, c, ch


@dataclass(frozen=True)
class Rules:
    onsets: tuple[str, ...]
    rhymes: frozenset[str]
    stop_codas: tuple[str, ...]
    y_rhyme_onsets: frozenset[str]
    known_words: frozenset[str]


@cached
def rules() -> Rules:
    data = load_yaml(config_dir() / "vietnamese" / "syllables.yaml").data
    return Rules(
        onsets=tuple(sorted(data["onsets"], key=len, reverse=True)),
        rhymes=frozenset(unicodedata.normalize("NFC", r) for r in data["rhymes"]),
        stop_codas=tuple(data["stop_codas"]),
        y_rhyme_onsets=frozenset(data["y_rhyme_onsets"]),
        known_words=frozenset(w.casefold() for w in data["known_words"]),
    )


def split_tone(token: str) -> tuple[str, list[str]]:
    """The token lower-cased without its tone marks, and the tone marks it had."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    tones = [ch for ch in decomposed if ch in TONES]
    base = "".join(ch for ch in decomposed if ch not in TONES)
    return unicodedata.normalize("NFC", base), tones


@bounded(1 << 16)
def is_syllable(token: str) -> bool:
    """Cached (with the rules it reads, cleared with them): a text is made of a few
    thousand syllables, each met again and again (a 200-meeting digest asks 52,000 times
    of 3,000 tokens)."""
    base, tones = split_tone(token)
    if len(tones) > 1 or not base:
        return False
    r = rules()
    for onset in r.onsets:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if onset == "gi" and rhyme == "":
            return True  # "gì"
        if rhyme not in r.rhymes and not (onset == "gi" and "i" + rhyme in r.rhymes):
            continue
        if rhyme.endswith(r.stop_codas) and tones and tones[0] not in _CHECKED_TONES:
            continue
        if rhyme.startswith("yê") and onset not in r.y_rhyme_onsets:
            continue
        return True
    return False


def is_acceptable_word(token: str, extra: frozenset[str] = frozenset()) -> bool:
    """A syllable, an abbreviation in capitals (MTTQ, HĐND), a letter, or a known word."""
    if token.isupper() or len(token) == 1:
        return True
    folded = token.casefold()
    return folded in rules().known_words or folded in extra or is_syllable(token)


def split_glued(token: str) -> tuple[str, str] | None:
    """Where a token splits into two syllables, if it does ("tụcthực" → "tục", "thực").

    The longest first syllable wins: "Tỉnhủy" is "Tỉnh ủy", not "Tỉ nhủy".
    """
    for cut in range(len(token) - 1, 0, -1):
        left, right = token[:cut], token[cut:]
        if is_syllable(left) and is_syllable(right):
            return left, right
    return None
