"""Conversations over REST with the real stack (Rasa + action server + SQLite), in free text."""

import pytest
from conftest import FIRST_HALF, slots, stored_rows, texts, walk

pytestmark = pytest.mark.stack


def screen(stack, sender) -> str:
    """Greets and answers the four screening questions as a user would; returns the last reply."""
    assert "safe right now" in texts(stack.say(sender, "hi"))
    assert "what ended" in texts(stack.say(sender, "yes i'm safe")).lower()
    assert "want them back" in texts(stack.say(sender, "we kept arguing about small stuff")).lower()
    assert "pushing you" in texts(stack.say(sender, "i love him and we were good together"))
    return texts(stack.say(sender, "no, it's my own decision"))


def test_new_user_is_welcomed_screened_and_starts_at_step_1(stack, sender):
    first = texts(stack.say(sender, "hello"))
    assert "not a therapist" in first and "/forget" in first and "/help" in first and "18+" in first
    assert slots(stack, sender)["current_step"] == 0
    stack.say(sender, "yeah")
    stack.say(sender, "we had a misunderstanding and stopped talking")
    stack.say(sender, "we were really happy and i think we can fix it")
    last = texts(stack.say(sender, "nope"))
    assert "Step 1 of 13" in last and "Give them space" in last
    assert slots(stack, sender)["current_step"] == 1


def test_loneliness_is_named_kindly_and_self_work_comes_first(stack, sender):
    stack.say(sender, "hi")
    stack.say(sender, "yes")
    stack.say(sender, "distance, she moved away")
    reply = texts(stack.say(sender, "honestly i'm just so lonely without her"))
    assert "lonely" in reply and "steps that are about you" in reply


def test_pressure_from_others_gets_your_decision(stack, sender):
    stack.say(sender, "hi")
    stack.say(sender, "yes")
    stack.say(sender, "we argued")
    stack.say(sender, "i miss our life together")
    assert "belongs to you" in texts(stack.say(sender, "yes my mom keeps telling me to"))


def test_not_safe_gets_emergency_numbers_and_no_steps(stack, sender):
    stack.say(sender, "hi")
    reply = texts(stack.say(sender, "no"))
    assert "911" in reply and "988" in reply
    assert slots(stack, sender)["current_step"] == 0


def test_navigation_in_free_text(stack, sender):
    screen(stack, sender)
    assert "Step 2 of 13" in texts(stack.say(sender, "ok i did it, what's next?"))
    stack.say(sender, "skip")  # skip the step 2 question
    assert slots(stack, sender)["current_step"] == 2
    assert "Step 3 of 13" in texts(stack.say(sender, "skip this step"))
    assert "Step 2 of 13" in texts(stack.say(sender, "go back"))
    assert "Step 9 of 13" in texts(stack.say(sender, "take me to step nine"))
    where = texts(stack.say(sender, "where am i?"))
    assert "Step 9 of 13: Set a date" in where and "●●●●●●●●●○○○○" in where
    assert "Step 1 of 13" in texts(stack.say(sender, "i want to start over"))
    assert slots(stack, sender)["current_step"] == 1
    assert "day 1 of giving them space" in texts(stack.say(sender, "where am i")).lower()


def test_faq_in_the_middle_of_a_step_keeps_the_place(stack, sender):
    screen(stack, sender)
    stack.say(sender, "go to step 7")
    assert "promise" in texts(stack.say(sender, "will he ever come back to me?"))
    assert "change" in texts(stack.say(sender, "can you really get your ex back?"))
    assert "can't make anyone" in texts(stack.say(sender, "how do i make him want me back"))
    assert slots(stack, sender)["current_step"] == 7


def test_what_to_say_at_step_6_offers_first_messages(stack, sender):
    screen(stack, sender)
    stack.say(sender, "go to step 6")
    ideas = texts(stack.say(sender, "what should i say to her?"))
    assert ideas.count("•") >= 2 and "?" in ideas


def test_no_reply_at_step_6_means_stop_messaging(stack, sender):
    screen(stack, sender)
    stack.say(sender, "step 6 please")
    reply = texts(stack.say(sender, "he left me on read"))
    assert "don't send another" in reply
    assert slots(stack, sender)["current_step"] == 6


def test_not_interested_at_step_8_leads_to_moving_on(stack, sender):
    screen(stack, sender)
    stack.say(sender, "go to step 8")
    reply = texts(stack.say(sender, "she said she's not interested"))
    assert "Moving on" in reply and "respect" in reply
    assert slots(stack, sender)["current_step"] == 8


def test_unknown_messages_get_different_kind_replies_and_keep_the_place(stack, sender):
    screen(stack, sender)
    stack.say(sender, "go to step 3")
    first = texts(stack.say(sender, "purple elephants dancing on the fridge"))
    second = texts(stack.say(sender, "qwzx blorp fnord"))
    assert first and second and first != second
    assert slots(stack, sender)["current_step"] == 3


