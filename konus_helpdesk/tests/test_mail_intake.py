# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from email.header import Header
from email.utils import formataddr

from odoo.tests import TransactionCase, freeze_time, tagged

from .common import KonusSupportDataMixin, load_russian

ALIAS = "support-test"
DOMAIN = "konus.test"


def b64(text, charset):
    return base64.b64encode(text.encode(charset)).decode()


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestMailIntake(KonusSupportDataMixin, TransactionCase):
    """§4.1: requests by e-mail to the team alias, real RFC 822 messages
    through the mail gateway (``message_process``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        domain = cls.env["mail.alias.domain"].create({"name": DOMAIN})
        cls.env.company.alias_domain_id = domain
        cls.team.write({"alias_name": ALIAS, "alias_domain_id": domain.id})
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.email_channel = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")

    # ------------------------------------------------------------------ helpers
    def _process(self, raw):
        if isinstance(raw, str):
            raw = raw.encode()
        thread_id = self.env["mail.thread"].message_process(
            "helpdesk.ticket", raw, save_original=False
        )
        return self.Ticket.browse(thread_id) if thread_id else self.Ticket

    def _mail(
        self,
        subject,
        body,
        sender=None,
        msg_id="<m1@customer.example>",
        charset="utf-8",
        extra_headers="",
        content_type="text/plain",
    ):
        encoded_sender = sender or formataddr(
            ("Аюшеева Туяна", self.contact_a.email), charset="utf-8"
        )
        return (
            f"From: {encoded_sender}\r\n"
            f"To: {ALIAS}@{DOMAIN}\r\n"
            f"Subject: {Header(subject, charset).encode()}\r\n"
            f"Message-ID: {msg_id}\r\n"
            "Date: Wed, 25 Nov 2026 10:00:00 +0800\r\n"
            "MIME-Version: 1.0\r\n"
            f"{extra_headers}"
            f"Content-Type: {content_type}; charset={charset}\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "\r\n"
            f"{b64(body, charset)}\r\n"
        )

    def _auto_replies(self, ticket):
        return ticket.message_ids.filtered(
            lambda m: (
                m.message_type == "auto_comment" and ticket.number in (m.subject or "")
            )
        )

    # -------------------------------------------------------------- identity
    def test_own_contract_number_links_contract_and_product(self):
        ticket = self._process(
            self._mail(
                "Не проводится документ, договор № ДТП-A-1",
                "Добрый день! При проведении реализации ошибка учёта.",
            )
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.channel_id, self.email_channel)
        # In the team's queue, not given to the gateway's robot user by
        # helpdesk_mgmt's auto-assign.
        self.assertTrue(self.env.company.helpdesk_mgmt_ticket_auto_assign)
        self.assertFalse(ticket.user_id)
        self.assertEqual(ticket.partner_id, self.contact_a)
        self.assertEqual(ticket.contract_id, self.contract_a)
        # The contract covers exactly one product: it is the one.
        self.assertEqual(ticket.supported_product_id, self.product_a)
        self.assertEqual(ticket.identification_state, "incomplete")  # no steps
        # The user is identified (§1): the engineer asks for the steps, the
        # customer gets no form letter.
        self.assertFalse(self._auto_replies(ticket))
        self.assertFalse(ticket.identification_request_sent)

    def test_number_in_other_wording_and_case(self):
        # Latin "A" in the number, lower case, «сертификату», no «№».
        self.contract_a.name = "СТП-0457"
        other = self._make_contract(
            "ДТП-A-2", self.customer_a, self.product_a, self.type_remote
        )
        ticket = self._process(
            self._mail("Вопрос", "Работаем по сертификату стп-0457, помогите")
        )
        self.assertEqual(ticket.contract_id, self.contract_a)
        self.assertNotEqual(ticket.contract_id, other)

    def test_other_customers_number_never_linked_nor_revealed(self):
        load_russian(self.env)
        self.contact_a.lang = "ru_RU"
        second = self._make_contract(
            "ДТП-A-2", self.customer_a, self.product_a, self.type_remote
        )
        ticket = self._process(
            self._mail("Срочно", "Наш договор № СТП-B-1, не работает АСУ ТП")
        )
        self.assertNotEqual(ticket.contract_id, self.contract_b)
        # A has two active contracts: none is guessed.
        self.assertFalse(ticket.contract_id)
        self.assertTrue(second)
        notes = ticket.message_ids.filtered(lambda m: m.subtype_id.internal)
        self.assertIn("СТП-B-1", "".join(notes.mapped("body")))
        everything = "".join(ticket.message_ids.mapped("body"))
        self.assertNotIn(self.customer_b.name, everything)
        self.assertNotIn(self.product_b.name.split(" ")[0] + " (Б)", everything)
        reply = self._auto_replies(ticket)
        self.assertEqual(len(reply), 1)
        self.assertNotIn("СТП-B-1", reply.body)
        self.assertIn("реквизиты договора технической поддержки", reply.body)
        self.assertIn("Здравствуйте", reply.body)

    def test_names_covered_product(self):
        self.contract_a.product_ids = self.product_a | self.product_a_other
        ticket = self._process(
            self._mail("Сервер", "Договор ДТП-A-1. Не стартует «Сервер (А)» после сбоя")
        )
        self.assertEqual(ticket.contract_id, self.contract_a)
        self.assertEqual(ticket.supported_product_id, self.product_a_other)
        ticket2 = self._process(
            self._mail(
                "Ошибка", "Договор ДТП-A-1, что-то сломалось", msg_id="<m2@c.example>"
            )
        )
        self.assertFalse(ticket2.supported_product_id)

    # -------------------------------------------------------------- encodings
    def test_koi8r_and_windows1251_and_rfc2047(self):
        for charset in ("koi8-r", "windows-1251", "utf-8"):
            with self.subTest(charset=charset):
                ticket = self._process(
                    self._mail(
                        f"Не печатает чек ({charset})",
                        "Договор ДТП-A-1. Касса пишет: Ошибка ФН.",
                        charset=charset,
                        msg_id=f"<{charset}@customer.example>",
                    )
                )
                self.assertEqual(ticket.name, f"Не печатает чек ({charset})")
                self.assertIn("Ошибка ФН", ticket.description)
                self.assertEqual(ticket.contract_id, self.contract_a)

    def test_html_only_body(self):
        ticket = self._process(
            self._mail(
                "HTML",
                "<html><body><p>Сертификат <b>№ ДТП-A-1</b></p>"
                "<p>Не&nbsp;открывается отчёт</p></body></html>",
                content_type="text/html",
            )
        )
        self.assertEqual(ticket.contract_id, self.contract_a)
        self.assertIn("Не", ticket.description)

    def test_forwarded_mail(self):
        body = (
            "Пересылаю письмо бухгалтера.\n\n"
            "-------- Пересылаемое сообщение --------\n"
            "От: Бухгалтер <buh@customer.example>\n"
            "Тема: касса\n\n"
            "По договору ДТП-A-1 касса не печатает чеки.\n"
        )
        ticket = self._process(self._mail("Fwd: касса", body))
        self.assertEqual(ticket.partner_id, self.contact_a)
        self.assertEqual(ticket.contract_id, self.contract_a)

    def test_sender_without_display_name(self):
        ticket = self._process(
            self._mail("Вопрос", "договор ДТП-A-1", sender=self.contact_a.email)
        )
        self.assertEqual(ticket.partner_id, self.contact_a)
        self.assertEqual(ticket.contract_id, self.contract_a)

    # -------------------------------------------------- nothing lost, no loops
    def test_unknown_sender_becomes_unidentified_ticket_with_one_reply(self):
        ticket = self._process(
            self._mail(
                "Помогите",
                "Не работает программа, договор ДТП-A-1",
                sender="stranger@nowhere.example",
            )
        )
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.partner_id)
        self.assertFalse(ticket.contract_id)  # A's number, but not A's person
        self.assertEqual(ticket.identification_state, "unidentified")
        self.assertTrue(ticket.identification_request_sent)
        reply = self._auto_replies(ticket)
        self.assertEqual(len(reply), 1)
        mails = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", reply.id)])
        )
        self.assertIn("stranger@nowhere.example", " ".join(mails.mapped("email_to")))
        self.assertIn("auto-replied", mails[:1].headers or "")

    def test_auto_reply_goes_to_the_sender_alone_after_the_mail(self):
        """RFC 3834: the automatic answer goes to the sender only — not to a
        colleague in copy (a follower of the ticket), not to an engineer
        following it — and follows the customer's mail in the thread."""
        organisation = self.env["res.partner"].create(
            {"name": "ООО «Тест-Кяхта»", "is_company": True}
        )
        colleague = self.env["res.partner"].create(
            {
                "name": "Доржиев Баир",
                "email": "b.dorzhiev@customer-c.example",
                "parent_id": organisation.id,
            }
        )
        self.team.message_subscribe(self.engineer.partner_id.ids)
        sender = self.env["res.partner"].create(
            {
                "name": "Цыренова Дарима",
                "email": "d.tsyrenova@customer-c.example",
                "parent_id": organisation.id,
            }
        )
        ticket = self._process(
            self._mail(
                "Не формируется отчёт",
                "Добрый день, не формируется отчёт по продажам.",
                sender=formataddr(("Цыренова Дарима", sender.email), charset="utf-8"),
                extra_headers=f"Cc: {colleague.email}\r\n",
            )
        )
        self.assertEqual(ticket.partner_id, sender)
        # A colleague in copy follows (helpdesk_mgmt; see test_mail_trust).
        self.assertIn(colleague, ticket.message_partner_ids)
        reply = self._auto_replies(ticket)
        self.assertEqual(len(reply), 1)
        incoming = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertGreater(reply.id, incoming.id)
        self.assertEqual(reply.parent_id, incoming)
        self.assertEqual(reply.subtype_id, self.env.ref("mail.mt_comment"))
        mails = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", reply.id)])
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, sender)
        self.assertFalse(mails.email_to)
        self.assertIn(incoming.message_id, mails.references)
        self.assertEqual(mails.reply_to, mails.email_from)
        self.assertIn(f"{ALIAS}@{DOMAIN}", mails.reply_to)
        # Delivery status shown on the ticket, as for any notification.
        self.assertEqual(reply.notification_ids.res_partner_id, sender)
        self.assertEqual(reply.notification_ids.notification_status, "ready")
        # Nobody else is mailed the robot's answer (the engineer following
        # the team is told of the customer's mail, as usual).
        others = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            - mails
        )
        self.assertEqual(others.mail_message_id, incoming)
        self.assertNotIn(colleague, others.recipient_ids)

    def test_no_auto_reply_to_an_engineer(self):
        """An engineer forwarding a customer's mail to the alias is not asked
        for a contract number."""
        ticket = self._process(
            self._mail(
                "Fwd: не работает касса",
                "Пересылаю обращение клиента, позвоню ему сам.",
                sender=formataddr(
                    (self.engineer.name, self.engineer.email), charset="utf-8"
                ),
            )
        )
        self.assertEqual(ticket.partner_id, self.engineer.partner_id)
        self.assertEqual(ticket.identification_state, "unidentified")
        self.assertFalse(ticket.identification_request_sent)
        self.assertFalse(self._auto_replies(ticket))

    def test_reply_to_the_auto_reply_threads_into_ticket(self):
        ticket = self._process(
            self._mail("Вопрос", "что-то не так", sender="new@customer-c.example")
        )
        auto_reply = self._auto_replies(ticket)
        count = self.Ticket.search_count([])
        again = self._process(
            self._mail(
                "Re: " + auto_reply.subject,
                "Договор ДТП-A-1, шаги: открыть отчёт.",
                sender="new@customer-c.example",
                msg_id="<reply-to-robot@customer.example>",
                extra_headers=f"In-Reply-To: {auto_reply.message_id}\r\n"
                f"References: {auto_reply.message_id}\r\n",
            )
        )
        self.assertEqual(again, ticket)
        self.assertEqual(self.Ticket.search_count([]), count)
        self.assertEqual(len(self._auto_replies(ticket)), 1)

    def test_identification_request_template_needs_no_code(self):
        """Plain placeholders only: rendered without evaluating code, and any
        template editor may change the text."""
        template = self.env.ref("konus_helpdesk.mail_template_identification_request")
        self.assertFalse(template._has_unsafe_expression())
        ticket = self._process(
            self._mail("Вопрос", "<b>что-то</b> не так", sender="x@nowhere.example")
        )
        body = self._auto_replies(ticket).body
        self.assertIn(ticket.number, body)
        self.assertIn("<li>support contract or certificate number</li>", body)
        self.assertIn("dear customer", body)

    # ------------------------------------------- a new mail quoting a request
    def _quoting(self, ticket, sender, msg_id):
        return self._mail(
            f"Re: Обращение {ticket.number}",
            "Добавляю скриншот и шаги: открыть отчёт, нажать «Сформировать».",
            sender=sender,
            msg_id=msg_id,
        )

    def test_new_mail_quoting_own_request_continues_it(self):
        """No References header (lost by the mail program): the request
        number in the subject of the sender's own organisation is enough."""
        ticket = self._process(self._mail("Касса", "Договор ДТП-A-1, касса"))
        colleague = self.env["res.partner"].create(
            {
                "name": "Бадмаева Сэсэг",
                "email": "s.badmaeva@customer-a.example",
                "parent_id": self.customer_a.id,
            }
        )
        count = self.Ticket.search_count([])
        again = self._process(
            self._quoting(ticket, colleague.email, "<q1@customer.example>")
        )
        self.assertEqual(again, ticket)
        self.assertEqual(self.Ticket.search_count([]), count)
        self.assertIn(
            "нажать «Сформировать»", "".join(ticket.message_ids.mapped("body"))
        )

    def test_unknown_sender_quoting_their_request_by_address(self):
        ticket = self._process(
            self._mail("Вопрос", "что-то не так", sender="new@customer-c.example")
        )
        again = self._process(
            self._quoting(ticket, "new@customer-c.example", "<q2@customer.example>")
        )
        self.assertEqual(again, ticket)
        self.assertEqual(len(self._auto_replies(ticket)), 1)

    def test_quoting_another_customers_request_opens_a_new_one(self):
        ticket_a = self._process(self._mail("Касса", "Договор ДТП-A-1, касса"))
        count = self.Ticket.search_count([])
        other = self._process(
            self._quoting(ticket_a, self.contact_b.email, "<q3@customer.example>")
        )
        self.assertNotEqual(other, ticket_a)
        self.assertEqual(self.Ticket.search_count([]), count + 1)
        self.assertEqual(other.partner_id, self.contact_b)
        # Nothing of A's request reaches B's ticket or A's thread.
        self.assertNotIn(ticket_a.name, "".join(other.message_ids.mapped("body")))
        self.assertFalse(
            ticket_a.message_ids.filtered(lambda m: m.author_id == self.contact_b)
        )

    def test_quoting_a_closed_request_registers_a_new_one(self):
        """§5.5: a closed request is not reopened by a mail."""
        ticket = self._process(
            self._mail("Касса", "Договор ДТП-A-1, касса не печатает чеки")
        )
        ticket.steps_to_reproduce = "1. Открыть смену. 2. Пробить чек."
        ticket.stage_id = self.stages.filtered("closed")[:1]
        again = self._process(
            self._quoting(ticket, self.contact_a.email, "<q4@customer.example>")
        )
        self.assertNotEqual(again, ticket)
        self.assertEqual(again.partner_id, self.contact_a)

    def test_reply_threads_into_ticket_without_second_auto_reply(self):
        ticket = self._process(
            self._mail("Вопрос", "что-то не так", sender="new@customer-c.example")
        )
        self.assertEqual(len(self._auto_replies(ticket)), 1)
        first_message_id = ticket.message_ids.filtered(
            lambda m: m.message_type == "email"
        ).message_id
        count = self.Ticket.search_count([])
        reply = self._mail(
            "Re: Вопрос",
            "> что-то не так\nДоговор ДТП-A-1, шаги: открыть отчёт.",
            msg_id="<reply1@customer.example>",
            extra_headers=f"In-Reply-To: {first_message_id}\r\n"
            f"References: {first_message_id}\r\n",
        )
        again = self._process(reply)
        self.assertEqual(again, ticket)
        self.assertEqual(self.Ticket.search_count([]), count)
        self.assertEqual(len(self._auto_replies(ticket)), 1)

    def test_unreadable_mail_still_becomes_a_ticket(self):
        """No subject, an unknown charset with raw 8-bit bytes and a broken
        base64 part: the request is not lost."""
        raw = (
            f"From: {self.contact_a.email}\r\n"
            f"To: {ALIAS}@{DOMAIN}\r\n"
            "Message-ID: <garbled@customer.example>\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="G"\r\n\r\n'
            "--G\r\nContent-Type: text/plain; charset=x-unknown-8bit\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n"
        ).encode() + (
            "Договор ДТП-A-1: не работает".encode("cp866")
            + b"\r\n--G\r\nContent-Type: image/png\r\n"
            b'Content-Disposition: attachment; filename="err.png"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n"
            b"iVBORw0KGgo=%%%not-base64\r\n--G--\r\n"
        )
        count = self.Ticket.search_count([])
        ticket = self._process(raw)
        self.assertEqual(self.Ticket.search_count([]), count + 1)
        self.assertEqual(ticket.partner_id, self.contact_a)
        self.assertTrue(ticket.name)  # helpdesk_mgmt's "No Subject"
        self.assertEqual(ticket.channel_id, self.email_channel)
        # The text is read in the guessed charset (cp866), number and all.
        self.assertIn("не работает", ticket.description)
        self.assertEqual(ticket.contract_id, self.contract_a)

    def test_sender_without_a_valid_address(self):
        """A broken or missing From: still a ticket; no auto-reply is sent
        to an address that cannot receive it."""
        for number, sender in enumerate(("Иван Петров <не-адрес>", None)):
            with self.subTest(sender=sender):
                raw = self._mail(
                    "Не работает касса",
                    "Помогите, касса не печатает чеки.",
                    sender="x",
                    msg_id=f"<noaddr{number}@customer.example>",
                )
                raw = raw.replace(
                    "From: x\r\n", f"From: {sender}\r\n" if sender else ""
                )
                count = self.Ticket.search_count([])
                ticket = self._process(raw)
                self.assertEqual(self.Ticket.search_count([]), count + 1)
                self.assertIn("касса", ticket.description)
                self.assertFalse(self._auto_replies(ticket))

    def test_large_attachment_kept(self):
        payload = b"\x89PNG\r\n\x1a\n" + b"0" * (12 * 1024 * 1024)
        raw = (
            f"From: {self.contact_a.email}\r\n"
            f"To: {ALIAS}@{DOMAIN}\r\n"
            "Subject: screenshot\r\n"
            "Message-ID: <big@customer.example>\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n'
            "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Договор ДТП-A-1, скриншот ошибки во вложении\r\n"
            "--XX\r\nContent-Type: image/png\r\n"
            'Content-Disposition: attachment; filename="error.png"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
            + base64.encodebytes(payload).decode()
            + "\r\n--XX--\r\n"
        )
        ticket = self._process(raw)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(attachment.name, "error.png")
        self.assertEqual(attachment.file_size, len(payload))

    def test_bounce_creates_nothing(self):
        count = self.Ticket.search_count([])
        raw = (
            "From: MAILER-DAEMON@mx.customer.example\r\n"
            f"To: {ALIAS}@{DOMAIN}\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\n"
            "Message-ID: <bounce1@mx.customer.example>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status;\r\n"
            ' boundary="B"\r\n'
            "\r\n--B\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--B--\r\n"
        )
        self._process(raw)
        self.assertEqual(self.Ticket.search_count([]), count)

    def test_auto_reply_is_kept_but_not_answered(self):
        ticket = self._process(
            self._mail(
                "Автоответ: Вопрос",
                "Я в отпуске до 1 декабря.",
                extra_headers="Auto-Submitted: auto-replied\r\n",
                msg_id="<ooo@customer.example>",
            )
        )
        self.assertEqual(len(ticket), 1)  # nothing lost
        self.assertFalse(ticket.identification_request_sent)
        self.assertFalse(self._auto_replies(ticket))
