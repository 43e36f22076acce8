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
    """Log in through the real login form."""
    page.goto(f"{live_server_url}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")
