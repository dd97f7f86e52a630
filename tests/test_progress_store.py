"""The progress store on a real SQLite file: steps, dates, notes, erasing."""

import datetime as dt

from actions.progress_store import ProgressStore, get_store


def test_step_history_space_clock_and_notes_survive_a_new_engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'progress.db'}"
    store = ProgressStore(url)
    began = dt.datetime(2026, 11, 1, 22, 30)
    store.record_step("ana", 1, "entered", now=began)
    store.record_step("ana", 2, "entered", now=began + dt.timedelta(days=3))
    store.save_note("ana", 2, "  be more patient  ")
    store.engine.dispose()

    reopened = ProgressStore(url)  # as after a restart of the action server
    progress = reopened.progress("ana")
    assert progress.current_step == 2
    assert progress.space_started_at == began
    assert progress.space_day(now=began + dt.timedelta(days=11, hours=2)) == 12
    assert progress.notes == {2: "be more patient"}
    assert [(s, k) for s, k, _ in reopened.history("ana")] == [(1, "entered"), (2, "entered")]


def test_latest_note_per_step_wins_and_long_notes_are_cut(tmp_path):
    store = ProgressStore(f"sqlite:///{tmp_path / 'p.db'}")
    store.save_note("bo", 4, "first answer")
    store.save_note("bo", 4, "x" * 5000)
    assert store.progress("bo").notes[4] == "x" * 1000


def test_restart_resets_the_space_clock_but_a_second_entry_does_not(tmp_path):
    store = ProgressStore(f"sqlite:///{tmp_path / 'p.db'}")
    t0 = dt.datetime(2026, 1, 1)
    store.record_step("cy", 1, "entered", now=t0)
    store.record_step("cy", 1, "went_back", now=t0 + dt.timedelta(days=2))
    assert store.progress("cy").space_started_at == t0
    store.record_step("cy", 1, "restarted", now=t0 + dt.timedelta(days=5))
    assert store.progress("cy").space_started_at == t0 + dt.timedelta(days=5)


def test_forget_removes_only_that_user(tmp_path):
    store = ProgressStore(f"sqlite:///{tmp_path / 'p.db'}")
    for who in ("dee", "eli"):
        store.record_step(who, 1, "entered")
        store.save_note(who, 2, "note")
    store.forget("dee")
    assert store.progress("dee").current_step == 0 and store.progress("dee").notes == {}
    assert store.history("dee") == []
    assert store.progress("eli").notes == {2: "note"}


def test_unknown_user_has_no_progress(database_url):
    assert get_store().progress("nobody").current_step == 0


def test_one_store_per_process(database_url):
    assert get_store() is get_store()
