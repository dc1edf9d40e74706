# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from .common import KonusSupportDataMixin, load_russian

ALIAS_DOMAIN = "konus-complaint.test"


class ComplaintDataMixin(KonusSupportDataMixin):
    @classmethod
    def _setup_complaint_data(cls, open_ended=False):
        cls._setup_support_data()
        if open_ended:
            cls._contracts_valid_on_any_date()
        load_russian(cls.env, ("mail", "konus_helpdesk"))
        cls.contact_a.lang = "ru_RU"
        cls.Complaint = cls.env["konus.complaint"]
        cls.ticket_a = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(
                name="Заявка Селенги", user_id=cls.engineer.id
            )
        )
        cls.ticket_b = cls.env["helpdesk.ticket"].create(
            {
                "name": "Заявка Байкала",
                "team_id": cls.team.id,
                "partner_id": cls.contact_b.id,
                "contract_id": cls.contract_b.id,
                "user_id": cls.engineer.id,
                "description": "<p>Не работает АСУ ТП</p>",
            }
        )

    def _outgoing(self, record):
        return self.env["mail.mail"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def _acknowledgement(self, complaint):
        return self._outgoing(complaint).filtered(
            lambda m: m.message_type == "email_outgoing"
        )


@tagged("post_install", "-at_install")
class TestComplaintPortal(ComplaintDataMixin, HttpCase):
    """§5.4: the customer complains about the specialist from the portal
    page of their request, by real HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_complaint_data(open_ended=True)

    def _post(self, ticket, action="complaint", **data):
        return self.url_open(
            f"/my/ticket/{ticket.id}/action/{action}",
            data={"csrf_token": http.Request.csrf_token(self), **data},
        )

    def test_complaint_from_the_portal(self):
        self.authenticate("portal-a", "portal-a")
        page = self.url_open(f"/my/ticket/{self.ticket_a.id}")
        self.assertIn(
            f'href="/my/ticket/{self.ticket_a.id}/action/complaint"', page.text
        )
        self.assertIn('href="/my/regulation"', page.text)
        form = self.url_open(f"/my/ticket/{self.ticket_a.id}/action/complaint")
        self.assertEqual(form.status_code, 200)
        self.assertIn("Жалоба на специалиста", form.text)

        response = self._post(
            self.ticket_a, description="Специалист разговаривал грубо"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/ticket/{self.ticket_a.id}", response.url)
        complaint = self.Complaint.search([("ticket_id", "=", self.ticket_a.id)])
        self.assertEqual(len(complaint), 1)
        self.assertRecordValues(
            complaint,
            [
                {
                    "kind": "complaint",
                    "partner_id": self.contact_a.id,
                    "user_id": self.engineer.id,
                    "description": "Специалист разговаривал грубо",
                    "state": "new",
                    "company_id": self.ticket_a.company_id.id,
                }
            ],
        )
        self.assertTrue(complaint.date_deadline)
        # The head of support has it on their to-do list.
        self.assertIn(self.head, complaint.activity_ids.user_id)
        self.assertNotIn(self.engineer, complaint.activity_ids.user_id)
        # The customer is acknowledged, in Russian, and nobody else mailed.
        mails = self._acknowledgement(complaint)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.contact_a)
        # The specialist is mailed nothing about it.
        self.assertNotIn(
            self.engineer.partner_id, self._outgoing(complaint).recipient_ids
        )
        self.assertFalse(mails.email_to)
        self.assertIn(complaint.name, mails.subject)
        self.assertIn("Руководитель службы технической поддержки", mails.body_html)
        self.assertIn(self.ticket_a.number, mails.body_html)
        # Nothing about it on the request the specialist works on.
        self.assertNotIn(
            "Специалист разговаривал грубо",
            "".join(self.ticket_a.message_ids.mapped("body")),
        )

    def test_letter_to_the_head_of_support(self):
        closed = self.stages.filtered("closed")[:1]
        self.ticket_a.stage_id = closed
        self.authenticate("portal-a", "portal-a")
        self._post(self.ticket_a, action="write_head", description="Закрыли, не решив")
        letter = self.Complaint.search([("ticket_id", "=", self.ticket_a.id)])
        self.assertEqual(letter.kind, "premature_closure")
        self.assertEqual(letter.partner_id, self.contact_a)

    def test_empty_complaint_is_refused(self):
        self.authenticate("portal-a", "portal-a")
        response = self._post(self.ticket_a, description="  ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Опишите, что произошло", response.text)
        self.assertFalse(self.Complaint.search([("ticket_id", "=", self.ticket_a.id)]))

    def test_complaint_on_another_customers_ticket(self):
        self.authenticate("portal-a", "portal-a")
        with mute_logger("odoo.http"):
            page = self.url_open(f"/my/ticket/{self.ticket_b.id}/action/complaint")
            response = self._post(self.ticket_b, description="Чужая заявка")
            missing = self._post(self.ticket_b.browse(10**8), description="Нет такой")
        self.assertEqual(page.status_code, 404)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(missing.status_code, 404)
        self.assertFalse(self.Complaint.search([]))
        self.assertFalse(
            self.env["mail.mail"].search([("model", "=", "konus.complaint")])
        )

    def test_complaint_without_csrf_token_is_refused(self):
        self.authenticate("portal-a", "portal-a")
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/ticket/{self.ticket_a.id}/action/complaint",
                data={"description": "Без токена"},
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.Complaint.search([]))

    def test_internal_user_gets_no_complaint_form(self):
        self.authenticate("engineer-t", "engineer-t")
        with mute_logger("odoo.http"):
            response = self._post(self.ticket_a, description="Сам на себя")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.Complaint.search([]))


@tagged("post_install", "-at_install")
@freeze_time("2026-11-27 02:00:00")  # Friday 10:00 in Ulan-Ude
class TestComplaintRules(ComplaintDataMixin, TransactionCase):
    """Who reads a complaint, its deadline in working days, and complaints
    written to the head of support's address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_complaint_data()
        cls.other_engineer = new_test_user(
            cls.env,
            login="engineer-2",
            groups="konus_helpdesk.group_support_engineer",
            name="Цыбикова Мэдэгма",
        )
        cls.complaint = cls.Complaint.create(
            {
                "ticket_id": cls.ticket_a.id,
                "partner_id": cls.contact_a.id,
                "description": "Специалист не отвечал неделю",
            }
        )

    def test_specialist_does_not_see_complaints_about_themselves(self):
        self.assertEqual(self.complaint.user_id, self.engineer)
        for user in (self.engineer, self.other_engineer):
            with self.subTest(user=user.login):
                Complaint = self.Complaint.with_user(user)
                self.assertFalse(Complaint.search([]))
                with self.assertRaises(AccessError):
                    self.complaint.with_user(user).read(["description"])
        self.assertEqual(self.Complaint.with_user(self.head).search([]), self.complaint)

    def test_head_shares_the_complaint_with_the_specialist(self):
        self.complaint.with_user(self.head).action_share_with_specialist()
        self.assertEqual(
            self.Complaint.with_user(self.engineer).search([]), self.complaint
        )
        self.assertFalse(self.Complaint.with_user(self.other_engineer).search([]))
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.engineer).write({"state": "done"})

    def test_portal_users_see_their_organisation_only(self):
        self.assertEqual(
            self.Complaint.with_user(self.portal_a).search([]), self.complaint
        )
        self.assertFalse(self.Complaint.with_user(self.portal_b).search([]))
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.portal_b).read(["description"])

    def test_other_company_is_not_seen(self):
        other = self.env["res.company"].create({"name": "Конус-Чита"})
        foreign = self.Complaint.create(
            {"description": "Другая компания", "company_id": other.id}
        )
        self.assertNotIn(foreign, self.Complaint.with_user(self.head).search([]))

    def test_deadline_in_working_days(self):
        # Received Friday 27 November: Monday, Tuesday and Wednesday are the
        # three working days; the test calendar's day ends at 17:00.
        self.assertEqual(self.complaint.date_deadline, datetime(2026, 12, 2, 9, 0))
        self.assertEqual(
            self.complaint.with_context(lang="ru_RU").date_deadline_local,
            "02.12.2026, 17:00",
        )
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Праздник",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 11, 30, 0, 0),
                "date_to": datetime(2026, 11, 30, 16, 0),
            }
        )
        self.assertTrue(holiday)
        later = self.Complaint.create(
            {"ticket_id": self.ticket_a.id, "description": "Ещё одна"}
        )
        self.assertEqual(later.date_deadline, datetime(2026, 12, 3, 9, 0))

    def test_workflow(self):
        complaint = self.complaint.with_user(self.head)
        complaint.action_start()
        self.assertEqual(complaint.state, "in_progress")
        with self.assertRaises(UserError):
            complaint.action_done()
        complaint.resolution = "<p>Беседа проведена</p>"
        complaint.action_done()
        self.assertEqual(complaint.state, "done")
        self.assertFalse(complaint.activity_ids)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-27 02:00:00")
