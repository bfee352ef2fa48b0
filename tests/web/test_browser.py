"""The public pages in headless Chromium: no console errors, charts with data, the API's rows, working navigation.

One file, one module-scoped browser: ``--dist loadfile`` keeps these tests on
one xdist worker, and the browser starts once for all of them.
"""

import pytest
from django.test import Client
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import make_key
from tests.web.browser import chromium, console_errors
from tests.web.seed import seed_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Page -> the charts it must draw, each with at least one data point.
PAGES = {
    "/": [],
    "/search/?q=cluade+sonet": [],
    "/leaderboards/overall/": [],
    "/leaderboards/coding/quality-vs-price/": ["quality-price"],
    "/models/model-01/": ["score-history", "price-history"],
    "/compare/?models=model-00,model-01,claude-sonnet-4": [],
    "/providers/fastcloud/": ["uptime", "latency"],
}


@pytest.fixture(scope="module")
def driver():
    with chromium() as browser:
        yield browser


@pytest.fixture
def world(live_server):
    return seed_world()


def open_page(driver, live_server, path: str):
    driver.get(live_server.url + path)
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.TAG_NAME, "footer")))


def test_every_page_renders_without_console_errors_and_its_charts_have_data(driver, live_server, world):
    console_errors(driver)  # drop what earlier tests left in the log
    for path, chart_names in PAGES.items():
        open_page(driver, live_server, path)
        assert console_errors(driver) == [], path
        assert driver.find_element(By.TAG_NAME, "h1").text, path
        for name in chart_names:
            figure = driver.find_element(By.CSS_SELECTOR, f'figure[data-chart="{name}"]')
            assert int(figure.get_attribute("data-points")) > 0, (path, name)
            assert figure.find_elements(By.CSS_SELECTOR, "circle, .fill"), (path, name)


def test_the_leaderboards_rows_equal_the_apis_across_its_pages(driver, live_server, world):
    client, key = Client(), make_key("internal")
    api = client.get("/v1/rankings/overall?limit=100", HTTP_X_API_KEY=key).json()["data"]
    expected = [(str(e["rank"]), e["model"]["slug"], f"{e['score']:.1f}") for e in api]

    open_page(driver, live_server, "/leaderboards/overall/")
    shown = []
    while True:
        for row in driver.find_elements(By.CSS_SELECTOR, "#leaderboard tbody tr"):
            cells = row.find_elements(By.TAG_NAME, "td")
            shown.append((cells[0].text, row.get_attribute("data-slug"), cells[2].text))
        following = driver.find_elements(By.CSS_SELECTOR, 'nav.pages a[rel="next"]')
        if not following:
            break
        following[0].click()
        WebDriverWait(driver, 10).until(expected_conditions.staleness_of(following[0]))

    assert shown == expected
    assert console_errors(driver) == []


def test_search_navigation_sorting_and_filters_work(driver, live_server, world):
    open_page(driver, live_server, "/")
    box = driver.find_element(By.ID, "site-search")
    box.send_keys("cluade sonet", Keys.ENTER)  # typos on purpose
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "search-results")))
    driver.find_element(By.CSS_SELECTOR, "#search-results tbody a").click()
    WebDriverWait(driver, 10).until(expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Claude"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Claude Sonnet 4"

    driver.find_element(By.LINK_TEXT, "Leaderboard").click()
    WebDriverWait(driver, 10).until(expected_conditions.title_contains("Overall leaderboard"))
    driver.find_element(By.LINK_TEXT, "Blended price").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("sort=price"))
    header = driver.find_element(By.XPATH, "//th[a[text()='Blended price']]")
    assert header.get_attribute("aria-sort") == "ascending"

    Select(driver.find_element(By.NAME, "open_weights")).select_by_value("yes")
    driver.find_element(By.XPATH, "//button[text()='Apply']").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("open_weights=yes"))
    slugs = [row.get_attribute("data-slug") for row in driver.find_elements(By.CSS_SELECTOR, "#leaderboard tbody tr")]
    open_models = {m.slug for m in world.models if m.open_weights}
    assert slugs and set(slugs) <= open_models
    assert console_errors(driver) == []


def test_the_leaderboard_fits_a_phone_screen(driver, live_server, world):
    driver.set_window_size(390, 844)
    try:
        open_page(driver, live_server, "/leaderboards/overall/")
        # The page never scrolls sideways: only the table's own wrapper does.
        assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        driver.set_window_size(1280, 900)


def test_a_keyed_reader_submits_a_review_from_the_model_page(driver, live_server, world):
    open_page(driver, live_server, "/models/model-02/")
    form = driver.find_element(By.ID, "review-form")
    form.find_element(By.NAME, "apiKey").send_keys(make_key("pro"))
    form.find_element(By.NAME, "authorName").send_keys("Ada")
    Select(form.find_element(By.NAME, "rating")).select_by_value("4")
    form.find_element(By.NAME, "title").send_keys("Fast and tidy")
    form.find_element(By.NAME, "body").send_keys("Writes clean code and explains it briefly.")
    form.find_element(By.XPATH, ".//button[@type='submit']").click()

    # The page reloads on success and shows the review (the reviews version changed). While it
    # reloads, the element read may leave the document: Chrome then answers with a plain
    # WebDriverException ("does not belong to the document"), so the wait asks again.
    reloaded = expected_conditions.text_to_be_present_in_element((By.ID, "content"), "Fast and tidy")
    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(reloaded)
    assert "Average 4.0 / 5 from 1 review." in driver.find_element(By.ID, "content").text
    assert console_errors(driver) == []
