# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import fields
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
        cls.alert_cron = cls.env.ref("konus_helpdesk.ir_cron_sla_alerts")

    def alerts(self, ticket, user=None):
        activities = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )
        return activities.filtered(lambda a: a.user_id == user) if user else activities

    def run_alert_cron(self):
        """The scheduled action as the scheduler runs it: in its own
        transaction, batch after committed batch. The clock ticks on from the
        frozen moment, so that the scheduler's time limit per run holds."""
        with (
            freeze_time(fields.Datetime.now(), tick=True),
            self.enter_registry_test_mode(),
        ):
            self.alert_cron.method_direct_trigger()

    def test_breach_alert_sent_once(self):
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical")
            response = self.clock(ticket, "response")
        with freeze_time(ulan_ude(2027, 3, 1, 10, 5)):
            self.run_alert_cron()
            self.assertEqual(response.state, "expired")
            self.assertTrue(response.breach_notified)
            self.assertTrue(ticket.sla_expired)
            self.assertEqual(len(self.alerts(ticket, self.engineer)), 1)
            self.assertEqual(len(self.alerts(ticket, self.head)), 1)
            self.assertEqual(
                self.alerts(ticket, self.head).summary,
                "SLA breached: critical response",
            )
            count = len(self.alerts(ticket))
            self.run_alert_cron()
            self.assertEqual(len(self.alerts(ticket)), count)
            # The late response does not turn the breach into a success.
            ticket.with_user(self.engineer).message_post(
                body="Работаем", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            self.assertEqual(response.state, "expired")

    def test_breach_noticed_by_a_write_is_announced_once(self):
        """A write that finds the deadline passed marks the clock expired
        before the cron comes by: the cron still announces it, once."""
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            answered = self.new_ticket("critical")
            closed = self.new_ticket("critical")
        with freeze_time(ulan_ude(2027, 3, 1, 10, 5)):
            answered.with_user(self.engineer).message_post(
                body="Работаем", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            closed.stage_id = self.stage_done
            breached = self.clock(answered, "response") | self.clock(closed, "response")
            self.assertEqual(breached.mapped("state"), ["expired", "expired"])
            self.assertEqual(breached.mapped("breach_notified"), [False, False])
            self.assertFalse(self.alerts(answered) | self.alerts(closed))
            self.run_alert_cron()
            self.run_alert_cron()
            self.assertEqual(breached.mapped("breach_notified"), [True, True])
            for ticket in (answered, closed):
                for user in (self.engineer, self.head):
                    alert = self.alerts(ticket, user)
                    self.assertEqual(
                        alert.summary,
                        "SLA breached: critical response",
                        (ticket.name, user.name),
                    )
                # One per recipient, all of them about that breach.
                alerts = self.alerts(ticket)
                self.assertEqual(len(alerts), len(alerts.user_id))
                self.assertEqual(
                    set(alerts.mapped("summary")), {"SLA breached: critical response"}
                )

    def test_cron_works_in_committed_batches(self):
        """A backlog of breaches is announced batch by batch, each committed
        with its flags, every clock once."""
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            tickets = self.new_ticket("critical") | self.new_ticket("critical")
            tickets |= self.new_ticket("critical")
        self.alert_cron.code = "model._cron_sla_alerts(batch_size=2)"
        with freeze_time(ulan_ude(2027, 3, 1, 10, 5)):
            self.run_alert_cron()
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.alert_cron.id)], order="id"
        )
        self.assertEqual(progress.mapped("done"), [2, 1])
        self.assertEqual(progress.mapped("remaining"), [1, 0])
        for ticket in tickets:
            self.assertEqual(len(self.alerts(ticket, self.engineer)), 1, ticket.id)
            self.assertEqual(len(self.alerts(ticket, self.head)), 1, ticket.id)
        self.assertEqual(
            set(tickets.ticket_sla_ids.filtered("breach_notified").mapped("sla_type")),
            {"response"},
        )

    def test_each_event_announced_once_per_clock(self):
        """Whoever asks to announce an event again, each recipient reads it
        once per clock."""
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical")
            response = self.clock(ticket, "response")
            response._notify_sla_event("at_risk")
            response._notify_sla_event("at_risk")
            response._notify_sla_event("breached")
            response._notify_sla_event("breached")
        self.assertEqual(
            sorted(self.alerts(ticket, self.engineer).mapped("summary")),
            ["SLA at risk: critical response", "SLA breached: critical response"],
        )
        self.assertEqual(len(self.alerts(ticket, self.head)), 2)

    def test_alert_in_each_readers_language(self):
        """The cron runs in no particular language: each recipient reads the
        alert in theirs."""
        load_russian(self.env)
        self.head.lang = "ru_RU"
        self.engineer.lang = "en_US"
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical")
        with freeze_time(ulan_ude(2027, 3, 1, 10, 5)):
            self.run_alert_cron()
        self.assertEqual(
            self.alerts(ticket, self.head).summary, "SLA нарушен: critical response"
        )
        self.assertEqual(
            self.alerts(ticket, self.engineer).summary,
            "SLA breached: critical response",
        )

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
            self.run_alert_cron()
            self.assertTrue(resolution.risk_notified)
            self.assertEqual(resolution.state, "in_progress")
            self.assertEqual(
                self.env["helpdesk.ticket"].search(
                    [("id", "=", ticket.id), ("sla_at_risk", "=", True)]
                ),
                ticket,
            )
            # The response (due at 09:30) is breached by now: its own alert.
            expected = [
                "SLA at risk: critical resolution",
                "SLA breached: critical response",
            ]
            self.assertEqual(
                sorted(self.alerts(ticket, self.engineer).mapped("summary")), expected
            )
            self.run_alert_cron()
            self.assertEqual(
                sorted(self.alerts(ticket, self.engineer).mapped("summary")), expected
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
            self.run_alert_cron()
            self.assertFalse(self.alerts(paused))
            self.assertFalse(self.alerts(closed))
            self.assertEqual(set(paused.ticket_sla_ids.mapped("state")), {"on_hold"})
            self.assertFalse(paused.sla_expired)
