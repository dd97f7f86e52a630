"""The web widget in a real browser (Debian's headless Chromium driven by Selenium)."""

import shutil
from pathlib import Path

import pytest
from stack import free_port

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "results" / "widget.png"  # docs/widget.png: the copy in the README
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip(
        "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def site(stack_factory):
    web_port = free_port()
    # Quick exit goes to a blank page here: tests make no request off this machine.
    stack = stack_factory(CORS_ORIGINS=f"http://localhost:{web_port}", COACH_EXIT_URL="about:blank")
    stack.web_port = web_port
    return stack.start(web=True)


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1000,800",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def bot_texts(driver) -> str:
    # Read in one script call: the widget re-renders messages while they arrive.
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.rw-response'))"
        ".map(e => e.innerText).join('\\n')"
    )


def wait_for_bot(driver, text: str, timeout: float = 30) -> None:
    WebDriverWait(driver, timeout).until(lambda d: text in bot_texts(d))


def type_message(driver, text: str) -> None:
    box = driver.find_element(By.CSS_SELECTOR, ".rw-new-message")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


def requested_hosts(driver) -> set[str]:
    import json
    from urllib.parse import urlparse

    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith("http"):
                hosts.add(urlparse(url).hostname)
    return hosts


def test_chat_in_the_browser_survives_a_reload_and_quick_exit_clears_it(site, browser):
    page = f"http://localhost:{site.web_port}/"
    browser.get(page)
    wait_for_bot(browser, "not a therapist")  # the widget greets on its own (initPayload)
    wait_for_bot(browser, "safe right now")
    button = WebDriverWait(browser, 10).until(
        ec.element_to_be_clickable(
            (By.XPATH, "//*[contains(@class,'rw-reply')][contains(., \"Yes, I'm safe\")]")
        )
    )
    button.click()
    wait_for_bot(browser, "what ended the relationship")
    type_message(browser, "we kept arguing about little things and stopped talking")
    wait_for_bot(browser, "want them back")
    type_message(browser, "i love him and we were happy for years")
    wait_for_bot(browser, "pushing you")
    type_message(browser, "no, it's my own choice")
    wait_for_bot(browser, "Step 1 of 13")
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "steps").get_attribute("data-current-step") == "1"
    )
    SCREENSHOT.parent.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))

    browser.refresh()  # the same conversation comes back after a reload
    wait_for_bot(browser, "Step 1 of 13")
    type_message(browser, "where am i?")
    wait_for_bot(browser, "Step 1 of 13: Give them space")
    assert requested_hosts(browser) <= {"localhost", "127.0.0.1"}

    session = browser.execute_script("return window.localStorage.getItem('chat_session')")
    assert session and len(__import__("json").loads(session)["session_id"]) == 32
    browser.find_element(By.ID, "quick-exit").click()
    WebDriverWait(browser, 10).until(lambda d: not d.current_url.startswith(page))
    browser.get(page)  # coming back on this device starts fresh: nothing left to see
    assert browser.execute_script("return window.localStorage.getItem('coach_step')") is None
    wait_for_bot(browser, "safe right now")
    assert "Step 1 of 13" not in bot_texts(browser)


def test_page_says_it_is_reconnecting_when_the_server_is_down(site, browser, stack_factory):
    down_port = free_port()  # a page pointing at a Rasa that isn't there
    web = stack_factory(COACH_EXIT_URL="about:blank")
    web.rasa_port, web.web_port = down_port, free_port()
    web.start_web()
    browser.get(f"http://localhost:{web.web_port}/")
    status = browser.find_element(By.ID, "status")
    WebDriverWait(browser, 30).until(lambda d: status.is_displayed())
    assert "Reconnecting" in status.text
