# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCalendarRpc(HttpCase):
    """``resource.calendar.write`` keeps its record API over RPC."""

    def test_write_over_json_rpc(self):
        new_test_user(self.env, login="cal-admin", groups="base.group_system")
        calendar = self.env["resource.calendar"].create(
            {"name": "RPC calendar", "tz": "Asia/Irkutsk"}
        )
        self.authenticate("cal-admin", "cal-admin")
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/resource.calendar/write",
            {
                "model": "resource.calendar",
                "method": "write",
                "args": [calendar.ids, {"tz": "Europe/Moscow"}],
                "kwargs": {},
            },
        )
        self.assertIs(result, True)
        calendar.invalidate_recordset()
        self.assertEqual(calendar.tz, "Europe/Moscow")
        # and through the ORM, on several records
        calendars = calendar | calendar.copy()
        self.assertIs(calendars.write({"tz": "Asia/Irkutsk"}), True)
        self.assertEqual(set(calendars.mapped("tz")), {"Asia/Irkutsk"})
