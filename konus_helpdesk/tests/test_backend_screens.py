# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, new_test_user, tagged

# Opens the action, then every filter of its search panel in turn: a domain
# the web client cannot evaluate (its Python is not Python: no
# ``date.replace``) only fails in the browser, when a filter is applied.
OPEN_EVERY_FILTER = """
(async () => {
    const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const find = async (selector, where) => {
        for (let i = 0; i < 150; i++) {
            const element = document.querySelector(selector);
            if (element) {
                return element;
            }
            await wait(100);
        }
        throw new Error(`${selector} not found on ${where}`);
    };
    const env = odoo.__WOWL_DEBUG__.root.env;
    for (const xmlid of %s) {
        await env.services.action.doAction(xmlid, {clearBreadcrumbs: true});
        await find(".o_view_controller", xmlid);
        const toggler = document.querySelector(".o_searchview_dropdown_toggler");
        if (!toggler) {
            continue;
        }
        toggler.click();
        await find(".o_filter_menu", xmlid);
        const count = document.querySelectorAll(".o_filter_menu .o_menu_item").length;
        for (let i = 0; i < count; i++) {
            const item = document.querySelectorAll(".o_filter_menu .o_menu_item")[i];
            if (item) {
                item.click();
                await wait(300);
                await find(".o_view_controller", xmlid);
            }
        }
        console.log(`${xmlid}: ${count} filters`);
    }
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install")
class TestBackendScreens(HttpCase):
    """Every screen of the addon's menus opens in a real browser for the
    head of support (who sees them all), with each of its filters applied:
    no client error, whatever the date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = new_test_user(
            cls.env,
            login="head-screens",
            groups="konus_helpdesk.group_support_head,base.group_system",
            name="Руководитель СТП",
            tz="Asia/Irkutsk",
        )

    def _addon_actions(self):
        menus = self.env["ir.ui.menu"].with_user(self.head).search([])
        action_ids = [
            menu.action.id
            for menu in menus
            if menu.action and menu.action._name == "ir.actions.act_window"
        ]
        data = self.env["ir.model.data"].search(
            [
                ("model", "=", "ir.actions.act_window"),
                ("res_id", "in", action_ids),
                (
                    "module",
                    "in",
                    ("konus_helpdesk", "helpdesk_mgmt", "helpdesk_mgmt_sla"),
                ),
            ]
        )
        own = self.env["ir.model.data"].search(
            [("model", "=", "ir.actions.act_window"), ("module", "=", "konus_helpdesk")]
        )
        return sorted(set((data | own).mapped("complete_name")))

    def test_every_screen_and_filter_opens(self):
        xmlids = self._addon_actions()
        self.assertIn("konus_helpdesk.konus_helpdesk_ticket_report_action", xmlids)
        screens = [
            xmlid
            for xmlid in xmlids
            if self.env.ref(xmlid).res_model in self.env
            and self.env.ref(xmlid).target != "new"
        ]
        self.browser_js(
            "/odoo",
            OPEN_EVERY_FILTER % json.dumps(screens),
            ready="!!odoo.__WOWL_DEBUG__",
            login=self.head.login,
            timeout=300,
        )
