"""Playwright in Debian's Chromium (never a downloaded browser) for the journeys."""

import os
import shutil
from pathlib import Path

CHROMIUM = os.environ.get("TRAJECT_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(os.environ.get("TRAJECT_TEST_ARTIFACTS", "test-artifacts"))

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def screenshot(page, name: str) -> Path:
    """Save a screenshot for a person to look at (CI keeps them in test-artifacts/)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, live_server_url: str, email: str, password: str) -> None:
    """Log in through the real login form (and the second factor, when one is asked)."""
    page.goto(f"{live_server_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    from traject.accounts.testing import current_totp_code

    # A code is accepted once (replay protection); the test settings allow one period of drift.
    for offset in (0, 1, -1):
        if not page.locator("input[name=code]").count():
            break
        page.fill("input[name=code]", current_totp_code(offset=offset))
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")


# --- Every page of every journey: axe-core and the browser console ------------------------------

AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_BLOCKING = ("serious", "critical")

# axe-core refuses a second run while one is going ("Axe is already running"), so every scan in a
# document, the one on load and the ones a journey asks for, waits its turn in one queue.
_AXE_QUEUE = """
(() => {
  if (window.__trajectAxeScan) return;
  let queue = Promise.resolve();
  window.__trajectAxeScan = () => {
    const run = queue.catch(() => null).then(() => window.axe.run(document, {resultTypes: ["violations"]}))
      .then((result) => result.violations
        .filter((v) => ["serious", "critical"].includes(v.impact))
        .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))})));
    queue = run;
    return run;
  };
})();
"""

# Runs in every document the journey opens: axe-core scans the page once it has loaded and reports
# the serious and critical violations on the console, where the checker below collects them.
_AXE_ON_LOAD = """
(() => {
  if (window.top !== window) return;
  const scan = () => window.__trajectAxeScan().then((violations) => {
    console.info("traject-axe:" + JSON.stringify({url: location.href, violations}));
  });
  if (document.readyState === "complete") { scan(); }
  else { window.addEventListener("load", () => setTimeout(scan, 0)); }
})();
"""

_AXE_NOW = "() => window.__trajectAxeScan()"


class PageChecks:
    """Collect, for one browser page, the accessibility and console problems of every page visited.

    Attached by the phone_page and desktop_page fixtures: each document is scanned by axe-core
    when it has loaded; a page the journey left before the scan finished is opened again at the
    end and scanned then. Console errors, uncaught exceptions and failed sub-resources (a missing
    favicon, a script blocked by the CSP) fail the journey too. A document the journey opened on
    purpose with an error status (an attacker's URL) is not itself a console error.
    """

    def __init__(self, page):
        self.page = page
        self.visited: list[str] = []
        self.scanned: dict[str, list] = {}
        self.errors: list[str] = []
        self._failed_documents: set[str] = set()
        page.add_init_script(
            script=AXE_SOURCE.read_text(encoding="utf-8") + _AXE_QUEUE + _AXE_ON_LOAD
        )
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught exception: {exc}"))
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_navigated)

    def _on_navigated(self, frame):
        if frame == self.page.main_frame and frame.url.startswith("http"):
            self.visited.append(frame.url)

    def _on_response(self, response):
        if response.status >= 400 and response.request.resource_type == "document":
            self._failed_documents.add(response.url)

    def _on_console(self, message):
        text = message.text
        if text.startswith("traject-axe:"):
            import json

            report = json.loads(text.removeprefix("traject-axe:"))
            self.scanned.setdefault(report["url"], []).extend(report["violations"])
        elif message.type == "error":
            url = (message.location or {}).get("url", "")
            if text.startswith("Failed to load resource") and url in self._failed_documents:
                return
            self.errors.append(f"console error on {url}: {text}")

    def scan_now(self) -> list:
        """Scan the current page now (after an htmx swap, say) and return its violations."""
        violations = self.page.evaluate(_AXE_NOW)
        self.scanned.setdefault(self.page.url, []).extend(violations)
        return violations

    def problems(self) -> list[str]:
        page = self.page
        if not page.is_closed() and page.url.startswith("http"):
            try:
                page.wait_for_load_state("load")
                self.scan_now()
            except Exception as exc:  # noqa: BLE001 - a page closing under us is reported below
                self.errors.append(f"could not scan {page.url}: {exc}")
        for url in dict.fromkeys(self.visited):
            if url in self.scanned or url in self._failed_documents or page.is_closed():
                continue
            response = page.goto(url)
            if response is not None and response.ok:
                page.wait_for_load_state("load")
                self.scan_now()
            else:
                self.errors.append(f"{url} could not be opened again to scan it")
        found = [
            f"axe {v['impact']} {v['id']} on {url}: {v['help']} {v['nodes']}"
            for url, violations in self.scanned.items()
            for v in violations
        ]
        return list(dict.fromkeys(found + self.errors))


def watch_console(page) -> list[str]:
    """Collect the page's console errors and uncaught exceptions into the returned list."""
    errors: list[str] = []

    def on_console(msg):
        url = (msg.location or {}).get("url", "")
        # The browser asks for /favicon.ico by itself; that is not the page's error.
        if msg.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"{msg.text} {url}".strip())

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def assert_accessible(page, name: str = "") -> None:
    """Run axe-core (vendored from npm) on the page: no serious or critical violation.

    axe is evaluated through the DevTools protocol, so the strict Content-Security-Policy needs
    no exception for it.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    page.evaluate(_AXE_QUEUE)
    result = [f"{v['id']}: {', '.join(v['nodes'])}" for v in page.evaluate(_AXE_NOW)]
    assert not result, f"{name or page.url}: accessibility violations {result}"
