# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import load_russian
from .sla_common import SlaCase, ulan_ude


@tagged("post_install", "-at_install")
class TestSlaAlerts(SlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = new_test_user(
            cls.env,
            login="sla-head",
            name="Цыренова Туяна",
            groups="konus_helpdesk.group_support_head",
        )
        cls.activity_type = cls.env.ref("konus_helpdesk.mail_activity_type_sla_alert")

    def alerts(self, ticket, user=None):
        activities = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )
        return activities.filtered(lambda a: a.user_id == user) if user else activities

    def test_breach_alert_sent_once(self):
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical")
            response = self.clock(ticket, "response")
        with freeze_time(ulan_ude(2027, 3, 1, 10, 5)):
            self.env["helpdesk.ticket.sla"]._cron_sla_alerts()
            self.assertEqual(response.state, "expired")
            self.assertTrue(response.breach_notified)
            self.assertTrue(ticket.sla_expired)
            self.assertEqual(len(self.alerts(ticket, self.engineer)), 1)
            self.assertEqual(len(self.alerts(ticket, self.head)), 1)
            self.assertIn("SLA breached", self.alerts(ticket, self.head).summary)
            count = len(self.alerts(ticket))
            self.env["helpdesk.ticket.sla"]._cron_sla_alerts()
            self.assertEqual(len(self.alerts(ticket)), count)
            # The late response does not turn the breach into a success.
            ticket.with_user(self.engineer).message_post(
                body="Работаем", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            self.assertEqual(response.state, "expired")

    def test_alert_in_each_readers_language(self):
        """The cron runs in no particular language: each recipient reads the
        alert in theirs."""
        load_russian(self.env)
        self.head.lang = "ru_RU"
        self.engineer.lang = "en_US"
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical")
        with freeze_time(ulan_ude(2027, 3, 1, 10, 5)):
            self.env["helpdesk.ticket.sla"].with_context(
                lang="en_US"
            )._cron_sla_alerts()
        self.assertIn("SLA нарушен", self.alerts(ticket, self.head)[:1].summary)
        self.assertIn("SLA breached", self.alerts(ticket, self.engineer)[:1].summary)

    def test_at_risk_alert(self):
        with freeze_time(ulan_ude(2027, 3, 1, 8, 30)):
            ticket = self.new_ticket("critical")
            resolution = self.clock(ticket, "resolution")
            # 80 % of 8 h = 6.4 h: 3.5 h morning + 2.9 h afternoon.
            self.assertEqual(resolution.risk_date, ulan_ude(2027, 3, 1, 15, 54))
        with freeze_time(ulan_ude(2027, 3, 1, 15, 50)):
            self.assertFalse(
                self.env["helpdesk.ticket"].search(
                    [("id", "=", ticket.id), ("sla_at_risk", "=", True)]
                )
            )
        with freeze_time(ulan_ude(2027, 3, 1, 16, 0)):
            self.env["helpdesk.ticket.sla"]._cron_sla_alerts()
            self.assertTrue(resolution.risk_notified)
            self.assertEqual(resolution.state, "in_progress")
            self.assertEqual(
                self.env["helpdesk.ticket"].search(
                    [("id", "=", ticket.id), ("sla_at_risk", "=", True)]
                ),
                ticket,
            )
            risk = self.alerts(ticket, self.engineer).filtered(
                lambda a: "at risk" in a.summary
            )
            self.assertEqual(len(risk), 1)
            self.env["helpdesk.ticket.sla"]._cron_sla_alerts()
            self.assertEqual(
                len(
                    self.alerts(ticket, self.engineer).filtered(
                        lambda a: "at risk" in a.summary
                    )
                ),
                1,
            )

    def test_risk_share_setting(self):
        self.env["res.config.settings"].create({"konus_sla_risk_share": 0.5}).execute()
        with freeze_time(ulan_ude(2027, 3, 1, 8, 30)):
            ticket = self.new_ticket("critical")
            self.assertEqual(
                self.clock(ticket, "resolution").risk_date, ulan_ude(2027, 3, 1, 13, 30)
            )

    def test_no_alert_paused_or_closed(self):
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            paused = self.new_ticket("critical")
            closed = self.new_ticket("critical")
        with freeze_time(ulan_ude(2027, 3, 1, 9, 30)):
            paused.stage_id = self.stage_waiting
            closed.stage_id = self.stage_done
        with freeze_time(ulan_ude(2027, 3, 5, 9, 0)):
            self.env["helpdesk.ticket.sla"]._cron_sla_alerts()
            self.assertFalse(self.alerts(paused))
            self.assertFalse(self.alerts(closed))
            self.assertEqual(set(paused.ticket_sla_ids.mapped("state")), {"on_hold"})
            self.assertFalse(paused.sla_expired)