@pytest.mark.parametrize(
    "message, concern, resource",
    [
        ("my ex used to hit me when he was drunk", "abuse", "1-800-799-7233"),
        ("i don't want to live anymore", "self_harm", "988"),
        ("she cheated on me again, third time this year", "repeated_infidelity", "red flag"),
        ("he blocked me everywhere and said never contact him again", "boundary", "legal"),
    ],
)
def test_disclosure_mid_step_interrupts_and_never_advances(
    stack, sender, message, concern, resource
):
    screen(stack, sender)
    stack.say(sender, "go to step 5")
    assert resource in texts(stack.say(sender, message))
    state = slots(stack, sender)
    assert state["safety_concern"] == concern and state["current_step"] == 5
    stack.say(sender, "ok next step")
    assert slots(stack, sender)["current_step"] == 5


def test_abuse_closes_coaching_for_good(stack, sender):
    screen(stack, sender)
    stack.say(sender, "he choked me last week")
    refused = texts(stack.say(sender, "ok what's step 6?"))
    assert "not going to coach" in refused
    stack.say(sender, "take me to step 1")
    assert slots(stack, sender)["current_step"] == 1
    assert slots(stack, sender)["safety_concern"] == "abuse"


def test_negated_and_third_person_mentions_are_not_disclosures(stack, sender):
    screen(stack, sender)
    stack.say(sender, "he never hit me, we just argued a lot")
    stack.say(sender, "my friend's ex hit her but mine was never like that")
    assert slots(stack, sender)["safety_concern"] is None


def test_help_works_any_time(stack, sender):
    stack.say(sender, "hi")
    reply = texts(stack.say(sender, "/help"))
    assert "988" in reply and "1-800-799-7233" in reply


def test_forget_asks_once_then_erases_everything(stack, sender):
    screen(stack, sender)
    assert "can't be undone" in texts(stack.say(sender, "delete my data"))
    assert "deleted" in texts(stack.say(sender, "yes"))
    events = stack.tracker(sender)["events"]
    assert not [e for e in events if e.get("event") == "user"]
    assert "safe right now" in texts(stack.say(sender, "hi"))  # a fresh start


def test_first_message_asking_for_help_to_get_back_together_is_welcomed_and_screened(stack, sender):
    reply = texts(stack.say(sender, "i want my ex back, where do i start?"))
    assert "not a therapist" in reply and "safe right now" in reply


def test_first_message_disclosing_abuse_gets_help_before_anything_else(stack, sender):
    reply = texts(stack.say(sender, "my husband beats me and i still want him back"))
    assert "1-800-799-7233" in reply and "911" in reply
    assert slots(stack, sender)["safety_concern"] == "abuse"


def test_a_question_while_the_note_is_asked_is_answered_not_saved_as_the_note(stack, sender):
    walk(stack, sender, FIRST_HALF[:6])  # step 2: asked for a note
    reply = texts(stack.say(sender, "can i really get my ex back?"))
    assert "plenty of couples" in reply and "kept that" not in reply
    assert "kept that" in texts(stack.say(sender, "to listen more and to stop sulking"))


def test_done_while_the_note_is_asked_opens_the_next_step_and_keeps_no_note(stack, sender):
    walk(stack, sender, FIRST_HALF[:6])  # step 2: asked for a note
    reply = texts(stack.say(sender, "i'm done with this step"))
    assert "Step 3 of 13" in reply and "kept that" not in reply
    assert slots(stack, sender)["current_step"] == 3
    assert stored_rows(stack.env["DATABASE_URL"], sender)["coach_notes"] == 0


@pytest.mark.parametrize("answer", ["mostly i think", "for now yeah", "idk tbh"])
def test_an_unsure_answer_to_are_you_safe_gets_support_and_the_question_again(
    stack, sender, answer
):
    stack.say(sender, "hi")
    reply = texts(stack.say(sender, answer))
    assert "988" in reply and "safe right now" in reply and "what ended" not in reply.lower()
    assert slots(stack, sender)["current_step"] == 0
    assert "what ended" in texts(stack.say(sender, "yes")).lower()


def test_safety_that_depends_on_the_partners_mood_gets_the_support_lines(stack, sender):
    stack.say(sender, "hi")
    reply = texts(stack.say(sender, "depends on his mood tbh"))
    assert "911" in reply and "what ended" not in reply.lower()
    assert slots(stack, sender)["current_step"] == 0


def test_questions_about_the_space_step_are_answered_and_keep_the_place(stack, sender):
    screen(stack, sender)  # step 1: give them space
    reply = texts(stack.say(sender, "how long am i supposed to go without texting her?"))
    assert "no magic number" in reply
    assert slots(stack, sender)["current_step"] == 1
    assert "Step 2 of 13" in texts(stack.say(sender, "ok done"))
