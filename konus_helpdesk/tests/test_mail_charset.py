# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import email
import email.policy

from odoo.tests import BaseCase, tagged

from odoo.addons.konus_helpdesk.tools.mail_charset import (
    guess_charset,
    is_known_charset,
    repair_charsets,
)

TEXT = "Добрый день! По договору ДТП-001/2026 не проводится документ."


@tagged("post_install", "-at_install")
class TestMailCharset(BaseCase):
    """Mails in charsets Python does not know are read, not lost."""

    def test_guess_russian_encodings(self):
        for charset in ("utf-8", "windows-1251", "koi8-r", "cp866", "iso8859-5"):
            with self.subTest(charset=charset):
                data = TEXT.encode(charset)
                self.assertEqual(data.decode(guess_charset(data)), TEXT)

    def test_known_charsets(self):
        self.assertTrue(is_known_charset("Windows-1251"))
        self.assertTrue(is_known_charset("KOI8-R"))
        self.assertFalse(is_known_charset("x-unknown-8bit"))
        self.assertFalse(is_known_charset(""))

    def _message(self, content_type, body):
        raw = (
            b"From: a@customer.example\r\nTo: support@konus.test\r\n"
            b"Subject: test\r\nMIME-Version: 1.0\r\n"
            + f"Content-Type: {content_type}\r\n".encode()
            + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
            + body
        )
        return email.message_from_bytes(raw, policy=email.policy.SMTP)

    def test_repair_unknown_and_missing_charsets(self):
        unknown = self._message(
            "text/plain; charset=x-unknown-8bit", TEXT.encode("koi8-r")
        )
        self.assertEqual(repair_charsets(unknown), [("x-unknown-8bit", "koi8-r")])
        self.assertEqual(unknown.get_content().strip(), TEXT)
        missing = self._message("text/plain", TEXT.encode("windows-1251"))
        self.assertEqual(repair_charsets(missing), [(None, "windows-1251")])
        self.assertEqual(missing.get_content().strip(), TEXT)

    def test_known_charset_left_alone(self):
        # Even when the declared charset is wrong: the sender said so.
        message = self._message(
            "text/plain; charset=windows-1251", TEXT.encode("windows-1251")
        )
        self.assertEqual(repair_charsets(message), [])
        ascii_only = self._message("text/plain", b"Hello")
        self.assertEqual(repair_charsets(ascii_only), [])
