# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import load_russian
from .sla_common import SlaCase, ulan_ude

# Every piece of evidence of a clock, with a value someone might like better.
EVIDENCE = {
    "state": "accomplished",
    "hours": 999.0,
    "deadline": datetime(2030, 1, 1, 0, 0),
    "risk_date": datetime(2030, 1, 1, 0, 0),
    "consumed_time": 0.5,
    "running_since": datetime(2030, 1, 1, 0, 0),
    "done_date": datetime(2027, 3, 1, 1, 0),
    "last_state_date": datetime(2030, 1, 1, 0, 0),
    "risk_notified": True,
    "breach_notified": True,
}
MESSAGE = "SLA clocks are kept by the SLA engine alone"
FIRST_RESPONSE_MESSAGE = "The first response is recorded by the SLA engine"


@tagged("post_install", "-at_install")
class TestSlaEvidence(SlaCase, HttpCase):
    """§3.1: the SLA clocks and the first response are evidence, written by
    the engine alone — never by an engineer or the head of support, neither
    in a form nor over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = new_test_user(
            cls.env,
            login="sla-head",
            name="Руководитель СТП",
            groups="konus_helpdesk.group_support_head",
            tz="Asia/Irkutsk",
        )

    def setUp(self):
        super().setUp()
        self.freezer = freeze_time(ulan_ude(2027, 3, 1, 9, 0))
        self.freezer.start()
        self.addCleanup(self.freezer.stop)
        # Opened by the engineer: the engine runs on their action.
        self.ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.engineer)
            .create(
                {
                    "name": "Не проходит синхронизация с ЕГАИС",
                    "description": "<p>Ошибка 500</p>",
                    "team_id": self.team.id,
                    "stage_id": self.stage_new.id,
                    "partner_id": self.customer.id,
                    "user_id": self.engineer.id,
                    "incident_class": "critical",
                }
            )
        ).sudo()
        self.response = self.clock(self.ticket, "response")
        self.assertEqual(self.response.state, "in_progress")

    def _snapshot(self, records):
        return records.sudo().read([*EVIDENCE, "sla_id", "ticket_id"])

    # ------------------------------------------------------------------ ORM
    def test_no_hand_on_clock_fields(self):
        before = self._snapshot(self.ticket.ticket_sla_ids)
        for user in (self.engineer, self.head):
            for field, value in EVIDENCE.items():
                with (
                    self.subTest(user=user.login, field=field),
                    self.assertRaisesRegex(AccessError, MESSAGE),
                ):
                    self.response.with_user(user).write({field: value})
            with self.assertRaisesRegex(AccessError, MESSAGE):
                self.response.with_user(user).write(
                    {"sla_id": (self.slas - self.response.sla_id)[0].id}
                )
        self.assertEqual(self._snapshot(self.ticket.ticket_sla_ids), before)

    def test_no_clock_created_or_deleted_by_hand(self):
        before = self._snapshot(self.ticket.ticket_sla_ids)
        for user in (self.engineer, self.head):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, MESSAGE):
                    self.env["helpdesk.ticket.sla"].with_user(user).create(
                        {"ticket_id": self.ticket.id, "sla_id": self.slas[0].id}
                    )
                with self.assertRaisesRegex(AccessError, MESSAGE):
                    self.response.with_user(user).unlink()
                with self.assertRaisesRegex(AccessError, MESSAGE):
                    self.response.with_user(user).copy()
                # Through the ticket's one2many, as a form would send it.
                for command in (
                    Command.update(self.response.id, {"state": "accomplished"}),
                    Command.delete(self.response.id),
                    Command.unlink(self.response.id),
                    Command.create({"sla_id": self.slas[0].id}),
                    Command.clear(),
                ):
                    with self.assertRaisesRegex(AccessError, MESSAGE):
                        self.ticket.with_user(user).write({"ticket_sla_ids": [command]})
                # OCA's set_sla would restart the clocks from zero.
                with self.assertRaisesRegex(AccessError, MESSAGE):
                    self.ticket.with_user(user).set_sla()
        self.assertEqual(self._snapshot(self.ticket.ticket_sla_ids), before)

    def test_no_first_response_by_hand(self):
        for user in (self.engineer, self.head):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, FIRST_RESPONSE_MESSAGE),
            ):
                self.ticket.with_user(user).write(
                    {"first_response_date": ulan_ude(2027, 3, 1, 9, 5)}
                )
            with self.assertRaisesRegex(AccessError, FIRST_RESPONSE_MESSAGE):
                self.env["helpdesk.ticket"].with_user(user).create(
                    {
                        "name": "Готово заранее",
                        "team_id": self.team.id,
                        "partner_id": self.customer.id,
                        "first_response_date": ulan_ude(2027, 3, 1, 9, 0),
                    }
                )
        self.assertFalse(self.ticket.first_response_date)
        self.assertEqual(self.response.state, "in_progress")

    def test_message_in_russian(self):
        load_russian(self.env)
        russian = {"lang": "ru_RU"}
        with self.assertRaisesRegex(AccessError, "Сроки SLA ведёт только"):
            self.response.with_user(self.engineer).with_context(**russian).write(
                {"state": "accomplished"}
            )
        with self.assertRaisesRegex(AccessError, "Первый ответ фиксирует"):
            self.ticket.with_user(self.engineer).with_context(**russian).write(
                {"first_response_date": ulan_ude(2027, 3, 1, 9, 5)}
            )

    def test_engine_still_runs_on_the_engineers_actions(self):
        as_engineer = self.ticket.with_user(self.engineer)
        # Waiting for the customer: the clock is on hold.
        as_engineer.stage_id = self.stage_waiting
        self.assertEqual(self.response.state, "on_hold")
        as_engineer.stage_id = self.stage_progress
        self.assertEqual(self.response.state, "in_progress")
        # The engineer's reply is the first response.
        with freeze_time(ulan_ude(2027, 3, 1, 9, 30)):
            as_engineer.message_post(
                body="Проверяем подключение к УТМ.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(self.ticket.first_response_date, ulan_ude(2027, 3, 1, 9, 30))
        self.assertEqual(self.response.state, "accomplished")
        # A reclassification re-selects the targets; the «Set SLA» button
        # asks the engine, which carries the time already spent.
        as_engineer.incident_class = "non_critical"
        self.assertEqual(
            self.ticket.ticket_sla_ids.sla_id.mapped("incident_class"),
            ["non_critical", "non_critical"],
        )
        resolution = self.clock(self.ticket, "resolution")
        consumed = resolution.consumed_time
        as_engineer.refresh_sla()
        self.assertEqual(self.clock(self.ticket, "resolution"), resolution)
        self.assertEqual(resolution.consumed_time, consumed)
        # The head may close the ticket: the clocks stop.
        self.ticket.with_user(self.head).stage_id = self.stage_done
        self.assertEqual(resolution.state, "accomplished")

    # ------------------------------------------------------------ JSON-RPC
    def _call_kw(self, model, method, args, kwargs=None):
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    # A remote caller may send any context: it changes nothing.
                    "kwargs": {"context": {"konus_sla_engine": True}, **(kwargs or {})},
                },
            },
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def assertRefused(self, reply, message):
        self.assertIn("error", reply, reply)
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn(message, reply["error"]["data"]["message"])

    def test_json_rpc(self):
        before = self._snapshot(self.ticket.ticket_sla_ids)
        Sla = "helpdesk.ticket.sla"
        for login in ("sla-engineer", "sla-head"):
            self.authenticate(login, login)
            for field, value in EVIDENCE.items():
                with self.subTest(login=login, field=field):
                    value = (
                        value.isoformat(" ") if isinstance(value, datetime) else value
                    )
                    self.assertRefused(
                        self._call_kw(
                            Sla, "write", [self.response.ids, {field: value}]
                        ),
                        MESSAGE,
                    )
            self.assertRefused(
                self._call_kw(
                    Sla,
                    "create",
                    [{"ticket_id": self.ticket.id, "sla_id": self.slas[0].id}],
                ),
                MESSAGE,
            )
            self.assertRefused(
                self._call_kw(Sla, "unlink", [self.response.ids]), MESSAGE
            )
            self.assertRefused(
                self._call_kw(
                    "helpdesk.ticket",
                    "web_save",
                    [
                        self.ticket.ids,
                        {
                            "ticket_sla_ids": [
                                Command.update(
                                    self.response.id, {"state": "accomplished"}
                                )
                            ]
                        },
                    ],
                    {"specification": {}},
                ),
                MESSAGE,
            )
            self.assertRefused(
                self._call_kw(
                    "helpdesk.ticket",
                    "write",
                    [self.ticket.ids, {"first_response_date": "2027-03-01 01:05:00"}],
                ),
                FIRST_RESPONSE_MESSAGE,
            )
            self.assertRefused(
                self._call_kw("helpdesk.ticket", "set_sla", [self.ticket.ids]), MESSAGE
            )
        self.assertEqual(self._snapshot(self.ticket.ticket_sla_ids), before)
        self.ticket.invalidate_recordset()
        self.assertFalse(self.ticket.first_response_date)
