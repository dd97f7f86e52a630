"""Each custom action on a small tracker fixture: the events it returns and what it says."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionHandleNo, ActionHandleYes
from actions.branches import ActionExNoReply, ActionExNotInterested, ActionExReplied
from actions.fallback import ActionFallbackReply
from actions.faq import ActionWhatToSay
from actions.greeting import ActionGreet
from actions.notes import ActionDoneAtNote, ValidateNoteForm
from actions.progress_store import get_store
from actions.screening import ActionFinishScreening, ValidateScreeningForm
from actions.step_actions import (
    ActionAdvanceStep,
    ActionGoBack,
    ActionGoToStep,
    ActionSkipStep,
    ActionStartOver,
    ActionWhereAmI,
)

SENDER = "fixture-user"
SCREENED = {"screened": True, "current_step": 3}


def tracker(slots=None, text="", intent=None, active_loop=None) -> Tracker:
    base = {
        "current_step": 0,
        "safety_concern": None,
        "coaching_closed": False,
        "screened": False,
        "self_work_first": False,
        "pending_question": None,
        "requested_step": None,
        "last_fallback": None,
        "feels_safe": None,
        "user_note": None,
    }
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}}
    return Tracker(
        SENDER,
        {**base, **(slots or {})},
        message,
        [],
        False,
        None,
        {"name": active_loop} if active_loop else {},
        "action_listen",
    )


def run(action, slots=None, text="", intent=None):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(_call(action.run(dispatcher, tracker(slots, text, intent), {})))
    said = "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)
    return events, said


async def _call(result):
    return await result if asyncio.iscoroutine(result) else result


def slot(events, name):
    values = [e["value"] for e in events if e.get("event") == "slot" and e["name"] == name]
    return values[-1] if values else "unset"


@pytest.fixture(autouse=True)
def fresh_store(database_url):
    return get_store()


def test_done_moves_to_the_next_step_and_records_it(fresh_store):
    events, said = run(ActionAdvanceStep(), SCREENED)
    assert slot(events, "current_step") == 4 and "Step 4 of 13" in said
    assert FollowupAction("note_form") in events  # step 4 asks for problems and solutions
    assert [k for _, k, _ in fresh_store.history(SENDER)] == ["completed", "entered"]


def test_skip_is_recorded_as_skipped(fresh_store):
    events, _ = run(ActionSkipStep(), {"screened": True, "current_step": 7})
    assert slot(events, "current_step") == 8
    assert fresh_store.history(SENDER)[0][1] == "skipped"


def test_after_step_13_comes_the_ending_not_step_14():
    events, said = run(ActionAdvanceStep(), {"screened": True, "current_step": 13})
    assert slot(events, "current_step") == "unset" and "all 13 steps" in said


def test_go_to_step_reads_numbers_in_words():
    events, said = run(ActionGoToStep(), SCREENED, text="take me to step nine")
    assert slot(events, "current_step") == 9 and "Set a date" in said


@pytest.mark.parametrize(
    "text, step",
    [
        ("take me to the no contact step", 1),
        ("the texting step", 6),
        ("the one about meeting up", 9),
        ("i wanna do the solutions one", 4),
        ("the one where we talk about what went wrong", 10),
        ("whats the step about physical stuff", 12),
    ],
)
def test_go_to_step_by_what_the_step_is_about(text, step):
    events, _ = run(ActionGoToStep(), SCREENED, text=text)
    assert slot(events, "current_step") == step


def test_an_unclear_message_that_names_a_step_goes_there():
    events, said = run(ActionFallbackReply(), SCREENED, text="ok what's step 6?")
    assert slot(events, "current_step") == 6 and "Step 6 of 13" in said
    closed = {**SCREENED, "coaching_closed": True, "safety_concern": "abuse"}
    events, said = run(ActionFallbackReply(), closed, text="ok what's step 6?")
    assert "not going to coach" in said
    # a number with no "step" is no step: the usual kind fallback
    for text in ("i cried for 3 days straight", "one step at a time", "he's in a 12 step program"):
        events, said = run(ActionFallbackReply(), SCREENED, text=text)
        assert slot(events, "last_fallback") == "fallback_1", text
    events, _ = run(ActionFallbackReply(), SCREENED, text="can i see the first step")
    assert slot(events, "current_step") == 1


def test_an_unclear_done_with_this_step_moves_on_but_done_with_it_all_does_not():
    events, said = run(
        ActionFallbackReply(), {**SCREENED, "current_step": 3}, text="i'm done with this step"
    )
    assert slot(events, "current_step") == 4
    events, _ = run(
        ActionFallbackReply(), {**SCREENED, "current_step": 3}, text="i'm done with it all"
    )
    assert slot(events, "last_fallback") == "fallback_1"


def test_where_am_i_naming_another_step_goes_there():
    events, said = run(ActionWhereAmI(), {**SCREENED, "current_step": 2}, text="ok what's step 6?")
    assert slot(events, "current_step") == 6 and "Step 6 of 13" in said
    events, said = run(ActionWhereAmI(), {**SCREENED, "current_step": 2}, text="where am i")
    assert events == [] and "Step 2 of 13" in said


def test_go_to_step_without_a_number_asks_which():
    events, said = run(ActionGoToStep(), SCREENED, text="go to the step")
    assert events == [] and "1 to 13" in said


def test_go_back_from_step_1_stays_at_step_1():
    events, said = run(ActionGoBack(), {"screened": True, "current_step": 1})
    assert "already at the first step" in said and slot(events, "current_step") == 1


def test_unscreened_user_is_screened_first_then_sent_where_they_asked():
    events, said = run(ActionGoToStep(), {"current_step": 0}, text="go to step 5")
    assert FollowupAction("screening_form") in events and slot(events, "requested_step") == 5
    assert "quick questions" in said


def test_first_contact_asking_for_the_plan_is_welcomed_then_screened():
    events, said = run(ActionGoToStep(), {"current_step": 0}, text="show me step 1")
    assert "not a therapist" in said and FollowupAction("screening_form") in events


def test_closed_coaching_refuses_every_step():
    for action, text in ((ActionAdvanceStep(), ""), (ActionGoToStep(), "step 6")):
        events, said = run(
            action, {**SCREENED, "coaching_closed": True, "safety_concern": "abuse"}, text=text
        )
        assert slot(events, "current_step") == "unset" and "not going to coach" in said


def test_boundary_closes_contact_steps_but_not_self_work():
    boundary = {"screened": True, "current_step": 4, "safety_concern": "boundary"}
    events, said = run(ActionAdvanceStep(), boundary)
    assert slot(events, "current_step") == "unset" and "steps 5 to 9" in said
    events, _ = run(ActionGoToStep(), boundary, text="step 3")
    assert slot(events, "current_step") == 3


def test_self_harm_pauses_coaching_until_the_user_says_they_are_safe():
    paused = {**SCREENED, "safety_concern": "self_harm"}
    events, said = run(ActionAdvanceStep(), paused)
    assert slot(events, "pending_question") == "safe_check" and "safe right now" in said
    events, said = run(
        ActionHandleYes(), {**paused, "pending_question": "safe_check", "requested_step": 4}
    )
    assert slot(events, "safety_concern") is None and slot(events, "current_step") == 4
    events, said = run(ActionHandleNo(), {**paused, "pending_question": "safe_check"})
    assert "utter_help_resources" in said and slot(events, "current_step") == "unset"


def test_yes_after_a_checkin_means_done():
    events, _ = run(
        ActionHandleYes(), {"screened": True, "current_step": 6, "pending_question": "step_checkin"}
    )
    assert slot(events, "current_step") == 7


def test_no_after_a_checkin_keeps_the_step():
    events, said = run(
        ActionHandleNo(), {"screened": True, "current_step": 6, "pending_question": "step_checkin"}
    )
    assert events == [] and said


def test_forget_needs_a_yes_and_then_erases_progress(fresh_store):
    fresh_store.record_step(SENDER, 1, "entered")
    fresh_store.save_note(SENDER, 2, "secret")
    events, said = run(ActionHandleNo(), {"pending_question": "forget_confirm"})
    assert "haven't deleted" in said and fresh_store.progress(SENDER).notes
    events, said = run(ActionHandleYes(), {"pending_question": "forget_confirm"})
    assert slot(events, "erase_requested") is True and "deleted" in said
    assert fresh_store.progress(SENDER).notes == {} and fresh_store.history(SENDER) == []


def test_notes_are_kept_and_brought_back_at_step_10(fresh_store):
    validate = ValidateNoteForm()
    dispatcher = CollectingDispatcher()
    for step, note in ((2, "listen more"), (4, "we fought about chores; split them")):
        result = validate.validate_user_note(note, dispatcher, tracker({"current_step": step}), {})
        assert result == {"user_note": note}
    events, said = run(ActionAdvanceStep(), {"screened": True, "current_step": 9})
    assert "listen more" in said and "split them" in said


def test_skipping_the_note_saves_nothing(fresh_store):
    result = ValidateNoteForm().validate_user_note(
        "skip", CollectingDispatcher(), tracker({"current_step": 2}, intent="skip_step"), {}
    )
    assert result == {"user_note": "skipped"} and fresh_store.progress(SENDER).notes == {}


def test_resumed_note_step_does_not_ask_again(fresh_store):
    fresh_store.save_note(SENDER, 2, "be kinder to myself")
    events, _ = run(ActionGoBack(), SCREENED)
    assert slot(events, "current_step") == 2 and FollowupAction("note_form") not in events


def test_where_am_i_shows_bar_and_space_day(fresh_store):
    fresh_store.record_step(SENDER, 1, "entered")
    _, said = run(ActionWhereAmI(), {"screened": True, "current_step": 1})
    assert "Step 1 of 13: Give them space" in said and "●○○○○○○○○○○○○" in said
    assert "day 1 of giving them space" in said


def test_start_over_goes_to_step_1():
    events, said = run(ActionStartOver(), {"screened": True, "current_step": 11})
    assert slot(events, "current_step") == 1 and "start again" in said


def test_ex_replied_at_step_6_moves_to_7():
    events, _ = run(ActionExReplied(), {"screened": True, "current_step": 6})
    assert slot(events, "current_step") == 7


def test_no_reply_and_not_interested_keep_the_step_and_respect_the_ex(fresh_store):
    events, said = run(ActionExNoReply(), {"screened": True, "current_step": 6})
    assert slot(events, "current_step") == "unset" and "don't send another" in said
    events, said = run(ActionExNotInterested(), {"screened": True, "current_step": 8})
    assert "Moving on" in said
    assert [k for _, k, _ in fresh_store.history(SENDER)] == ["no_reply", "not_interested"]


def test_what_to_say_depends_on_the_step_and_the_boundary():
    _, early = run(ActionWhatToSay(), {"current_step": 2})
    _, at_six = run(ActionWhatToSay(), {"current_step": 6})
    _, blocked = run(ActionWhatToSay(), {"current_step": 6, "safety_concern": "boundary"})
    assert "step 6" in early and at_six.count("•") == 3 and "won't help" in blocked


def test_fallback_never_repeats_itself_twice_in_a_row():
    seen, last = [], None
    for _ in range(4):
        events, said = run(ActionFallbackReply(), {"last_fallback": last})
        last = slot(events, "last_fallback")
        seen.append(said)
    assert all(a != b for a, b in zip(seen, seen[1:], strict=False))


def test_greeting_a_returning_user_names_their_step(fresh_store):
    fresh_store.record_step(SENDER, 1, "entered")
    events, said = run(ActionGreet(), {"screened": True, "current_step": 6})
    assert "Welcome back" in said and "Step 6 of 13" in said
    assert slot(events, "pending_question") == "continue"


def test_screening_names_loneliness_and_stops_for_someone_not_safe():
    form = ValidateScreeningForm()
    dispatcher = CollectingDispatcher()
    lonely = form.validate_why_back("i can't stand being alone", dispatcher, tracker(), {})
    assert lonely["self_work_first"] is True and "lonely" in dispatcher.messages[-1]["text"]
    unsafe = form.validate_feels_safe(False, dispatcher, tracker(intent="deny"), {})
    assert (
        unsafe == {"feels_safe": False}
        and dispatcher.messages[-1]["response"] == "utter_help_resources"
    )
    events, _ = run(ActionFinishScreening(), {"feels_safe": False})
    assert events == [SlotSet("feels_safe", None)]


def test_ok_lets_start_is_no_answer_to_whether_anyone_is_pushing():
    form = ValidateScreeningForm()
    dispatcher = CollectingDispatcher()
    answer = form.validate_pressured(
        "ok lets start", dispatcher, tracker(intent="start_coaching"), {}
    )
    # asked again for a plain yes or no, not told "others may mean well"
    assert answer == {"pressured": None}
    assert "yes or no" in dispatcher.messages[-1]["text"]
    pushed = form.validate_pressured("yeah my mum", CollectingDispatcher(), tracker(), {})
    assert pushed == {"pressured": True}
    fine = form.validate_pressured("they are fine with it", CollectingDispatcher(), tracker(), {})
    assert fine == {"pressured": None}


def test_finishing_screening_opens_step_1_or_the_step_asked_for():
    events, said = run(ActionFinishScreening(), {"feels_safe": True})
    assert slot(events, "screened") is True and slot(events, "current_step") == 1
    events, _ = run(ActionFinishScreening(), {"feels_safe": True, "requested_step": 3})
    assert slot(events, "current_step") == 3


def test_done_at_the_note_question_opens_the_next_step_or_keeps_the_answer(fresh_store):
    # the rule for step_done during the note form runs this action after leaving the form
    step_2 = {"screened": True, "current_step": 2}
    events, said = run(ActionDoneAtNote(), step_2, "i'm done with this step", "step_done")
    assert slot(events, "current_step") == 3 and "Step 3 of 13" in said
    assert fresh_store.progress(SENDER).notes == {}
    # an answer DIET once read as a step done ("going to the gym more") is the note
    events, said = run(ActionDoneAtNote(), step_2, "going to the gym more", "step_done")
    assert slot(events, "current_step") == "unset" and "kept that" in said
    assert fresh_store.progress(SENDER).notes == {2: "going to the gym more"}


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("mostly i think", "nlu_fallback", None),  # asked again, with the support lines
        ("safe for now", "affirm", None),
        ("idk tbh", "nlu_fallback", None),
        ("yeah i'm safe, just kinda heartbroken", "affirm", True),
        ("yes why?", "affirm", True),
        ("he's here, i'm scared until he leaves", "nlu_fallback", False),
        ("no", "deny", False),
    ],
)
def test_are_you_safe_reads_conditions_hedges_and_fear(text, intent, expected):
    dispatcher = CollectingDispatcher()
    value = {"affirm": True, "deny": False}.get(intent, text)
    answer = ValidateScreeningForm().validate_feels_safe(
        value, dispatcher, tracker(text=text, intent=intent), {}
    )
    assert answer == {"feels_safe": expected}
    said = [m.get("response") for m in dispatcher.messages]
    assert ("utter_help_resources" in said) == (expected is not True)


def test_an_answer_with_a_word_of_next_is_still_the_note(fresh_store):
    step_2 = {"screened": True, "current_step": 2}
    text = "next time i'd listen more instead of getting defensive"
    events, said = run(ActionDoneAtNote(), step_2, text, "step_done")
    assert "kept that" in said and fresh_store.progress(SENDER).notes == {2: text}
