"""Screenshots of every public page for the docs, light and dark, from a running server with the demo data.

    make run   # in another shell: serves the demo data on :8000
    .venv/bin/python docs/screenshots/take_screenshots.py [http://127.0.0.1:8000]

The pages are found by following the home page's links, so the script follows whatever data is loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.web.browser import chromium

HERE = Path(__file__).resolve().parent


def pages(driver, base: str) -> dict[str, str]:
    """The pages to capture, found by following the home page: its overall top 3 and the first one's host."""
    driver.get(base + "/")
    links = driver.find_elements(By.CSS_SELECTOR, "article[data-category=overall] ol a")[:3]
    models = [link.get_attribute("href").removeprefix(base) for link in links]
    slugs = [path.strip("/").split("/")[-1] for path in models]
    driver.get(base + models[0])
    hosts = driver.find_elements(By.CSS_SELECTOR, "#hosts a")
    return {
        "home": "/",
        "leaderboard": "/leaderboards/overall/",
        "model": models[0],
        "compare": "/compare/?models=" + ",".join(slugs),
        "quality-price": "/leaderboards/coding/quality-vs-price/",
        "provider": hosts[0].get_attribute("href").removeprefix(base) if hosts else "/",
        "search": "/search/?q=cluade+sonet",
    }


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    with chromium() as driver:
        targets = pages(driver, base)
    for dark in (False, True):
        scheme = "dark" if dark else "light"
        with chromium(width=1280, height=1000, dark=dark) as driver:
            for name, path in targets.items():
                if dark and name not in ("home", "leaderboard", "model", "quality-price"):
                    continue
                driver.get(base + path)
                driver.save_screenshot(str(HERE / f"{name}-{scheme}.png"))
        with chromium(width=390, height=844, dark=dark) as phone:
            phone.get(base + targets["leaderboard"])
            phone.save_screenshot(str(HERE / f"leaderboard-phone-{scheme}.png"))


if __name__ == "__main__":
    main()
