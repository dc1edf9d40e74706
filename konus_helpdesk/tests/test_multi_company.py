# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged

from .sla_common import ulan_ude

NOW = ulan_ude(2027, 3, 1, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMultiCompany(TransactionCase):
    """Two companies in one database, each with its own calendar, support
    address, team, targets, contracts, engineers and head of support, and a
    customer both serve: nothing of one reaches the other's people — neither
    records, nor the menus' counters, nor the crons' alerts, nor mails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "ООО «Общий клиент»", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Аюшеева Туяна",
                "email": "tuyana@common.example",
                "parent_id": cls.customer.id,
            }
        )
        cls.side = {key: cls._make_side(key) for key in ("a", "b")}

    @classmethod
    def _make_side(cls, key):
        env = cls.env
        tz = {"a": "Asia/Irkutsk", "b": "Asia/Vladivostok"}[key]
        company = env["res.company"].create(
            {"name": f"Конус-{key.upper()}", "email": f"office@{key}.example"}
        )
        calendar = env["resource.calendar"].create(
            {
                "name": f"Calendar {key}",
                "tz": tz,
                "company_id": company.id,
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
        domain = env["mail.alias.domain"].create({"name": f"{key}.example"})
        company.write(
            {"resource_calendar_id": calendar.id, "alias_domain_id": domain.id}
        )
        engineer = new_test_user(
            env,
            login=f"mc-engineer-{key}",
            groups="konus_helpdesk.group_support_engineer",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        head = new_test_user(
            env,
            login=f"mc-head-{key}",
            groups="konus_helpdesk.group_support_head",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        team = env["helpdesk.ticket.team"].create(
            {
                "name": f"Support {key}",
                "company_id": company.id,
                "use_sla": True,
                "resource_calendar_id": calendar.id,
                "user_id": engineer.id,
            }
        )
        team.write({"alias_name": f"help-{key}", "alias_domain_id": domain.id})
        env["helpdesk.sla"].create(
            {
                "name": f"Response {key}",
                "company_id": company.id,
                "incident_class": "critical",
                "sla_type": "response",
                "working_hours": 1,
                "team_ids": [Command.set(team.ids)],
            }
        )
        product = env["konus.supported.product"].create(
            {
                "name": f"1С ({key})",
                "kind": "software",
                "partner_id": cls.customer.id,
                "company_id": company.id,
            }
        )
        contract = env["konus.support.contract"].create(
            {
                "name": f"ДТП-{key.upper()}-7",
                "partner_id": cls.customer.id,
                "company_id": company.id,
                "date_start": date(2026, 4, 1),
                # Ends within the warning period: the cron warns of it.
                "date_end": date(2027, 3, 20),
                "product_ids": [Command.set(product.ids)],
                "calendar_id": calendar.id,
            }
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": f"Не работает ({key})",
                "description": "<p>Ошибка</p>",
                "team_id": team.id,
                "partner_id": cls.contact.id,
                "contract_id": contract.id,
                "incident_class": "critical",
            }
        )
        return {
            "company": company,
            "calendar": calendar,
            "engineer": engineer,
            "head": head,
            "team": team,
            "product": product,
            "contract": contract,
            "ticket": ticket,
        }

    def mine_and_theirs(self, key):
        other = {"a": "b", "b": "a"}[key]
        return self.side[key], self.side[other]

    # ------------------------------------------------------------- records
    def test_engineers_see_their_company_only(self):
        for key in ("a", "b"):
            mine, theirs = self.mine_and_theirs(key)
            env = self.env(user=mine["engineer"])
            tickets = mine["ticket"] | theirs["ticket"]
            self.assertEqual(mine["ticket"].company_id, mine["company"])
            for model, records in (
                ("helpdesk.ticket", tickets),
                ("helpdesk.ticket.sla", tickets.ticket_sla_ids),
                ("helpdesk.ticket.team", mine["team"] | theirs["team"]),
                ("konus.support.contract", mine["contract"] | theirs["contract"]),
                ("konus.supported.product", mine["product"] | theirs["product"]),
            ):
                self.assertEqual(
                    env[model].search([("id", "in", records.ids)]),
                    records.filtered(
                        lambda r, m=mine: (
                            m["company"]
                            in (
                                r.company_id
                                if "company_id" in r
                                else r.ticket_id.company_id
                            )
                        )
                    ).with_env(env),
                    (key, model),
                )
            # The analyses are the head's.
            head_env = self.env(user=mine["head"])
            for model in ("helpdesk.sla.report", "konus.helpdesk.ticket.report"):
                rows = head_env[model].search([("ticket_id", "in", tickets.ids)])
                self.assertTrue(rows, (key, model))
                self.assertEqual(rows.ticket_id, mine["ticket"].with_env(head_env))
            with self.assertRaises(AccessError):
                theirs["ticket"].with_env(env).read(["name"])
            with self.assertRaises(AccessError):
                theirs["ticket"].ticket_sla_ids.with_env(env).read(["state"])

    def test_menu_counters_count_their_company_only(self):
        for key in ("a", "b"):
            mine, theirs = self.mine_and_theirs(key)
            env = self.env(user=mine["engineer"])
            teams = env["helpdesk.ticket.team"].search([])
            self.assertNotIn(theirs["team"].id, teams.ids)
            team = mine["team"].with_env(env)
            self.assertEqual(team.todo_ticket_count, 1, key)
            board = {
                item["name"]: item["value"]
                for item in env["helpdesk.ticket.team"].retrieve_dashboard()
            }
            self.assertEqual(board["Open Tickets"], 1, key)
            head_env = self.env(user=mine["head"])
            groups = head_env["konus.helpdesk.ticket.report"].formatted_read_group(
                [], ["company_id"], ["__count"]
            )
            self.assertEqual(
                [g["company_id"][0] for g in groups], mine["company"].ids, key
            )

    # --------------------------------------------------------------- crons
    def _alerted(self, record):
        return record.activity_ids.user_id

    def test_sla_cron_alerts_the_company_people_only(self):
        with freeze_time(ulan_ude(2027, 3, 1, 10, 30)):
            self.env["helpdesk.ticket.sla"]._cron_sla_alerts()
        for key in ("a", "b"):
            mine, _theirs = self.mine_and_theirs(key)
            clock = mine["ticket"].ticket_sla_ids
            self.assertEqual(clock.state, "expired")
            self.assertTrue(clock.breach_notified)
            alerted = self._alerted(mine["ticket"])
            self.assertTrue(alerted, key)
            self.assertFalse(
                alerted.filtered(lambda u, m=mine: m["company"] not in u.company_ids),
                key,
            )
            self.assertIn(mine["head"], alerted)

    def test_contract_cron_warns_the_company_head_only(self):
        self.env["konus.support.contract"]._cron_update_state()
        for key in ("a", "b"):
            mine, theirs = self.mine_and_theirs(key)
            self.assertTrue(mine["contract"].expiry_warned)
            alerted = self._alerted(mine["contract"])
            self.assertIn(mine["head"], alerted, key)
            self.assertNotIn(theirs["head"], alerted, key)

    # --------------------------------------------------------------- mails
    def _mail(self, to, subject, body, msg_id):
        encoded = base64.b64encode(body.encode()).decode()
        raw = (
            f"From: {self.contact.name} <{self.contact.email}>\r\n"
            f"To: {to}\r\n"
            f"Subject: {subject}\r\n"
            f"Message-ID: {msg_id}\r\n"
            "Date: Mon, 01 Mar 2027 10:00:00 +0800\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "\r\n"
            f"{encoded}\r\n"
        ).encode()
        ticket_id = self.env["mail.thread"].message_process(
            "helpdesk.ticket", raw, save_original=False
        )
        return self.env["helpdesk.ticket"].browse(ticket_id)

    def test_mail_to_b_opens_a_request_of_b(self):
        a, b = self.side["a"], self.side["b"]
        ticket = self._mail(
            "help-b@b.example",
            "Не работает 1С",
            # The customer names its contract with A by mistake.
            f"По договору {a['contract'].name}: не проводится документ.",
            "<mc-1@common.example>",
        )
        self.assertEqual(ticket.team_id, b["team"])
        self.assertEqual(ticket.company_id, b["company"])
        self.assertEqual(ticket.sla_calendar_id, b["calendar"])
        self.assertNotEqual(ticket.contract_id, a["contract"])
        self.assertNotIn(a["company"], ticket.ticket_sla_ids.sla_id.company_id)
        # A's contract is no contract of B's: noted as an unknown number,
        # not refused with a message about A.
        notes = ticket.message_ids.filtered(lambda m: m.subtype_id.internal)
        self.assertEqual(
            notes.mapped("body"),
            [
                (
                    "<p>The sender gave a contract or certificate number that "
                    f"is not one of their organisation's: {a['contract'].name}.</p>"
                )
            ],
        )
        # B's answer, from B's address.
        answers = ticket.message_ids.filtered(
            lambda m: m.message_type == "auto_comment"
        )
        self.assertTrue(answers)
        for answer in answers:
            self.assertIn("b.example", answer.email_from)
            self.assertNotIn("a.example", answer.email_from)
            self.assertNotEqual(answer.author_id, a["company"].partner_id)

    def test_mail_to_b_quoting_a_request_of_a_stays_in_b(self):
        a, b = self.side["a"], self.side["b"]
        ticket = self._mail(
            "help-b@b.example",
            f"Re: Обращение {a['ticket'].number}",
            "Ещё вопрос.",
            "<mc-2@common.example>",
        )
        self.assertNotEqual(ticket, a["ticket"])
        self.assertEqual(ticket.company_id, b["company"])
        self.assertFalse(
            a["ticket"].message_ids.filtered(
                lambda m: m.message_id == "<mc-2@common.example>"
            )
        )
