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
MAX_HEIGHT = 2200


def pages(driver, base: str) -> dict[str, str]:
    """The pages to capture, found by following links: the overall leaderboard's first model with hosts and prices."""
    driver.get(base + "/leaderboards/overall/")
    rows = driver.find_elements(By.CSS_SELECTOR, "#leaderboard tbody tr")
    slugs = [row.get_attribute("data-slug") for row in rows[:20]]
    model, host = f"/models/{slugs[0]}/", None
    for slug in slugs:
        driver.get(f"{base}/models/{slug}/")
        hosts = driver.find_elements(By.CSS_SELECTOR, "#hosts a")
        if hosts and driver.find_elements(By.CSS_SELECTOR, 'figure[data-chart="price-history"]'):
            model, host = f"/models/{slug}/", hosts[0].get_attribute("href").removeprefix(base)
            break
    return {
        "home": "/",
        "leaderboard": "/leaderboards/overall/",
        "model": model,
        "compare": "/compare/?models=" + ",".join(slugs[:3]),
        "quality-price": "/leaderboards/coding/quality-vs-price/",
        "provider": host or "/",
        "search": "/search/?q=cluade+sonet",
    }


def save_page(driver, path: Path, *, width: int) -> None:
    """The page down to MAX_HEIGHT pixels: the window grows to the document's height first."""
    height = min(driver.execute_script("return document.documentElement.scrollHeight"), MAX_HEIGHT)
    driver.set_window_size(width, height)
    driver.save_screenshot(str(path))


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
                save_page(driver, HERE / f"{name}-{scheme}.png", width=1280)
        with chromium(width=390, height=844, dark=dark) as phone:
            phone.get(base + targets["leaderboard"])
            save_page(phone, HERE / f"leaderboard-phone-{scheme}.png", width=390)


if __name__ == "__main__":
    main()
