# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email.header import Header

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, freeze_time, tagged

from .sla_common import ulan_ude
from .workflow_common import WorkflowDataMixin


@tagged("post_install", "-at_install")
@freeze_time(ulan_ude(2026, 11, 25, 10, 0))  # a Wednesday
class TestRequestInformation(WorkflowDataMixin, TransactionCase):
    """§4.5: the engineer asks the customer for what the request lacks; the
    request waits, its SLA paused, until the customer answers by mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workflow_data()
        domain = cls.env["mail.alias.domain"].create({"name": "konus.test"})
        cls.env.company.alias_domain_id = domain
        cls.team.write({"alias_name": "support-wf", "alias_domain_id": domain.id})
        cls.colleague = cls.env["res.partner"].create(
            {
                "name": "Бухгалтер (А)",
                "email": "buh@customer.example",
                "parent_id": cls.customer_a.id,
            }
        )

    def _send_request(self, ticket, extra=""):
        action = ticket.with_user(self.engineer).action_request_information()
        form = self.open_wizard(action)
        if extra:
            form.body = f"{form.body}<p>{extra}</p>"
        wizard = form.save()
        wizard.action_send()
        return ticket.message_ids[:1]

    def _reply(self, message, sender, body="Версия платформы 8.3.25"):
        raw = (
            f"From: {sender}\r\n"
            "To: support-wf@konus.test\r\n"
            f"Subject: {Header('Re: ' + message.subject, 'utf-8').encode()}\r\n"
            f"Message-ID: <reply-{message.id}-{sender}@customer.example>\r\n"
            f"In-Reply-To: {message.message_id}\r\n"
            f"References: {message.message_id}\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n"
            f"{body}\r\n"
        )
        self.env["mail.thread"].message_process(
            "helpdesk.ticket", raw.encode(), save_original=False
        )

    def test_request_pauses_sla_and_mail_answer_resumes(self):
        ticket = self.new_ticket(steps_to_reproduce=False)
        ticket.message_subscribe(partner_ids=self.colleague.ids)
        self.assertEqual(ticket.identification_state, "incomplete")
        resolution = self.clock(ticket, "resolution")
        self.assertEqual(resolution.state, "in_progress")

        with freeze_time(ulan_ude(2026, 11, 25, 11, 0)):
            action = ticket.with_user(self.engineer).action_request_information()
            form = self.open_wizard(action)
            # Pre-filled with what §4.4 still lacks, in the customer's language.
            self.assertIn(
                "последовательность действий, при которых возникает проблема",
                form.body,
            )
            form.body = f"{form.body}<p>Укажите версию платформы.</p>"
            form.save().action_send()

        self.assertEqual(ticket.stage_id, self.stage_waiting)
        self.assertEqual(ticket.waiting_for, "information")
        self.assertEqual(resolution.state, "on_hold")
        self.assertAlmostEqual(resolution.consumed_time, 1.0, places=2)
        self.assertFalse(resolution.deadline)

        message = ticket.message_ids[:1]
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(message.author_id, self.engineer.partner_id)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        # To the customer alone: no other follower, no colleague.
        self.assertEqual(mail.recipient_ids, self.contact_a)
        self.assertIn(ticket.number, mail.subject)
        self.assertIn("нужна дополнительная информация", mail.body_html)
        self.assertIn("последовательность действий", mail.body_html)
        self.assertIn("Укажите версию платформы.", mail.body_html)

        # Another customer's mail quoting the request does not answer it.
        with freeze_time(ulan_ude(2026, 11, 26, 9, 0)):
            self._reply(message, self.contact_b.email)
        self.assertEqual(ticket.stage_id, self.stage_waiting)
        self.assertEqual(resolution.state, "on_hold")

        with freeze_time(ulan_ude(2026, 11, 26, 10, 0)):
            self._reply(message, self.contact_a.email)
        # Back where it came from: the first stage, as it is not identified.
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.waiting_for)
        self.assertEqual(resolution.state, "in_progress")
        self.assertEqual(resolution.running_since, ulan_ude(2026, 11, 26, 10, 0))
        # 40 h target, 1 h used: 39 working hours (8-12, 13-17) from
        # Thursday 10:00.
        self.assertEqual(resolution.deadline, ulan_ude(2026, 12, 3, 9, 0))

    def test_answer_resumes_in_progress_stage(self):
        ticket = self.new_ticket()
        ticket.stage_id = self.stage_progress
        message = self._send_request(ticket)
        self.assertEqual(ticket.resume_stage_id, self.stage_progress)
        self._reply(message, self.contact_a.email)
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertEqual(self.clock(ticket, "resolution").state, "in_progress")

    def test_unidentified_request_may_wait_for_information(self):
        stranger = self.env["res.partner"].create(
            {"name": "Неизвестный", "email": "who@unknown.example", "lang": "ru_RU"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Помогите",
                "team_id": self.team.id,
                "partner_id": stranger.id,
                "description": "<p>Не работает</p>",
            }
        )
        self.assertEqual(ticket.identification_state, "unidentified")
        self._send_request(ticket)
        self.assertEqual(ticket.stage_id, self.stage_waiting)
        self.assertEqual(self.customer_mails(ticket).recipient_ids, stranger)

    def test_closed_request_cannot_be_asked(self):
        ticket = self.new_ticket()
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with self.assertRaises(UserError):
            ticket.with_user(self.engineer).action_request_information()

    def test_customer_cannot_use_the_engineer_actions(self):
        ticket = self.new_ticket()
        with self.assertRaises(AccessError):
            self.env["konus.request.information"].with_user(self.portal_a).create(
                {"ticket_id": ticket.id, "body": "<p>?</p>"}
            )
        with self.assertRaises(AccessError):
            ticket.with_user(self.portal_b).action_request_information()


@tagged("post_install", "-at_install")
@freeze_time(ulan_ude(2026, 11, 25, 11, 0))  # a Wednesday
class TestRequestInformationFollowup(WorkflowDataMixin, TransactionCase):
    """§4.5, §4.6: a reminder after the team's working days of the
    request's calendar, closure after more of them — never calendar days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workflow_data()
        cls.team.write({"info_reminder_days": 3, "info_close_days": 2})
        # Friday 27 November is a day off on the contract's calendar.
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Выходной (тест)",
                "calendar_id": cls.calendar.id,
                "date_from": ulan_ude(2026, 11, 27, 0, 0),
                "date_to": ulan_ude(2026, 11, 27, 23, 59),
            }
        )

    def _cron(self, *moment):
        with freeze_time(ulan_ude(*moment)):
            self.env["helpdesk.ticket"]._cron_request_information_followup()

    def test_reminder_then_closure_in_working_days(self):
        ticket = self.new_ticket(steps_to_reproduce=False)
        action = ticket.with_user(self.engineer).action_request_information()
        self.open_wizard(action).save().action_send()
        sent = self.customer_mails(ticket)
        self.assertEqual(len(sent), 1)

        # Working days since Wednesday: Thursday, (Friday off), Monday — the
        # sixth calendar day, still no reminder.
        self._cron(2026, 12, 1, 10, 0)
        self.assertFalse(ticket.info_reminder_date)
        self.assertEqual(self.customer_mails(ticket), sent)

        # Tuesday 1 December has passed: three working days.
        self._cron(2026, 12, 2, 9, 0)
        self.assertEqual(ticket.info_reminder_date, ulan_ude(2026, 12, 2, 9, 0))
        reminder = self.customer_mails(ticket) - sent
        self.assertEqual(reminder.recipient_ids, self.contact_a)
        self.assertIn("ещё ждём вашего ответа", reminder.subject)
        self.assertEqual(ticket.stage_id, self.stage_waiting)
        # Idempotent: a second run the same day sends nothing.
        self._cron(2026, 12, 2, 15, 0)
        self.assertEqual(self.customer_mails(ticket), sent | reminder)

        self._cron(2026, 12, 4, 16, 0)  # Thursday over, Friday not yet
        self.assertEqual(ticket.stage_id, self.stage_waiting)
        self._cron(2026, 12, 5, 9, 0)  # Saturday: two working days passed
        self.assertEqual(ticket.stage_id, self.stage_rejected)
        self.assertEqual(ticket.deferral_reason_id, self.reason["missing_info"])
        self.assertEqual(self.clock(ticket, "resolution").state, "cancelled")
        # The stage's tracking at the end of the transaction sends nothing
        # more: the decline mail is the one mail of the closure.
        self.env.flush_all()
        self.env.cr.precommit.run()
        closure = self.customer_mails(ticket) - sent - reminder
        self.assertEqual(len(closure), 1)
        self.assertEqual(closure.recipient_ids, self.contact_a)
        self.assertIn("закрыто без решения", closure.body_html)
        self.assertIn("Недостающие сведения", closure.body_html)
        self.assertIn("п. 4.6", closure.body_html)
        self.assertIn("п. 5.5", closure.body_html)
        # Nothing more to do.
        self._cron(2026, 12, 8, 9, 0)
        self.assertEqual(self.customer_mails(ticket), sent | reminder | closure)

    def test_no_closure_when_the_team_keeps_requests(self):
        self.team.info_close_days = 0
        ticket = self.new_ticket(steps_to_reproduce=False)
        action = ticket.with_user(self.engineer).action_request_information()
        self.open_wizard(action).save().action_send()
        self._cron(2026, 12, 2, 9, 0)
        self._cron(2026, 12, 20, 9, 0)
        self.assertTrue(ticket.info_reminder_date)
        self.assertEqual(ticket.stage_id, self.stage_waiting)
