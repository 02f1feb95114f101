"""Practice out loud on the built site: Chromium records a WAV file as its microphone.

The WAV is a spoken close made with espeak-ng, with silences of known length
between its sentences (``speech_wav``). Chromium is given it as the
microphone (``--use-fake-device-for-media-stream --use-file-for-fake-audio-capture``,
played once), and the page records it, plays it back, measures it, keeps it
in IndexedDB and its figures in the workbook. Every request not to 127.0.0.1
is aborted and fails the test: the take never leaves the machine.
"""

from __future__ import annotations

import json
import re

import pytest
import speech_wav
from browser_support import Guard, axe_source, describe, download_workbook, run_axe
from chromium import CHROMIUM, FLAGS, INSTALL, installed

DRAFTER = "book/05-close-the-sale.html"
DRILL = "book/06-reservations.html"
ROLEPLAY = "notebooks/09-final-five-minutes-role-play.html"
#: Only stops a hang: a cold start on this 2-core machine is about 8 s.
START_TIMEOUT = 90_000
#: What the recorder's state line says once a press on Record it is answered.
SAID_AFTER_PRESS = re.compile(
    r"Recording\. Say your answer|did not start|did not work|refused|No microphone|cannot record"
)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    return speech_wav.make(tmp_path_factory.mktemp("speech"))


def _launch(playwright, wav, fake_ui=True):
    if not installed():
        pytest.fail(INSTALL)
    args = [*FLAGS, "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}%noloop"]  # fmt: skip
    if fake_ui:
        args.append("--use-fake-ui-for-media-stream")  # the microphone is allowed at once
    return playwright.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)


@pytest.fixture(scope="module")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def recording_browser(playwright, speech):
    browser = _launch(playwright, speech[0])
    yield browser
    browser.close()


class Page:
    """A live page, offline but for 127.0.0.1, with the exercise started."""

    def __init__(self, context, url, box="Your close"):
        self.context = context
        self.page = context.new_page()
        self.guard = Guard(self.page)
        self.guard.watch(self.page)
        self.page.goto(url, wait_until="load")
        self.live = self.page.locator(".ck-live").first
        self.box_name = box

    def start(self):
        self.live.get_by_role("button", name="Start practicing").click()
        box = self.live.get_by_role("textbox", name=self.box_name)
        box.wait_for(state="visible", timeout=START_TIMEOUT)
        return box

    def open_recorder(self):
        self.live.get_by_role("button", name="Practice out loud").click()
        self.live.get_by_role("button", name="Record it").wait_for()

    def record(self, until_seconds: float):
        """Record until the page's own clock passes ``until_seconds``, then stop.

        If the page says the microphone did not start, press Record it once more, as it
        tells a reader to (CI's Chromium once never started it, under the whole suite's
        load); any other line, or a second failure, fails the test with the page's words.
        """
        state = self.live.locator('[data-rec="state"]')
        for attempt in (1, 2):
            self.live.get_by_role("button", name="Record it").click()
            state.filter(has_text=SAID_AFTER_PRESS).wait_for(timeout=START_TIMEOUT)
            said = state.inner_text()
            if said.startswith("Recording. Say your answer"):
                break
            assert attempt == 1 and "did not start" in said, said
        self.page.wait_for_function(
            "(s) => { const m = /Recording: (\\d+) s/.exec("
            "document.querySelector('.ck-live [data-rec=clock]').textContent);"
            " return m && Number(m[1]) >= s; }",
            arg=until_seconds,
            timeout=60_000,
        )
        self.live.get_by_role("button", name="Stop recording").click()
        self.live.locator('[data-region="spoken"]').get_by_text("You spoke for").wait_for()

    def workbook(self) -> dict:
        return json.loads(self.page.evaluate("localStorage.getItem('closing-kit-workbook')"))

    def stored_ids(self) -> list[str]:
        return self.page.evaluate(
            """() => new Promise((resolve, reject) => {
              const open = indexedDB.open('closing-kit-takes');
              open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('takes')) return resolve([]);
                const all = db.transaction('takes').objectStore('takes').getAllKeys();
                all.onsuccess = () => resolve(all.result);
              };
              open.onerror = () => reject(open.error);
            })"""
        )

    def clean(self):
        assert self.guard.blocked == [], self.guard.blocked
        assert self.guard.errors == [], self.guard.errors


