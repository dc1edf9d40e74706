# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .sla_common import ulan_ude
from .workflow_common import WorkflowDataMixin


@tagged("post_install", "-at_install")
@freeze_time(ulan_ude(2026, 11, 25, 10, 0))  # a Wednesday
class TestDeferral(WorkflowDataMixin, TransactionCase):
    """§4.6: defer a request until a day or decline it, for a reason of the
    regulation told to the customer; §5.4: the abuse stop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workflow_data()
        cls.head.lang = "ru_RU"

    def _apply(self, ticket, reason, user=None, **values):
        action = ticket.with_user(user or self.engineer).action_defer()
        form = self.open_wizard(action, user)
        form.reason_id = reason
        # The engineer sees what the customer will read.
        self.assertEqual(form.customer_message, reason.customer_message)
        for name, value in values.items():
            setattr(form, name, value)
        form.save().action_apply()

    # ------------------------------------------------------------ the reasons
    def test_reasons_are_the_regulations_list(self):
        self.assertEqual(
            set(self.reason),
            {"misuse", "missing_info", "unclear", "abusive", "out_of_scope"},
        )
        for reason in self.reason.values():
            self.assertFalse(reason.company_id)
            self.assertIn("4.6", reason.clause)
        self.assertEqual(self.reason["unclear"].effect, "defer")
        self.assertEqual(self.reason["abusive"].effect, "decline")
        self.assertEqual(
            self.reason["unclear"].with_context(lang="ru_RU").name,
            "Невозможно понять смысл обращения",
        )

    def test_reason_of_another_company_is_hidden(self):
        other = self.env["res.company"].create({"name": "Другая компания"})
        foreign = self.env["konus.deferral.reason"].create(
            {
                "name": "Своя причина",
                "code": "unclear",
                "clause": "4.6",
                "customer_message": "…",
                "company_id": other.id,
            }
        )
        visible = self.env["konus.deferral.reason"].with_user(self.engineer).search([])
        self.assertNotIn(foreign, visible)
        self.assertIn(self.reason["unclear"], visible)

    # ------------------------------------------------------------------ defer
    def test_defer_until_a_day_then_back_to_work(self):
        ticket = self.new_ticket()
        ticket.stage_id = self.stage_progress
        resolution = self.clock(ticket, "resolution")
        self.assertEqual(resolution.state, "in_progress")
        with self.assertRaises(UserError):  # no day in the past
            self._apply(ticket, self.reason["unclear"], date_until=date(2026, 11, 20))
        with freeze_time(ulan_ude(2026, 11, 25, 12, 0)):
            self._apply(
                ticket,
                self.reason["unclear"],
                date_until=date(2026, 12, 1),
                note="Опишите, в каком документе ошибка.",
                internal_note="Похоже на ошибку обновления 3.0.12, проверить.",
            )
        self.assertEqual(ticket.stage_id, self.stage_waiting)
        self.assertEqual(ticket.waiting_for, "deferral")
        self.assertEqual(ticket.waiting_until, date(2026, 12, 1))
        self.assertEqual(ticket.deferral_reason_id, self.reason["unclear"])
        self.assertEqual(resolution.state, "on_hold")
        self.assertAlmostEqual(resolution.consumed_time, 2.0, places=2)
        activity = ticket.activity_ids.filtered(
            lambda a: a.date_deadline == date(2026, 12, 1)
        )
        self.assertEqual(activity.user_id, self.engineer)

        mail = self.customer_mails(ticket)
        self.assertEqual(mail.recipient_ids, self.contact_a)
        self.assertIn("Невозможно понять смысл обращения", mail.subject)
        self.assertIn("отложено до", mail.body_html)
        self.assertIn("01.12.2026", mail.body_html)
        self.assertIn("п. 4.6", mail.body_html)
        self.assertIn("Опишите, в каком документе ошибка.", mail.body_html)
        # The internal note is for the support service only.
        self.assertNotIn("3.0.12", mail.body_html)
        note = ticket.message_ids.filtered(lambda m: "3.0.12" in m.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertFalse(
            self.env["mail.mail"].search([("mail_message_id", "=", note.id)])
        )

        cron = self.env["helpdesk.ticket"]._cron_request_information_followup
        with freeze_time(ulan_ude(2026, 11, 30, 23, 0)):
            cron()
        self.assertEqual(ticket.stage_id, self.stage_waiting)
        with freeze_time(ulan_ude(2026, 12, 1, 0, 30)):  # 30 Nov 16:30 UTC
            cron()
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.waiting_for)
        self.assertEqual(resolution.state, "in_progress")
        self.assertEqual(resolution.running_since, ulan_ude(2026, 12, 1, 0, 30))

    # ---------------------------------------------------------------- decline
    def test_declined_critical_incident_is_not_sla_met(self):
        ticket = self.new_ticket(incident_class="critical")
        ticket.stage_id = self.stage_progress
        self._apply(ticket, self.reason["misuse"], note="Нарушены условия лицензии.")
        self.assertEqual(ticket.stage_id, self.stage_rejected)
        self.assertEqual(ticket.deferral_reason_id, self.reason["misuse"])
        # Telling the customer is no first response: no clock is met.
        self.assertFalse(ticket.first_response_date)
        self.assertEqual(set(ticket.ticket_sla_ids.mapped("state")), {"cancelled"})
        self.assertEqual(set(ticket.ticket_sla_ids.mapped("remaining_hours")), {0.0})
        report = self.env["helpdesk.sla.report"].search([("ticket_id", "=", ticket.id)])
        self.assertEqual(set(report.mapped("state")), {"cancelled"})
        # The team writes no mails of its own: the shipped decline mail, the
        # one mail of the closure (no stage mail of helpdesk_mgmt besides).
        self.env.flush_all()
        self.env.cr.precommit.run()
        mail = self.customer_mails(ticket)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.contact_a)
        self.assertIn("закрыто без решения", mail.body_html)
        self.assertIn("п. 4.6", mail.body_html)
        self.assertIn("лицензионного соглашения", mail.body_html)
        self.assertIn("Нарушены условия лицензии.", mail.body_html)

    def test_response_given_before_declining_stays_met(self):
        ticket = self.new_ticket(incident_class="critical")
        with freeze_time(ulan_ude(2026, 11, 25, 10, 30)):
            ticket.with_user(self.engineer).message_post(
                body="Смотрим", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            self._apply(ticket, self.reason["misuse"])
        self.assertEqual(self.clock(ticket, "response").state, "accomplished")
        self.assertEqual(self.clock(ticket, "resolution").state, "cancelled")

    def test_cancelled_by_customer_is_not_met(self):
        ticket = self.new_ticket()
        ticket.stage_id = self.stage_cancelled
        self.assertEqual(set(ticket.ticket_sla_ids.mapped("state")), {"cancelled"})
        # Reopened: the clock runs again, its time kept.
        ticket.stage_id = self.stage_progress
        self.assertEqual(self.clock(ticket, "resolution").state, "in_progress")

    def test_out_of_scope_proposed_when_entitlement_fails(self):
        stranger = self.env["res.partner"].create(
            {"name": "Без договора", "email": "no@contract.example", "lang": "ru_RU"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Настройте принтер",
                "team_id": self.team.id,
                "partner_id": stranger.id,
                "description": "<p>Принтер</p>",
            }
        )
        self.assertEqual(ticket.identification_state, "unidentified")
        action = ticket.with_user(self.engineer).action_defer()
        form = self.open_wizard(action)
        self.assertTrue(form.entitlement_fails)
        self.assertEqual(form.reason_id, self.reason["out_of_scope"])
        form.save().action_apply()
        # §5.1 does not keep an unidentified request from being declined.
        self.assertEqual(ticket.stage_id, self.stage_rejected)
        self.assertEqual(self.customer_mails(ticket).recipient_ids, stranger)

        covered = self.new_ticket()
        form = self.open_wizard(covered.with_user(self.engineer).action_defer())
        self.assertFalse(form.entitlement_fails)
        self.assertFalse(form.reason_id)

    def test_shipped_declining_stages_marked_once(self):
        self.assertTrue(self.stage_rejected.declined)
        self.assertTrue(self.stage_cancelled.declined)
        self.assertFalse(
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").declined
        )
        # The head's later choice survives an update of the module.
        self.stage_cancelled.declined = False
        self.env["helpdesk.ticket.stage"]._konus_mark_declined_stages()
        self.assertFalse(self.stage_cancelled.declined)

    # ----------------------------------------------------------------- §5.1
    def test_gate_keeps_unidentified_out_of_processing_only(self):
        ticket = self.new_ticket(steps_to_reproduce=False, contract_id=False)
        self.assertNotEqual(ticket.identification_state, "identified")
        with self.assertRaises(ValidationError):
            ticket.stage_id = self.stage_progress
        ticket.stage_id = self.stage_waiting
        ticket.stage_id = self.stage_rejected
        self.assertEqual(ticket.stage_id, self.stage_rejected)
        other = self.new_ticket(steps_to_reproduce=False, contract_id=False)
        other.stage_id = self.stage_cancelled
        self.assertEqual(other.stage_id, self.stage_cancelled)
        with self.assertRaises(ValidationError):
            other.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    # ------------------------------------------------------------------ §5.4
    def test_abuse_stop_notifies_the_head_who_acknowledges(self):
        ticket = self.new_ticket()
        ticket.stage_id = self.stage_progress
        offending = ticket.message_post(
            author_id=self.contact_a.id,
            body="Грубое сообщение",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket.message_post(
            author_id=self.engineer.partner_id.id,
            body="Ответ инженера",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        action = ticket.with_user(self.engineer).action_defer()
        form = self.open_wizard(action)
        form.reason_id = self.reason["abusive"]
        # The last message of the customer is proposed.
        self.assertEqual(form.message_id, offending)
        form.save().action_apply()

        self.assertEqual(ticket.stage_id, self.stage_rejected)
        self.assertEqual(ticket.abuse_message_id, offending)
        note = ticket.message_ids.filtered(
            lambda m: (
                m.subtype_id == self.env.ref("mail.mt_note")
                and "Грубое сообщение" in m.body
            )
        )
        self.assertTrue(note)
        self.assertTrue(ticket.abuse_pending)
        activity_type = self.env.ref("konus_helpdesk.mail_activity_type_abuse_stop")
        activity = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertIn(self.head, activity.user_id)
        # A mail to the head, in the head's language, quoting the message.
        head_mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.head.partner_id.ids)]
        )
        self.assertEqual(len(head_mail), 1)
        self.assertIn("Обслуживание прекращено", head_mail.subject)
        self.assertIn("Грубое сообщение", head_mail.body_html)
        customer_mail = self.customer_mails(ticket)
        self.assertIn("нецензурные", customer_mail.body_html)

        with self.assertRaises(AccessError):
            ticket.with_user(self.engineer).action_acknowledge_abuse()
        ticket.with_user(self.head).action_acknowledge_abuse()
        self.assertEqual(ticket.abuse_acknowledged_by, self.head)
        self.assertFalse(ticket.abuse_pending)
        self.assertFalse(
            ticket.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )

    def test_heads_of_support_one_definition(self):
        implying = self.env["res.groups"].create(
            {
                "name": "Директор (тест)",
                "implied_ids": [
                    Command.link(self.env.ref("konus_helpdesk.group_support_head").id)
                ],
            }
        )
        director = new_test_user(self.env, login="director-t", name="Директор")
        director.group_ids = [Command.link(implying.id)]
        other_company = self.env["res.company"].create({"name": "Филиал"})
        remote = new_test_user(
            self.env,
            login="remote-head",
            groups="konus_helpdesk.group_support_head",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        heads = self.env["res.users"]._konus_support_heads(self.env.company)
        self.assertIn(self.head, heads)
        self.assertIn(director, heads)  # through an implied group
        self.assertNotIn(remote, heads)
        self.assertNotIn(self.env.ref("base.user_root"), heads)
        self.assertNotIn(self.engineer, heads)
        self.assertIn(remote, self.env["res.users"]._konus_support_heads())

    def test_customer_cannot_defer_or_acknowledge(self):
        ticket = self.new_ticket()
        with self.assertRaises(AccessError):
            self.env["konus.ticket.deferral"].with_user(self.portal_a).create(
                {"ticket_id": ticket.id, "reason_id": self.reason["misuse"].id}
            )
        with self.assertRaises(AccessError):
            ticket.with_user(self.portal_b).action_defer()


@tagged("post_install", "-at_install")
class TestWorkflowReach(WorkflowDataMixin, TransactionCase):
    """Issue 12: every wizard of the workflow is at most two clicks from the
    ticket form — its button in the form's header (one click) opens the
    wizard, whose primary button applies it (two)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workflow_data()

    def test_every_wizard_two_clicks_from_the_ticket(self):
        ticket = self.new_ticket()
        ticket.stage_id = self.stage_progress
        Ticket = self.env["helpdesk.ticket"].with_user(self.engineer)
        form = etree.fromstring(
            Ticket.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        header = form.find(".//header")
        wizards = {
            "action_request_information": ("konus.request.information", "action_send"),
            "action_defer": ("konus.ticket.deferral", "action_apply"),
            "action_involve_third_party": ("konus.third.party", "action_send"),
        }
        for method, (model, apply) in wizards.items():
            with self.subTest(wizard=model):
                button = header.find(f"button[@name='{method}']")
                self.assertIsNotNone(button, f"{method} is not in the form's header")
                # Shown on an open request.
                invisible = button.get("invisible", "False")
                self.assertFalse(
                    safe_eval(
                        invisible,
                        {"closed": False, "waiting_for": False, "abuse_pending": False},
                    )
                )
                action = getattr(ticket.with_user(self.engineer), method)()
                self.assertEqual(action["res_model"], model)
                self.assertEqual(action["target"], "new")
                wizard = etree.fromstring(
                    self.env[model]
                    .with_user(self.engineer)
                    .get_views([(False, "form")])["views"]["form"]["arch"]
                )
                primary = wizard.find(f".//footer/button[@name='{apply}']")
                self.assertIsNotNone(primary)
                self.assertIn("btn-primary", primary.get("class"))
