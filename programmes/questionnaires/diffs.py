"""What changed between two submitted versions of an answer, word by word (the comparison page)."""

import difflib


def word_diff(old, new):
    """[(op, text)] with op in {"same", "removed", "added"}: the words that changed between versions."""
    old_words, new_words = old.split(" "), new.split(" ")
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    parts = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("removed", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(("added", " ".join(new_words[b1:b2])))
    return parts