@pytest.mark.slow
def test_a_spoken_close_is_recorded_heard_back_measured_kept_and_deleted(
    recording_browser, server, speech, tmp_path
):
    wav, truth = speech
    context = recording_browser.new_context(accept_downloads=True, service_workers="block", **PHONE)
    visit = Page(context, f"{server}/{DRAFTER}")
    # Before use: no recorder script, no microphone.
    assert not any("recorder.js" in url for url in visit.guard.requests)
    box = visit.start()
    box.fill(speech_wav.TEXT)
    visit.page.wait_for_function(
        "() => /\\d+\\/100/.test(document.querySelector('.ck-live [role=status]').textContent)"
    )
    assert not any("recorder.js" in url for url in visit.guard.requests)
    visit.open_recorder()
    assert any("recorder.js" in url for url in visit.guard.requests)
    assert "never uploaded" in visit.live.locator(".ck-rec-panel").inner_text()

    visit.record(truth["seconds"] + 1)
    take = _measured_as_the_file(visit, truth)
    _played_rated_and_downloaded(visit, take, tmp_path)
    _survives_a_reload_then_deleted(visit, take, tmp_path)
    visit.clean()
    context.close()


def _measured_as_the_file(visit, truth) -> dict:
    take = visit.workbook()["practice"]["takes"][0]
    assert take["pauses"] == truth["pauses"]
    assert take["spoken_ms"] / 1000 == pytest.approx(truth["spoken"], rel=0.1)
    assert take["paused_ms"] / 1000 == pytest.approx(truth["paused"], rel=0.1)
    assert take["words"] == truth["words"]
    line = visit.live.locator('[data-region="spoken"]').inner_text()
    spoken = (take["spoken_ms"] + 500) // 1000
    pauses = truth["pauses"]
    assert f"You spoke for {spoken} s, {pauses} pauses, {take['pace']} words a minute" in line
    # Beside the typed feedback, on a phone's width, with nothing wider than the screen.
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert visit.live.locator('[data-region="spoken"]').is_visible()
    return take


def _played_rated_and_downloaded(visit, take, tmp_path):
    # Play it back: the audio element plays the take from this browser.
    visit.live.get_by_role("button", name="Play, take 1").click()
    visit.page.wait_for_function(
        "() => { const a = document.querySelector('.ck-live [data-rec=audio]');"
        " return a.src.startsWith('blob:') && a.currentTime > 0.5; }",
        timeout=30_000,
    )

    # Rate it against the engine's checks of the typed close, from the keyboard.
    boxes = visit.live.locator('[data-region="rate"] input[type=checkbox]')
    assert boxes.count() == len(take["checks"]) > 0
    boxes.nth(0).focus()
    visit.page.keyboard.press("Space")
    visit.live.get_by_role("button", name="Save my rating").focus()
    visit.page.keyboard.press("Enter")
    visit.live.get_by_text("You rated it 1 of").first.wait_for()
    assert visit.workbook()["practice"]["takes"][0]["self"] == [take["checks"][0]["id"]]

    # Download this take: the browser's own file, the take's bytes.
    with visit.page.expect_download() as info:
        visit.live.get_by_role("button", name="Download this take, take 1").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".webm" and saved.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"