class TestComplaintByMail(ComplaintDataMixin, TransactionCase):
    """§5.4: a mail to the head of support's address becomes a complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_complaint_data()
        domain = cls.env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
        cls.env.company.alias_domain_id = domain
        cls.env["mail.alias"].create(
            {
                "alias_name": "info",
                "alias_domain_id": domain.id,
                "alias_model_id": cls.env["ir.model"]._get_id("konus.complaint"),
                "alias_contact": "everyone",
            }
        )

    def _mail(self, sender, subject, body):
        return (
            f"From: {sender}\r\nTo: info@{ALIAS_DOMAIN}\r\nSubject: {subject}\r\n"
            f"Message-ID: <{abs(hash(subject + body))}@customer.example>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n"
        ).encode()

    def _process(self, sender, subject, body):
        complaint_id = self.env["mail.thread"].message_process(
            "konus.complaint", self._mail(sender, subject, body)
        )
        return self.Complaint.browse(complaint_id)

    def test_mail_quoting_own_request(self):
        complaint = self._process(
            self.contact_a.email,
            f"Жалоба по обращению {self.ticket_a.number}",
            "Специалист бросил трубку.",
        )
        self.assertRecordValues(
            complaint,
            [
                {
                    "ticket_id": self.ticket_a.id,
                    "partner_id": self.contact_a.id,
                    "user_id": self.engineer.id,
                    "kind": "complaint",
                }
            ],
        )
        self.assertIn("бросил трубку", complaint.description)
        mails = self._acknowledgement(complaint)
        self.assertEqual(mails.recipient_ids, self.contact_a)
        self.assertIn("Руководитель службы технической поддержки", mails.body_html)
        self.assertIn("02.12.2026, 17:00", mails.body_html)
        self.assertIn(self.head, complaint.activity_ids.user_id)

    def test_mail_quoting_another_customers_request(self):
        complaint = self._process(
            self.contact_a.email,
            f"Жалоба по обращению {self.ticket_b.number}",
            "Хочу пожаловаться.",
        )
        self.assertTrue(complaint)
        self.assertFalse(complaint.ticket_id)
        self.assertFalse(complaint.user_id)
        ack = self._acknowledgement(complaint)
        self.assertEqual(ack.recipient_ids, self.contact_a)
        self.assertNotIn(self.ticket_b.number, ack.body_html)

    def test_mail_from_unknown_sender(self):
        complaint = self._process(
            "stranger@nowhere.example",
            f"Жалоба {self.ticket_a.number}",
            "Ваш специалист был груб.",
        )
        self.assertFalse(complaint.ticket_id)
        self.assertFalse(complaint.partner_id)
        mails = self._acknowledgement(complaint)
        self.assertEqual(mails.email_to, "stranger@nowhere.example")
        self.assertFalse(mails.recipient_ids)
