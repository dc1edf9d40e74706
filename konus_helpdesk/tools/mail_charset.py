# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Read the text of mails whose charset Python does not know.

A text part declared in a charset Python has no codec for (``x-unknown-8bit``,
``windows-1251x``, ``cp-1251``) stops Odoo's mail parser, and with it the
request: it never becomes a ticket. Old Russian mail programs also send 8-bit
text with no charset at all. For such parts the charset is guessed from the
bytes among the encodings Russian mail comes in (ASCII text is read as ASCII,
whatever unknown name it is given, even an empty one); parts in a known
charset are left alone.
"""

import codecs

# Russian mail encodings, UTF-8 first (it is tried strictly).
CANDIDATES = ("utf-8", "windows-1251", "koi8-r", "cp866", "iso8859-5", "mac-cyrillic")
# Russian lower-case letters: text decoded with the right codec is mostly
# made of them; the Cyrillic codecs place the alphabet differently, so a wrong
# one turns much of it into capitals and symbols.
_LOWER_CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


def is_known_charset(name):
    try:
        codecs.lookup(name)
    except (LookupError, TypeError, ValueError):
        return False
    return True


def guess_charset(data):
    """The most likely charset of ``data`` (bytes)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    return max(
        CANDIDATES[1:],
        key=lambda charset: sum(
            char in _LOWER_CYRILLIC for char in data.decode(charset, errors="replace")
        ),
    )


def repair_charsets(message):
    """Give every text part of ``message`` (an ``email.message.Message``)
    a charset Python can decode it with. Return the parts' original charsets
    that were replaced, as (declared, guessed) pairs."""
    repaired = []
    for part in message.walk():
        if part.get_content_maintype() != "text" or part.is_multipart():
            continue
        declared = part.get_param("charset")
        if declared and is_known_charset(str(declared)):
            continue
        data = part.get_payload(decode=True) or b""
        if data.isascii():
            if declared is None:
                continue
            # An unknown name (even an empty one) on ASCII text.
            guessed = "us-ascii"
        else:
            guessed = guess_charset(data)
        # Python's set_param cannot replace an empty value: remove it first.
        part.del_param("charset")
        part.set_param("charset", guessed)
        repaired.append((declared and str(declared), guessed))
    return repaired
