# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screenshots of the real screens for the README, from a running `make run`.

    .venv/bin/python tools/screenshots.py http://localhost:8069 konus docs/img \\
        admin:admin:/odoo/action-helpdesk_mgmt.helpdesk_ticket_action:tickets ...

Each shot is LOGIN:PASSWORD:PATH:NAME[:SCRIPT]; headless Debian Chromium,
driven over the DevTools protocol with a session cookie obtained from
/web/login. SCRIPT (optional, may contain colons) is JavaScript run in the page
before the shot, for what a URL cannot reach: a wizard's button, a form typed
with a mistake. It may return a promise; the shot waits for it.
The DevTools port is 9333, or KONUS_SHOT_PORT.
"""

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import requests
import websocket


def session_for(base, db, login, password):
    s = requests.Session()
    page = s.get(f"{base}/web/login", params={"db": db}, timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    s.post(
        f"{base}/web/login",
        data={"login": login, "password": password, "csrf_token": token, "db": db},
        timeout=30,
    )
    return s.cookies.get("session_id")


def main(base, db, outdir, *shots):
    profile = tempfile.mkdtemp()
    port = int(os.environ.get("KONUS_SHOT_PORT", "9333"))
    browser = subprocess.Popen(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--remote-debugging-port={port}",
            "--window-size=1400,900",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                targets = requests.get(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ).json()
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        page = next(t for t in targets if t["type"] == "page")
        ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], suppress_origin=True
        )
        counter = iter(range(1, 10**6))

        def call(method, **params):
            msg_id = next(counter)
            ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
            while True:
                reply = json.loads(ws.recv())
                if reply.get("id") == msg_id:
                    return reply.get("result", {})

        call("Network.enable")
        call(
            "Emulation.setDeviceMetricsOverride",
            width=1400,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        for shot in shots:
            login, password, path, name, *script = shot.split(":", 4)
            call("Network.clearBrowserCookies")
            call(
                "Network.setCookie",
                name="session_id",
                value=session_for(base, db, login, password),
                url=base,
            )
            call("Page.navigate", url=base + path)
            time.sleep(6)
            if script:
                call(
                    "Runtime.evaluate",
                    expression=script[0],
                    awaitPromise=True,
                )
                time.sleep(3)
            data = call("Page.captureScreenshot", format="png")["data"]
            with open(f"{outdir}/{name}.png", "wb") as f:
                f.write(base64.b64decode(data))
            print(f"{outdir}/{name}.png")
    finally:
        browser.terminate()


if __name__ == "__main__":
    main(*sys.argv[1:])
