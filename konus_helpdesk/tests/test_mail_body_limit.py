# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import email
import email.policy

from odoo.tests import BaseCase, TransactionCase, freeze_time, tagged

from ..tools.mail_body_limit import html_beyond_parser
from .common import KonusSupportDataMixin, load_russian

ALIAS = "support-big"
DOMAIN = "konus-big.test"
TAIL = "КОНЕЦ-ПИСЬМА: договор ДТП-A-1, подпись"


class TestHtmlBeyondParser(BaseCase):
    """libxml2's limits as Odoo's HTML parser meets them."""

    def test_within_limits(self):
        self.assertFalse(html_beyond_parser("<p>" + "я" * 3_000_000 + "</p>"))
        self.assertFalse(html_beyond_parser("<div>" * 200 + "x" + "</div>" * 200))
        # Errors that lose nothing (an unknown tag, an unclosed one).
        self.assertFalse(html_beyond_parser("<p><foo>x</bar><p>y"))
        self.assertFalse(html_beyond_parser(""))

    def test_beyond_limits(self):
        # Nesting deeper than 255 levels: all below is dropped.
        self.assertTrue(
            html_beyond_parser("<div>" * 300 + "x" + "</div>" * 300 + f"<p>{TAIL}</p>")
        )
        # A text node longer than 10,000,000 characters is cut.
        self.assertTrue(html_beyond_parser("<p>" + "x" * 10_000_100 + "</p>"))


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestMailBodyLimit(KonusSupportDataMixin, TransactionCase):
    """A mail longer or deeper than what Odoo's HTML parser keeps is not cut
    silently: the request keeps the whole original and says so."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        domain = cls.env["mail.alias.domain"].create({"name": DOMAIN})
        cls.env.company.alias_domain_id = domain
        cls.team.write({"alias_name": ALIAS, "alias_domain_id": domain.id})

    def _process(self, body, content_type, msg_id, lang=None):
        raw = (
            f"From: {self.contact_a.email}\r\n"
            f"To: {ALIAS}@{DOMAIN}\r\n"
            "Subject: =?utf-8?b?0JTQu9C40L3QvdGL0Lkg0LvQvtCz?=\r\n"
            f"Message-ID: {msg_id}\r\n"
            "Date: Wed, 25 Nov 2026 10:00:00 +0800\r\n"
            "MIME-Version: 1.0\r\n"
            f"Content-Type: {content_type}; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "\r\n" + base64.encodebytes(body.encode()).decode()
        )
        # The fetchmail cron runs in its user's language.
        thread_id = (
            self.env["mail.thread"]
            .with_context(lang=lang)
            .message_process("helpdesk.ticket", raw.encode(), save_original=False)
        )
        return self.env["helpdesk.ticket"].browse(thread_id)

    def _originals(self, ticket):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("name", "=", "original_email.eml"),
            ]
        )

    def _notes(self, ticket):
        return ticket.message_ids.filtered(
            lambda m: m.subtype_id.internal and "original_email.eml" in (m.body or "")
        )

    def assertOriginalKept(self, ticket):
        self.assertEqual(len(ticket), 1)
        # The parser did cut the text shown on the request...
        self.assertNotIn(TAIL, ticket.description)
        # ...the whole original is with the request, its tail included...
        original = self._originals(ticket)
        self.assertEqual(len(original), 1)
        mail = email.message_from_bytes(original.raw, policy=email.policy.SMTP)
        self.assertIn(TAIL, mail.get_content())
        # ...and the engineer is told, once.
        note = self._notes(ticket)
        self.assertEqual(len(note), 1)
        return note

    def test_huge_plain_text(self):
        body = "Журнал ошибок:\n" + "0" * 10_100_000 + "\n" + TAIL
        ticket = self._process(body, "text/plain", "<huge-text@customer.example>")
        note = self.assertOriginalKept(ticket)
        self.assertIn("its text here is shortened", note.body)

    def test_deeply_nested_html(self):
        """A long chain of quoted replies, each in its own blockquote."""
        body = (
            "<html><body><p>Добрый день!</p>"
            + "<blockquote>Ответ" * 300
            + "</blockquote>" * 300
            + f"<p>{TAIL}</p></body></html>"
        )
        load_russian(self.env)
        ticket = self._process(
            body, "text/html", "<deep-html@customer.example>", lang="ru_RU"
        )
        note = self.assertOriginalKept(ticket)
        self.assertIn("текст здесь сокращён", note.body)

    def test_three_megabytes_are_kept_whole(self):
        """What the parser keeps needs nothing: no copy, no note."""
        body = "Журнал ошибок:\n" + "строка журнала 0123456789\n" * 120_000 + TAIL
        self.assertGreater(len(body.encode()), 3_000_000)
        ticket = self._process(body, "text/plain", "<3mb@customer.example>")
        self.assertIn(TAIL, ticket.description)
        self.assertFalse(self._originals(ticket))
        self.assertFalse(self._notes(ticket))
