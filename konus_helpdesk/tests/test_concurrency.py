# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Several workers on one database: transactions of their own, on committed
data (removed again at the end), as Odoo's multi-worker mode runs them."""

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .sla_common import ulan_ude


@tagged("post_install", "-at_install")
class TestSlaConcurrency(TransactionCase):
    """Two engineers move the same request while the SLA alert cron runs,
    each in a transaction of its own: every pause, resume and stop of a
    clock is counted once, a breach announced once; a transaction that lost
    the race is retried (as Odoo's HTTP layer does) or leaves its batch to
    the next call — nothing is lost and nothing doubled."""

    def setUp(self):
        super().setUp()
        self.cursors = []
        with self.registry.cursor() as cr, freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            env = api.Environment(cr, SUPERUSER_ID, {})
            calendar = env["resource.calendar"].create(
                {
                    "name": "Concurrency (test)",
                    "tz": "Asia/Irkutsk",
                    "attendance_ids": [
                        Command.create(
                            {
                                "name": f"{day}",
                                "dayofweek": str(day),
                                "hour_from": 0.0,
                                "hour_to": 24.0,
                            }
                        )
                        for day in range(7)
                    ],
                }
            )
            Stage = env["helpdesk.ticket.stage"]
            stages = {
                key: Stage.create({"name": f"C {key}", "sequence": 900 + n, **vals})
                for n, (key, vals) in enumerate(
                    [
                        ("progress", {}),
                        ("waiting", {}),
                        ("done", {"closed": True}),
                    ]
                )
            }
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": "Concurrency team",
                    "use_sla": True,
                    "resource_calendar_id": calendar.id,
                    "user_id": env.ref("base.user_admin").id,
                }
            )
            for stage in stages.values():
                stage.team_ids = [Command.set(team.ids)]
            slas = env["helpdesk.sla"].create(
                [
                    {
                        "name": f"C critical {sla_type}",
                        "incident_class": "critical",
                        "sla_type": sla_type,
                        "working_hours": hours,
                        "team_ids": [Command.set(team.ids)],
                        "ignore_stage_ids": [Command.set(stages["waiting"].ids)],
                    }
                    for sla_type, hours in (("response", 1), ("resolution", 8))
                ]
            )
            # A customer each: notifying one customer writes its partner row.
            partners = env["res.partner"].create(
                [{"name": f"ООО «Гонка {n}»"} for n in range(2)]
            )
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Гонка {n}",
                        "description": "<p>Ошибка 500</p>",
                        "team_id": team.id,
                        "stage_id": stages["progress"].id,
                        "partner_id": partners[n].id,
                        "incident_class": "critical",
                    }
                    for n in range(2)
                ]
            )
        self.ids = {
            "calendar": calendar.id,
            "stages": {key: stage.id for key, stage in stages.items()},
            "team": team.id,
            "slas": slas.ids,
            "partners": partners.ids,
            "tickets": tickets.ids,
        }
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        for cr in self.cursors:
            cr.close()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["helpdesk.ticket"].browse(self.ids["tickets"]).unlink()
            env["helpdesk.sla"].browse(self.ids["slas"]).unlink()
            env["helpdesk.ticket.stage"].browse(
                list(self.ids["stages"].values())
            ).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()
            env["resource.calendar"].browse(self.ids["calendar"]).unlink()

    def new_env(self):
        """A transaction of its own, like another worker's."""
        cr = self.registry.cursor()
        self.cursors.append(cr)
        return api.Environment(cr, SUPERUSER_ID, {})

    def clocks(self, env, ticket_id=None):
        ticket_id = ticket_id or self.ids["tickets"][0]
        clocks = env["helpdesk.ticket"].browse(ticket_id).ticket_sla_ids
        return {clock.sla_type: clock for clock in clocks}

    def alerts(self, env, ticket_id):
        return env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket_id),
                (
                    "activity_type_id",
                    "=",
                    env.ref("konus_helpdesk.mail_activity_type_sla_alert").id,
                ),
            ]
        )

    def move(self, env, stage):
        env["helpdesk.ticket"].browse(self.ids["tickets"][0]).stage_id = self.ids[
            "stages"
        ][stage]

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_two_stage_changes_and_the_cron_lose_no_sla_state(self):
        ticket_id = self.ids["tickets"][0]
        with freeze_time(ulan_ude(2027, 3, 1, 10, 30)):
            # The cron and the second engineer began before the first
            # engineer's change is committed.
            cron_env, env1, env2 = self.new_env(), self.new_env(), self.new_env()
            cron_env["helpdesk.ticket.sla"].search_count([])
            self.assertEqual(self.clocks(env2)["resolution"].state, "in_progress")
            # The first engineer asks the customer (§4.5): the clocks stop;
            # the response clock, past its deadline, is found breached.
            self.move(env1, "waiting")
            env1.cr.commit()
            # The cron, from before the pause, would announce a breach of a
            # clock it sees running: it may not touch what changed since.
            cron_env["helpdesk.ticket.sla"]._cron_sla_alerts()
            self.assertFalse(self.alerts(cron_env, ticket_id))
            cron_env.cr.commit()
        with freeze_time(ulan_ude(2027, 3, 1, 10, 45)):
            # The second engineer closes the request from the page read before
            # the pause: refused by PostgreSQL, retried, applied on the paused
            # clock.
            attempts = []

            def close():
                attempts.append(1)
                self.move(env2, "done")

            retrying(close, env2)
            env2.cr.commit()
            self.assertEqual(len(attempts), 2)
        with freeze_time(ulan_ude(2027, 3, 1, 10, 50)):
            cron_env["helpdesk.ticket.sla"]._cron_sla_alerts()
            cron_env.cr.commit()
            cron_env["helpdesk.ticket.sla"]._cron_sla_alerts()
            cron_env.cr.commit()

        check = self.new_env()
        resolution = self.clocks(check)["resolution"]
        # 09:00–10:30 counted once, the pause not at all.
        self.assertEqual(resolution.state, "accomplished")
        self.assertAlmostEqual(resolution.consumed_time, 1.5, places=3)
        self.assertAlmostEqual(resolution.worked_hours, 1.5, places=3)
        self.assertEqual(resolution.done_date, ulan_ude(2027, 3, 1, 10, 45))
        self.assertFalse(resolution.running_since)
        self.assertFalse(resolution.breach_notified or resolution.risk_notified)
        response = self.clocks(check)["response"]
        self.assertEqual(response.state, "expired")
        self.assertTrue(response.breach_notified)
        alerts = self.alerts(check, ticket_id)
        self.assertTrue(alerts)
        self.assertEqual(len(alerts), len(alerts.user_id), "one per recipient")
        self.assertEqual(
            set(alerts.mapped("summary")), {"SLA breached: C critical response"}
        )
        # Each stage change tracked once, the refused attempt not at all.
        tracked = check["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "helpdesk.ticket"),
                ("mail_message_id.res_id", "=", ticket_id),
                ("field_id.name", "=", "stage_id"),
            ]
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")), ["C done", "C waiting"]
        )

    @mute_logger("odoo.sql_db")
    def test_two_cron_workers_announce_each_breach_once(self):
        """Two workers running the alert check at once (a manual run while
        the scheduler's is on): each takes the clocks the other does not
        hold, and no clock is announced twice."""
        with freeze_time(ulan_ude(2027, 3, 1, 10, 30)):
            first, second = self.new_env(), self.new_env()
            # Waiting for a lock would hang a worker: fail at once instead.
            second.cr.execute("SET lock_timeout = '2s'")
            first["helpdesk.ticket.sla"]._cron_sla_alerts(batch_size=1)
            second["helpdesk.ticket.sla"]._cron_sla_alerts(batch_size=10)
            first.cr.commit()
            second.cr.commit()
            for env in (first, second):
                env["helpdesk.ticket.sla"]._cron_sla_alerts()
                env.cr.commit()
        check = self.new_env()
        for ticket_id in self.ids["tickets"]:
            clocks = self.clocks(check, ticket_id)
            self.assertTrue(clocks["response"].breach_notified, ticket_id)
            self.assertEqual(clocks["response"].state, "expired")
            alerts = self.alerts(check, ticket_id)
            self.assertTrue(alerts, ticket_id)
            self.assertEqual(len(alerts), len(alerts.user_id), ticket_id)

    @mute_logger("odoo.sql_db")
    def test_locked_clock_left_to_the_next_call(self):
        """A clock another transaction holds is not waited for: the cron
        takes the others and reports the held one as remaining."""
        with freeze_time(ulan_ude(2027, 3, 1, 10, 30)):
            engineer, cron = self.new_env(), self.new_env()
            cron.cr.execute("SET lock_timeout = '2s'")
            held = self.ids["tickets"][0]
            self.clocks(engineer, held)["response"].lock_for_update()
            cron["helpdesk.ticket.sla"]._cron_sla_alerts()
            self.assertFalse(self.clocks(cron, held)["response"].breach_notified)
            free = self.clocks(cron, self.ids["tickets"][1])["response"]
            self.assertTrue(free.breach_notified)
            cron.cr.rollback()
            engineer.cr.rollback()


