# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Recognise mails written by robots (RFC 3834 and the de-facto headers of
auto-responders), so that the support desk never answers them automatically:
an auto-reply to an auto-reply is a mail loop."""

_BULK_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_ROBOT_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Reply")


def is_automatic_mail(headers):
    """``headers`` is an ``email.message.Message`` (or any mapping with
    ``get``).  Return True for auto-replies, vacation notices, mailing lists
    and bulk mail."""
    auto_submitted = (headers.get("Auto-Submitted") or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if (headers.get("Precedence") or "").strip().lower() in _BULK_PRECEDENCE:
        return True
    if headers.get("List-Id") or headers.get("List-Unsubscribe"):
        return True
    return any(headers.get(name) for name in _ROBOT_HEADERS)
