# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The harness is honest: the addon is installed in the database the tests
    run on, and its groups form the ladder the regulation's roles need."""

    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "konus_helpdesk")])
        self.assertEqual(module.state, "installed")
        for dependency in ("helpdesk_mgmt", "helpdesk_mgmt_sla"):
            dep = self.env["ir.module.module"].search([("name", "=", dependency)])
            self.assertEqual(dep.state, "installed", dependency)

    def test_group_ladder(self):
        engineer = self.env.ref("konus_helpdesk.group_support_engineer")
        head = self.env.ref("konus_helpdesk.group_support_head")
        self.assertIn(engineer, head.all_implied_ids)
        self.assertIn(
            self.env.ref("helpdesk_mgmt.group_helpdesk_user"), engineer.all_implied_ids
        )
        self.assertIn(
            self.env.ref("helpdesk_mgmt.group_helpdesk_manager"), head.all_implied_ids
        )
        self.assertNotIn(
            self.env.ref("helpdesk_mgmt.group_helpdesk_manager"),
            engineer.all_implied_ids,
        )
        self.assertEqual(engineer.privilege_id, head.privilege_id)

    def test_engineer_creates_ticket(self):
        user = new_test_user(
            self.env, login="eng-smoke", groups="konus_helpdesk.group_support_engineer"
        )
        team = self.env.ref("konus_helpdesk.team_konus_support")
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .create(
                {
                    "name": "Не печатает ККТ",
                    "description": "<p>Ошибка связи</p>",
                    "team_id": team.id,
                }
            )
        )
        self.assertTrue(ticket.number)
        self.assertEqual(ticket.stage_id, team._get_applicable_stages()[:1])
        self.assertEqual(ticket.create_uid, user)
