# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contract and certificate numbers written by customers in their mails (§4.4).

Customers write «сертификат № СТП-2025-0042», «по договору ТП-14/2026», «Contract
No. TP-14/2026» or just paste the number. These functions find the candidates in a
subject or body; the model decides what a candidate may link (only a contract of the
sender's own organisation).  No database access here.
"""

import re

# «договор», «договора», «договору», «сертификат», «сертификата» …, English too.
_KEYWORD = r"(?:договор\w*|дог\.|сертификат\w*|серт\.|contract|certificate|agreement)"
_MARK = r"(?:№|N[o°º]?\.?|#|номер|number)?"
_NUMBER = r"([0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё/\-_.]*[0-9A-Za-zА-Яа-яЁё])"
_AFTER_KEYWORD = re.compile(
    _KEYWORD + r"[\s:]*" + _MARK + r"[\s:]*" + _NUMBER, re.IGNORECASE
)


_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")


def _fold(text):
    return (text or "").upper().translate(_LOOKALIKES)


def normalize_number(number):
    """Compare numbers the way people write them: case, spaces and the
    Cyrillic/Latin look-alike letters (А/A, С/C, Т/T …) do not matter."""
    return re.sub(r"\s+", "", _fold(number))


def extract_contract_numbers(text):
    """Return the numbers written after a contract/certificate keyword, in the
    order they appear, without duplicates.  A candidate must contain a digit:
    «договор поставки» is no number."""
    found = []
    for match in _AFTER_KEYWORD.finditer(text or ""):
        number = match.group(1).strip(".-_/")
        if any(char.isdigit() for char in number) and number not in found:
            found.append(number)
    return found


def find_known_numbers(text, numbers):
    """Return those of ``numbers`` that appear in ``text`` as whole tokens,
    however the customer wrote them (no keyword needed)."""
    haystack = _fold(text)
    result = []
    for number in numbers:
        needle = normalize_number(number)
        if not needle:
            continue
        pattern = r"(?<![\w/\-])" + re.escape(needle) + r"(?![\w/\-])"
        if re.search(pattern, haystack):
            result.append(number)
    return result


# A request number as helpdesk_mgmt's sequences make them: a short prefix and
# digits (HT00042), not part of a longer token such as a contract's ДТП-001/2026.
_TICKET_NUMBER = re.compile(r"(?<![\w/\-])([^\W\d_]{1,6}[-_]?\d{3,})(?![\w/\-])")


def extract_ticket_numbers(text):
    """Return the request numbers a subject quotes («Re: Обращение HT00042»),
    each as written (upper case) and with look-alike letters folded, without
    duplicates: a customer may type the prefix in Cyrillic."""
    found = []
    for match in _TICKET_NUMBER.finditer(text or ""):
        for number in (match.group(1).upper(), _fold(match.group(1))):
            if number not in found:
                found.append(number)
    return found