def _survives_a_reload_then_deleted(visit, take, tmp_path):
    # The take survives a reload; the workbook file has its figures and no audio.
    ids = visit.stored_ids()
    assert ids == [take["id"]]
    visit.page.reload(wait_until="load")
    visit.live = visit.page.locator(".ck-live").first
    visit.start()
    visit.open_recorder()
    visit.live.get_by_text("Take 1.").wait_for()
    assert visit.stored_ids() == ids
    _, data = download_workbook(visit.page, visit.live, tmp_path)
    assert data["schema_version"] == 4 and data["practice"]["takes"][0]["id"] == take["id"]
    assert "bytes" not in json.dumps(data["practice"]["takes"])

    # Delete deletes: from IndexedDB and from the workbook.
    visit.live.get_by_role("button", name="Delete, take 1").click()
    visit.live.get_by_text("Take deleted").wait_for()
    assert visit.stored_ids() == []
    assert visit.workbook()["practice"]["takes"] == []
    assert visit.live.locator('[data-region="takes"]').inner_text() == "No takes yet."


@pytest.mark.slow
def test_the_drill_and_the_roleplay_record_too(recording_browser, server, speech):
    _, truth = speech
    context = recording_browser.new_context(service_workers="block")
    for url, box, exercise in (
        (DRILL, "Your answer", "reservation"),
        (ROLEPLAY, "Your words", "roleplay"),
    ):
        visit = Page(context, f"{server}/{url}", box)
        visit.start().fill(speech_wav.TEXT)
        visit.open_recorder()
        visit.record(truth["seconds"] + 1)
        takes = [t for t in visit.workbook()["practice"]["takes"] if t["exercise"] == exercise]
        assert len(takes) == 1 and takes[0]["checks"] and takes[0]["pauses"] == truth["pauses"]
        visit.clean()
        visit.page.close()
    context.close()


@pytest.mark.slow
def test_axe_finds_nothing_serious_with_the_recorder_open(recording_browser, server, speech):
    _, truth = speech
    context = recording_browser.new_context(service_workers="block", **PHONE)
    visit = Page(context, f"{server}/{DRAFTER}")
    visit.start().fill(speech_wav.TEXT)
    visit.open_recorder()
    visit.record(2)
    axe = axe_source()
    assert describe(run_axe(visit.page, axe)) == []
    visit.clean()
    context.close()


@pytest.mark.slow
def test_a_microphone_that_never_starts_is_said_and_record_it_works_again(
    recording_browser, server, speech
):
    """A device that never answers (getUserMedia held pending for the first press, as a
    stuck microphone does): the button comes back with one line, and a second press records."""
    context = recording_browser.new_context(service_workers="block")
    context.add_init_script(
        "(() => { const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);"
        " let first = true; navigator.mediaDevices.getUserMedia = (c) => {"
        " if (first) { first = false; return new Promise(() => {}); } return real(c); }; })()"
    )
    visit = Page(context, f"{server}/{DRAFTER}")
    visit.start().fill(speech_wav.TEXT)
    visit.open_recorder()
    toggle = visit.live.get_by_role("button", name="Record it")
    toggle.click()
    state = visit.live.locator('[data-rec="state"]')
    state.get_by_text("The microphone did not start").wait_for(timeout=START_TIMEOUT)
    assert "\n" not in state.inner_text() and toggle.is_enabled()
    assert visit.workbook()["practice"]["takes"] == []
    visit.record(2)
    assert len(visit.workbook()["practice"]["takes"]) == 1
    visit.clean()
    context.close()


@pytest.mark.slow
def test_a_refused_microphone_gets_one_line_and_the_typed_close_still_works(
    playwright, server, speech
):
    """No fake UI: the permission prompt is dismissed (headless), i.e. the mic is refused."""
    browser = _launch(playwright, speech[0], fake_ui=False)
    context = browser.new_context(service_workers="block")
    visit = Page(context, f"{server}/{DRAFTER}")
    box = visit.start()
    visit.open_recorder()
    visit.live.get_by_role("button", name="Record it").click()
    state = visit.live.locator('[data-rec="state"]')
    state.get_by_text("The microphone was refused").wait_for()
    assert "\n" not in state.inner_text()
    assert visit.workbook()["practice"]["takes"] == []
    box.fill(speech_wav.TEXT)
    visit.page.wait_for_function(
        "() => /\\d+\\/100/.test(document.querySelector('.ck-live [role=status]').textContent)"
    )
    visit.clean()
    browser.close()
