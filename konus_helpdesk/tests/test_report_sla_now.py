# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .workflow_common import WorkflowDataMixin


class SlaNowDataMixin(WorkflowDataMixin):
    """The workflow data on a 24/7 calendar in Ulan-Ude time (no special
    days): a clock's deadline is its running start plus its target, so the
    tests place deadlines exactly. Non-critical targets: 4 h to the first
    response, 40 h to the resolution; at risk from 80 % of a target."""

    @classmethod
    def _setup_sla_now_data(cls):
        cls._setup_workflow_data()
        cls.calendar.write(
            {
                "konus_holiday_policy": False,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} 24h",
                            "dayofweek": str(day),
                            "hour_from": 0.0,
                            "hour_to": 24.0,
                        }
                    )
                    for day in range(7)
                ],
            }
        )

    @classmethod
    def _ticket(cls, **values):
        return cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(user_id=cls.engineer.id, **values)
        )

    def row(self, ticket):
        return self.env["konus.helpdesk.ticket.report"].search(
            [("ticket_id", "=", ticket.id)]
        )

    def started(self, ticket, sla_type, hours_ago):
        """Make the ticket's clock run since ``hours_ago`` hours; the engine
        computes its deadline from there."""
        clock = self.clock(ticket, sla_type)
        clock.sudo().running_since = fields.Datetime.now() - timedelta(hours=hours_ago)
        self.env.flush_all()
        return clock


