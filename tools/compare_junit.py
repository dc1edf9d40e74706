"""Compare two JUnit XML reports of the same suites: baseline vs with our addon.

Prints both summaries side by side and exits non-zero when a test that passed
in the baseline fails (or errors) with konus_helpdesk installed.
"""

import sys
import xml.etree.ElementTree as ET


def outcomes(path):
    result = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        key = f"{case.get('classname')}::{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            result[key] = "failed"
        elif case.find("skipped") is not None:
            result[key] = "skipped"
        else:
            result[key] = "passed"
    return result


def summary(res):
    counts = {k: 0 for k in ("passed", "failed", "skipped")}
    for value in res.values():
        counts[value] += 1
    return "{passed} ok / {failed} failing / {skipped} skipped".format(**counts)


def main(base_path, ours_path):
    base, ours = outcomes(base_path), outcomes(ours_path)
    print(f"OCA helpdesk tests without konus_helpdesk: {summary(base)}")
    print(f"OCA helpdesk tests with    konus_helpdesk: {summary(ours)}")
    if not ours:
        print("no OCA test ran with konus_helpdesk installed")
        return 1
    new_failures = sorted(
        k for k, v in ours.items() if v == "failed" and base.get(k) != "failed"
    )
    for key in new_failures:
        print(f"  new failure with konus_helpdesk: {key}")
    return 1 if new_failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