@tagged("post_install", "-at_install")
class TestCronBatches(TransactionCase):
    """The scheduler runs the contracts' cron batch after committed batch,
    as long as it reports contracts left, and each contract once."""

    def test_contract_cron_in_committed_batches(self):
        customer = self.env["res.partner"].create({"name": "ООО «Партия»"})
        with freeze_time("2026-03-01 02:00:00"):
            contracts = self.env["konus.support.contract"].create(
                [
                    {
                        "name": f"ДТП-П-{n}",
                        "partner_id": customer.id,
                        "date_start": "2026-01-01",
                        "date_end": "2026-06-30",
                    }
                    for n in range(3)
                ]
            )
            self.assertEqual(set(contracts.mapped("state")), {"active"})
            contracts.flush_recordset()
        cron = self.env.ref("konus_helpdesk.ir_cron_support_contract_state")
        cron.code = "model._cron_update_state(batch_size=2)"
        with (
            freeze_time("2026-08-01 02:00:00", tick=True),
            self.enter_registry_test_mode(),
        ):
            cron.method_direct_trigger()
        contracts.invalidate_recordset()
        self.assertEqual(set(contracts.mapped("state")), {"expired"})
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id"
        )
        self.assertGreaterEqual(len(progress), 2)
        self.assertEqual(progress[0].done, 2)
        self.assertEqual(progress[-1].remaining, 0)
        self.assertEqual(sum(progress.mapped("done")), 3)