@tagged("post_install", "-at_install")
class TestReportBreachNow(SlaNowDataMixin, TransactionCase):
    """A running clock past its deadline is breached in the report as soon as
    the deadline passes, not when the alert cron marks it. No freeze_time:
    the deadlines are placed around the real present moment (which the SQL
    view compares them with), so this passes on any date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sla_now_data()

    def test_running_clock_past_deadline_is_breached_before_the_cron(self):
        late, fresh = self.new_ticket(), self.new_ticket()
        clock = self.started(late, "response", 10)  # due 6 hours ago
        now = fields.Datetime.now()
        self.assertEqual(clock.state, "in_progress")  # no cron has come by
        self.assertLess(clock.deadline, now)
        self.assertGreater(self.clock(fresh, "response").deadline, now)
        row = self.row(late)
        self.assertEqual(
            (row.response_sla, row.resolution_sla), ("breached", "running")
        )
        self.assertTrue(row.sla_breached)
        self.assertEqual((row.breached_count, row.met_count), (1, 0))
        self.assertFalse(row.sla_at_risk)
        row = self.row(fresh)
        self.assertEqual((row.response_sla, row.resolution_sla), ("running", "running"))
        self.assertFalse(row.sla_breached)
        # The head's filters and pivot measures say the same.
        Report = self.env["konus.helpdesk.ticket.report"].with_user(self.head)
        tickets = [("ticket_id", "in", (late | fresh).ids)]
        self.assertEqual(
            Report.search(tickets + [("sla_breached", "=", True)]).ticket_id, late
        )
        self.assertEqual(
            Report.search(tickets + [("response_sla", "=", "breached")]).ticket_id,
            late,
        )
        [(breached,)] = Report._read_group(tickets, [], ["breached_count:sum"])
        self.assertEqual(breached, 1)
        # When the cron comes by, the engine agrees.
        self.env["helpdesk.ticket.sla"]._cron_sla_alerts()
        self.assertEqual(clock.state, "expired")
        self.assertEqual(late.sla_response_result, "breached")
        self.assertEqual(self.row(late).response_sla, "breached")
        self.assertEqual(self.row(fresh).response_sla, "running")

    def test_at_risk_now(self):
        risky, fresh = self.new_ticket(), self.new_ticket()
        # 3.5 h of 4 used: at risk since 0.3 h, due in 0.5 h.
        clock = self.started(risky, "response", 3.5)
        self.assertTrue(clock.at_risk)  # the engine's own reading
        row = self.row(risky)
        self.assertTrue(row.sla_at_risk)
        self.assertFalse(row.sla_breached)
        self.assertEqual(row.response_sla, "running")
        self.assertFalse(self.row(fresh).sla_at_risk)

    def test_paused_clock_is_not_breached(self):
        """The engine counts no time while the request waits for the
        customer: a paused clock has no deadline and breaches nothing,
        however long the pause; a clock already overdue when the pause
        comes is breached by the engine at that moment."""
        waiting, overdue = self.new_ticket(), self.new_ticket()
        self.started(waiting, "response", 3)  # 1 h left
        waiting.stage_id = self.stage_waiting
        paused = self.clock(waiting, "response")
        self.assertEqual(paused.state, "on_hold")
        self.assertFalse(paused.deadline)
        # Even with a stale deadline in the past left on the clock.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket_sla SET deadline = %s, risk_date = %s "
            "WHERE id = %s",
            (
                datetime.now() - timedelta(days=1),
                datetime.now() - timedelta(days=2),
                paused.id,
            ),
        )
        paused.invalidate_recordset(["deadline", "risk_date"])
        self.assertTrue(paused.deadline)
        row = self.row(waiting)
        self.assertEqual(row.response_sla, "running")
        self.assertFalse(row.sla_breached)
        self.assertFalse(row.sla_at_risk)
        self.assertFalse(row.breached_today)

        clock = self.started(overdue, "response", 10)
        overdue.stage_id = self.stage_waiting
        self.assertEqual(clock.state, "expired")
        row = self.row(overdue)
        self.assertEqual(row.response_sla, "breached")
        self.assertTrue(row.sla_breached)


@tagged("post_install", "-at_install")
class TestReportBreachedToday(SlaNowDataMixin, TransactionCase):
    """«Breached today» counts from midnight on the wall clock of the
    request's calendar (Ulan-Ude, UTC+8), not from midnight UTC. On a 24/7
    calendar, 4 h to the first response:

    - early: registered 12 Mar 19:30 UTC, due 23:30 UTC = 13 Mar 07:30
      in Ulan-Ude;
    - late_evening: registered 12 Mar 11:30 UTC, due 15:30 UTC = 12 Mar
      23:30 in Ulan-Ude.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sla_now_data()
        with freeze_time(datetime(2026, 3, 12, 11, 30)):
            cls.late_evening = cls._ticket()
        with freeze_time(datetime(2026, 3, 12, 19, 30)):
            cls.early = cls._ticket()
        cls.env.flush_all()

    def breached_today(self):
        action = self.env.ref("konus_helpdesk.konus_dashboard_breached_today_action")
        rows = (
            self.env[action.res_model]
            .with_user(self.head)
            .search(
                [("ticket_id", "in", (self.early | self.late_evening).ids)]
                + safe_eval(action.domain)
            )
        )
        return rows.ticket_id

    def test_deadlines(self):
        self.assertEqual(
            self.clock(self.early, "response").deadline,
            datetime(2026, 3, 12, 23, 30),
        )
        self.assertEqual(
            self.clock(self.late_evening, "response").deadline,
            datetime(2026, 3, 12, 15, 30),
        )

    @freeze_time(datetime(2026, 3, 13, 2, 0))  # 13 Mar 10:00 in Ulan-Ude
    def test_breach_at_23_30_utc_is_today_next_morning_in_ulan_ude(self):
        # Midnight UTC would call 23:30 UTC yesterday.
        self.assertEqual(self.breached_today(), self.early)

    @freeze_time(datetime(2026, 3, 12, 23, 45))  # 13 Mar 07:45 in Ulan-Ude
    def test_breach_at_23_30_local_is_yesterday(self):
        # Midnight UTC would count both (12 Mar in UTC).
        self.assertEqual(self.breached_today(), self.early)
        row = self.row(self.late_evening)
        self.assertTrue(row.sla_breached)
        self.assertFalse(row.breached_today)

    @freeze_time(datetime(2026, 3, 12, 15, 45))  # 12 Mar 23:45 in Ulan-Ude
    def test_before_local_midnight(self):
        self.assertEqual(self.breached_today(), self.late_evening)

    @freeze_time(datetime(2026, 3, 12, 16, 0))  # 13 Mar 00:00 in Ulan-Ude
    def test_at_local_midnight(self):
        self.assertFalse(self.breached_today())
