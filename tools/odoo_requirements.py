"""Turn Odoo's requirements.txt into one that installs from wheels here.

Odoo pins, per Python version, the releases of the distributions it was tested
with; the oldest pins have no wheels for recent Pythons and their sdists no
longer build with current setuptools.  We keep Odoo's pins but evaluate the
markers as for the next supported Python (whose pins ship wheels) and leave out
python-ldap (optional, needs system headers).
"""

import sys

from packaging.requirements import Requirement


def main(path):
    major, minor = sys.version_info[:2]
    target = f"{major}.{max(minor, 12)}"
    env = {
        "python_version": target,
        "python_full_version": target + ".0",
        "sys_platform": sys.platform,
    }
    with open(path, encoding="utf-8") as lines:
        lines = lines.read().splitlines()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        if req.name.lower() == "python-ldap":
            continue
        if req.marker is None or req.marker.evaluate(env):
            req.marker = None
            print(req)


if __name__ == "__main__":
    main(sys.argv[1])
