# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from email.header import Header
from email.utils import formataddr

from odoo import http
from odoo.tests import (
    Form,
    HttpCase,
    TransactionCase,
    freeze_time,
    new_test_user,
    tagged,
)

from .common import KonusSupportDataMixin, load_russian

ALIAS = "support-test"
DOMAIN = "konus.test"
PHONE = "8 (3012) 43-72-33, 8 (3012) 43-72-44, доб. 112"
HEAD = "head-of-support@konus.test"
# What helpdesk_mgmt's own stage mails say.
OCA_CLOSED = "has been closed"


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestCustomerMail(KonusSupportDataMixin, TransactionCase):
    """The mails a customer receives from the regulation's team: the
    acknowledgement of a new request and the closing mail — written for the
    customer, in their language, to them alone, threaded in the request —
    and the §4.5 information request shipped for the engineer's action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        env = cls.env
        domain = env["mail.alias.domain"].create({"name": DOMAIN})
        env.company.write(
            {
                "alias_domain_id": domain.id,
                "konus_support_phone": PHONE,
                "konus_support_head_email": HEAD,
            }
        )
        cls.team.write(
            {
                "alias_name": ALIAS,
                "alias_domain_id": domain.id,
                "user_ids": [(4, cls.engineer.id)],
                "acknowledgement_template_id": env.ref(
                    "konus_helpdesk.mail_template_customer_new"
                ).id,
                "closing_template_id": env.ref(
                    "konus_helpdesk.mail_template_customer_closed"
                ).id,
                "decline_template_id": env.ref(
                    "konus_helpdesk.mail_template_customer_declined"
                ).id,
            }
        )
        cls.Ticket = env["helpdesk.ticket"]
        cls.done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.rejected = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected")
        cls.cancelled = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls.misuse = env["konus.deferral.reason"].search(
            [("code", "=", "misuse")], limit=1
        )
        cls.in_progress = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        # A colleague of the customer and an engineer follow the requests.
        cls.colleague = env["res.partner"].create(
            {
                "name": "Бальжинимаева Оюна",
                "email": "o.balzhinimaeva@customer.example",
                "parent_id": cls.customer_a.id,
            }
        )
        cls.other_engineer = new_test_user(
            env,
            login="engineer-2",
            groups="konus_helpdesk.group_support_engineer",
            name="Очирова Саяна",
            email="s.ochirova@konus.test",
        )

    # ------------------------------------------------------------------ helpers
    def _end_transaction(self):
        """What happens at the end of the request's transaction: the tracking
        of the stage, and with it the stage mails."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _new_ticket(self, **values):
        ticket = (
            self.Ticket.with_user(self.engineer)
            .create(self._identified_ticket_values(**values))
            .sudo()
        )
        ticket.message_subscribe((self.colleague | self.other_engineer.partner_id).ids)
        self._end_transaction()
        return ticket

    def _customer_mails(self, ticket):
        """The automatic messages of the request, oldest first."""
        return ticket.message_ids.filtered(
            lambda m: m.message_type == "auto_comment"
        ).sorted("id")

    def _outgoing(self, message):
        return (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )

    def _process(
        self, subject, body, sender, msg_id="<m1@customer.example>", headers=""
    ):
        raw = (
            f"From: {sender}\r\n"
            f"To: {ALIAS}@{DOMAIN}\r\n"
            f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
            f"Message-ID: {msg_id}\r\n"
            "Date: Wed, 25 Nov 2026 10:00:00 +0800\r\n"
            "MIME-Version: 1.0\r\n"
            f"{headers}"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "\r\n"
            f"{body}\r\n"
        )
        thread_id = self.env["mail.thread"].message_process(
            "helpdesk.ticket", raw.encode(), save_original=False
        )
        self._end_transaction()
        return self.Ticket.browse(thread_id)

    def _assert_to_customer_alone(self, message, customer):
        mails = self._outgoing(message)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, customer)
        self.assertFalse(mails.email_to)
        self.assertEqual(message.notification_ids.res_partner_id, customer)
        self.assertNotIn(self.colleague, mails.recipient_ids)
        return mails

    # ------------------------------------------------------- acknowledgement
    def test_acknowledgement_of_a_new_request(self):
        ticket = self._new_ticket()
        ack = self._customer_mails(ticket)
        self.assertEqual(len(ack), 1)
        self.assertEqual((ack.model, ack.res_id), (ticket._name, ticket.id))
        self.assertEqual(ack.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(
            ack.subject, f"Request {ticket.number} registered: {ticket.name}"
        )
        body = ack.body
        self.assertIn(self.contact_a.name, body)
        self.assertNotIn(self.engineer.name, body)
        self.assertIn(ticket.number, body)
        self.assertIn(ticket.name, body)
        self.assertIn("What happens next", body)
        self.assertIn(PHONE, body)
        self.assertIn(f"{ALIAS}@{DOMAIN}", body)
        # The engineers and the colleague following it hear nothing of it.
        mails = self._assert_to_customer_alone(ack, self.contact_a)
        self.assertIn("auto-generated", mails.headers)
        self.assertIn(f"{ALIAS}@{DOMAIN}", mails.reply_to)
        # The customer's button opens the request.
        self.assertIn(f"Open request {ticket.number}", mails.body_html)
        # An automatic acknowledgement is no first response (§3.1 SLA).
        self.assertFalse(ticket.first_response_date)

    def test_acknowledgement_of_a_mail_follows_it(self):
        ticket = self._process(
            "Не проводится документ, договор № ДТП-A-1",
            "Добрый день! При проведении реализации ошибка учёта.",
            sender=formataddr(("Аюшеева Туяна", self.contact_a.email), "utf-8"),
            headers=f"Cc: {self.colleague.email}\r\n",
        )
        self.assertEqual(ticket.partner_id, self.contact_a)
        self.assertFalse(ticket.identification_request_sent)
        incoming = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        ack = self._customer_mails(ticket)
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.parent_id, incoming)
        self.assertGreater(ack.id, incoming.id)
        mails = self._assert_to_customer_alone(ack, self.contact_a)
        self.assertIn(incoming.message_id, mails.references)
        self.assertIn("auto-replied", mails.headers)

    def test_no_acknowledgement_besides_the_identification_request(self):
        """An unidentified mail is answered once: the §4.4 auto-reply says
        the request number and what is missing."""
        ticket = self._process(
            "Помогите", "Не работает программа", sender="stranger@nowhere.example"
        )
        self.assertTrue(ticket.identification_request_sent)
        self.assertEqual(len(self._customer_mails(ticket)), 1)
        self.assertNotIn("registered", self._customer_mails(ticket).subject)

    def test_no_acknowledgement_to_a_robot_or_an_engineer(self):
        robot = self._process(
            "Автоответ: Вопрос",
            "Я в отпуске до 1 декабря.",
            sender=self.contact_a.email,
            msg_id="<ooo@customer.example>",
            headers="Auto-Submitted: auto-replied\r\n",
        )
        self.assertFalse(self._customer_mails(robot))
        forwarded = self._process(
            "Fwd: не работает касса",
            "Пересылаю обращение клиента, позвоню ему сам.",
            sender=formataddr((self.engineer.name, self.engineer.email), "utf-8"),
            msg_id="<fwd@konus.test>",
        )
        self.assertEqual(forwarded.partner_id, self.engineer.partner_id)
        self.assertFalse(self._customer_mails(forwarded))

    def test_no_mail_while_data_is_loaded(self):
        ticket = (
            self.Ticket.with_context(install_mode=True)
            .create(self._identified_ticket_values())
            .sudo()
        )
        self._end_transaction()
        self.assertFalse(self._customer_mails(ticket))

    def test_reregistered_request_is_told_so(self):
        """§5.5: a closed request registered again gets the re-registration
        mail (both numbers) instead of the plain acknowledgement."""
        self.team.reregistration_template_id = self.env.ref(
            "konus_helpdesk.mail_template_customer_reregistered"
        )
        closed = self._new_ticket(stage_id=self.in_progress.id)
        closed.stage_id = self.done
        self._end_transaction()
        again = closed._reregister(self.contact_a, "Касса снова не печатает")
        self._end_transaction()
        mail = self._customer_mails(again)
        self.assertEqual(len(mail), 1)
        self.assertEqual(
            mail.subject,
            f"Request {closed.number} registered again as {again.number}",
        )
        self.assertIn(closed.number, mail.body)
        self.assertIn(again.number, mail.body)
        self.assertIn(HEAD, mail.body)
        self._assert_to_customer_alone(mail, self.contact_a)

    # --------------------------------------------------------------- closing
    def test_closing_mail_replaces_helpdesk_mgmts(self):
        ticket = self._new_ticket(
            stage_id=self.in_progress.id, user_id=self.engineer.id
        )
        ticket.with_user(self.engineer).stage_id = self.done
        self._end_transaction()
        closing = self._customer_mails(ticket)[1:]
        self.assertEqual(len(closing), 1)
        self.assertEqual(
            closing.subject, f"Request {ticket.number} closed: {ticket.name}"
        )
        body = closing.body
        # The customer is greeted, never the engineer (helpdesk_mgmt's mail
        # says "Hello <assigned engineer>").
        self.assertIn(f"Hello, {self.contact_a.name}!", body)
        self.assertNotIn(self.engineer.name, body)
        self.assertIn(self.done.name, body)  # the result
        self.assertIn("§5.5", body)  # how to object
        self.assertIn(HEAD, body)
        self.assertIn(f"{ALIAS}@{DOMAIN}", body)
        self.assertIn(PHONE, body)
        self._assert_to_customer_alone(closing, self.contact_a)
        # helpdesk_mgmt's closing mail is not sent besides it.
        everything = ticket.message_ids
        self.assertFalse(
            everything.filtered(lambda m: OCA_CLOSED in (m.subject or "") + m.body)
        )
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", ticket._name),
                    ("res_id", "=", ticket.id),
                    ("subject", "ilike", OCA_CLOSED),
                ]
            )
        )

    def _mails_to_customer(self, ticket):
        """Every outgoing mail of the request to its customer."""
        return (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", ticket._name),
                    ("res_id", "=", ticket.id),
                    ("recipient_ids", "in", ticket.partner_id.ids),
                ]
            )
        )

    def _assert_threaded(self, mail, ticket):
        """The mail is posted in the request and answers its thread."""
        self.assertEqual((mail.model, mail.res_id), (ticket._name, ticket.id))
        first = ticket.message_ids.sorted("id")[:1]
        self.assertIn(first.message_id, mail.references)

    def test_one_mail_on_decline(self):
        """§4.6: declined with the wizard, the customer gets one mail — the
        decline mail, not the team's closing mail besides it."""
        ticket = self._new_ticket(
            stage_id=self.in_progress.id, user_id=self.engineer.id
        )
        before = self._mails_to_customer(ticket)
        self.assertEqual(len(before), 1)  # the acknowledgement
        form = Form(
            self.env["konus.ticket.deferral"]
            .with_user(self.engineer)
            .with_context(default_ticket_id=ticket.id)
        )
        form.reason_id = self.misuse
        form.note = "Лицензия не покрывает второе рабочее место."
        form.internal_note = "Клиент третий раз ставит нелицензионную копию."
        form.save().action_apply()
        self._end_transaction()
        self.assertEqual(ticket.stage_id, self.rejected)
        mail = self._mails_to_customer(ticket) - before
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.contact_a)
        self.assertEqual(
            mail.subject,
            f"Request {ticket.number} closed without resolution: {ticket.name}",
        )
        body = mail.body_html
        self.assertIn(f"Hello, {self.contact_a.name}!", body)
        self.assertIn(ticket.number, body)
        self.assertIn(self.rejected.name, body)
        self.assertIn(f"Reason: {self.misuse.name} (clause 4.6", body)
        self.assertIn(self.misuse.customer_message, body)
        self.assertIn("Лицензия не покрывает второе рабочее место.", body)
        self.assertIn("§5.5", body)
        self.assertIn(HEAD, body)
        self.assertNotIn("Клиент третий раз", body)
        self.assertNotIn(self.engineer.name, body)
        self.assertNotIn(OCA_CLOSED, mail.subject)
        self._assert_threaded(mail, ticket)
        # The internal note stays in the support service.
        note = ticket.message_ids.filtered(lambda m: "Клиент третий раз" in m.body)
        self.assertEqual(len(note), 1)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search([("mail_message_id", "=", note.id)])
            .filtered(lambda m: self.contact_a in m.recipient_ids)
        )
        portal_messages = (
            self.env["mail.message"]
            .with_user(self.portal_a)
            .search([("model", "=", ticket._name), ("res_id", "=", ticket.id)])
        )
        self.assertTrue(portal_messages)
        self.assertNotIn(note, portal_messages, "the portal shows no internal note")

    def test_one_mail_on_cancel(self):
        """Moved by hand to a stage closed unsolved: the decline mail alone,
        with no §4.6 reason it was not declined for."""
        ticket = self._new_ticket(
            stage_id=self.in_progress.id, user_id=self.engineer.id
        )
        before = self._mails_to_customer(ticket)
        ticket.with_user(self.engineer).stage_id = self.cancelled
        self._end_transaction()
        mail = self._mails_to_customer(ticket) - before
        self.assertEqual(len(mail), 1)
        self.assertIn("closed without resolution", mail.subject)
        self.assertIn(self.cancelled.name, mail.body_html)
        self.assertNotIn("Reason:", mail.body_html)
        self.assertIn("§5.5", mail.body_html)
        self._assert_threaded(mail, ticket)

    def test_one_mail_on_solved(self):
        ticket = self._new_ticket(
            stage_id=self.in_progress.id, user_id=self.engineer.id
        )
        before = self._mails_to_customer(ticket)
        ticket.with_user(self.engineer).stage_id = self.done
        self._end_transaction()
        mail = self._mails_to_customer(ticket) - before
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, f"Request {ticket.number} closed: {ticket.name}")
        self._assert_threaded(mail, ticket)

    def test_closed_request_moved_between_closed_stages_gets_no_mail(self):
        """Only a request that was open is closed: from one closed stage to
        another tells the customer nothing; reopened and closed again, it
        does."""
        ticket = self._new_ticket(
            stage_id=self.in_progress.id, user_id=self.engineer.id
        )
        ticket.stage_id = self.done
        self._end_transaction()
        closed = self._mails_to_customer(ticket)
        self.assertEqual(len(closed), 2)  # acknowledgement, closing
        ticket.stage_id = self.cancelled
        self._end_transaction()
        ticket.stage_id = self.done
        self._end_transaction()
        self.assertEqual(self._mails_to_customer(ticket), closed)
        ticket.stage_id = self.in_progress
        self._end_transaction()
        ticket.stage_id = self.done
        self._end_transaction()
        again = self._mails_to_customer(ticket) - closed
        self.assertEqual(len(again), 1)
        self.assertIn("closed:", again.subject)

    def test_other_teams_closed_request_gets_no_stage_mail_again(self):
        sales = self.env["helpdesk.ticket.team"].create({"name": "Отдел продаж"})
        ticket = self.Ticket.create(
            {
                "name": "Счёт на продление",
                "description": "<p>Пришлите счёт</p>",
                "team_id": sales.id,
                "partner_id": self.contact_a.id,
            }
        )
        ticket.stage_id = self.done
        self._end_transaction()
        closed = self._mails_to_customer(ticket)
        self.assertEqual(len(closed), 1)  # helpdesk_mgmt's closing mail
        ticket.stage_id = self.rejected
        self._end_transaction()
        self.assertEqual(self._mails_to_customer(ticket), closed)

    def test_mails_to_a_sender_without_partner(self):
        self.team.identification_required = False
        ticket = self._new_ticket(
            partner_id=False,
            partner_email="unknown@customer.example",
            contract_id=False,
            supported_product_id=False,
        )
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected")
        self._end_transaction()
        messages = self._customer_mails(ticket)
        self.assertEqual(len(messages), 2)  # acknowledgement, closing
        for message in messages:
            mails = self._outgoing(message)
            self.assertFalse(mails.recipient_ids)
            self.assertEqual(mails.email_to, "unknown@customer.example")

    def test_no_closing_mail_when_the_customer_closes_it(self):
        ticket = self._new_ticket(stage_id=self.in_progress.id)
        # helpdesk_mgmt's portal route writes as the customer, in sudo.
        ticket.with_user(self.portal_a).sudo().stage_id = self.done
        self._end_transaction()
        self.assertEqual(len(self._customer_mails(ticket)), 1)  # the ack only

    def test_other_teams_keep_helpdesk_mgmts_stage_mails(self):
        sales = self.env["helpdesk.ticket.team"].create({"name": "Отдел продаж"})
        ticket = self.Ticket.create(
            {
                "name": "Счёт на продление",
                "description": "<p>Пришлите счёт</p>",
                "team_id": sales.id,
                "partner_id": self.contact_a.id,
            }
        )
        self._end_transaction()
        self.assertFalse(self._customer_mails(ticket))
        ticket.stage_id = self.done
        self._end_transaction()
        oca = self.env["mail.mail"].search(
            [("model", "=", ticket._name), ("res_id", "=", ticket.id)]
        )
        self.assertIn(OCA_CLOSED, " ".join(oca.mapped("subject")))

    # ------------------------------------------------------------- language
    def test_mails_in_the_customers_language(self):
        load_russian(self.env)
        self.contact_a.lang = "ru_RU"
        self.env.company.name = "Конус"
        ticket = self._new_ticket(stage_id=self.in_progress.id)
        ticket.stage_id = self.done
        self._end_transaction()
        ack, closing = self._customer_mails(ticket)
        self.assertEqual(
            ack.subject, f"Обращение {ticket.number} зарегистрировано: {ticket.name}"
        )
        self.assertEqual(
            closing.subject, f"Обращение {ticket.number} закрыто: {ticket.name}"
        )
        self.assertIn(f"Здравствуйте, {self.contact_a.name}!", ack.body)
        self.assertIn("Что дальше", ack.body)
        self.assertIn("закрыто с результатом", closing.body)
        self.assertIn("Решено", closing.body)
        self.assertIn("п. 5.5 Регламента", closing.body)
        for message in ack | closing:
            mail = self._outgoing(message)
            self.assertIn(f"Открыть обращение {ticket.number}", mail.body_html)
            # What the customer reads, the frame included, is Russian: no
            # Latin word but the request number and the addresses.
            text = re.sub(r"<[^>]+>", " ", mail.body_html)
            text = re.sub(r"[\w.+-]+@[\w.-]+|https?://\S+|HT\d+", " ", text)
            self.assertFalse(re.findall(r"[A-Za-z]{2,}", text), text)
        # The engineer reads in Russian too; the customer's language decides.
        self.contact_a.lang = "en_US"
        other = self._new_ticket()
        self.assertIn("registered", self._customer_mails(other).subject)

    # ------------------------------------------- templates without code
    def test_templates_need_no_code_and_render_for_the_customer(self):
        load_russian(self.env)
        newcomer = self.env["res.partner"].create(
            {"name": "Ким Сергей", "email": "s.kim@newcomer.example", "lang": "ru_RU"}
        )
        ticket = self.Ticket.create(
            {
                "name": "Не работает АСУ",
                "description": "<p>Не работает</p>",
                "team_id": self.team.id,
                "partner_id": newcomer.id,
            }
        )
        for xmlid in (
            "mail_template_customer_new",
            "mail_template_customer_reregistered",
            "mail_template_customer_closed",
        ):
            template = self.env.ref(f"konus_helpdesk.{xmlid}")
            with self.subTest(template=xmlid):
                self.assertFalse(template._has_unsafe_expression())
                rendered = template._generate_template(
                    ticket.ids, ("subject", "body_html")
                )[ticket.id]
                self.assertIn(ticket.number, rendered["subject"])
                self.assertIn(newcomer.name, rendered["body_html"])
                self.assertIn("Здравствуйте", rendered["body_html"])
                self.assertIn(PHONE, rendered["body_html"])


@tagged("post_install", "-at_install")
class TestCustomerMailPortal(KonusSupportDataMixin, HttpCase):
    """A request filed in the portal is acknowledged like any other."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.support_team = cls.env.ref("konus_helpdesk.team_konus_support")

    def test_portal_request_is_acknowledged(self):
        self.authenticate("portal-a", "portal-a")
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "contract_id": str(self.contract_a.id),
                "supported_product_id": str(self.product_a.id),
                "support_type_id": str(self.type_remote.id),
                "incident_class": "non_critical",
                "subject": "Не проводится реализация",
                "description": "Документ реализации не проводится: ошибка учёта",
                "steps_to_reproduce": "1. Открыть реализацию 2. Нажать «Провести»",
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.contact_a.id)]
        )
        self.assertEqual(ticket.team_id, self.support_team)
        ack = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertEqual(len(ack), 1)
        self.assertIn(ticket.number, ack.subject)
        self.assertEqual(ack.author_id, ticket.company_id.partner_id)
        # Mailed to the customer alone (the mail itself is gone: sent after
        # the request's commit, then deleted as any notification).
        self.assertEqual(ack.notification_ids.res_partner_id, self.contact_a)
        self.assertEqual(ack.notification_ids.notification_type, "email")
