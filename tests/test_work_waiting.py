"""What a learner left half done is found again: the draft begun last, the quiz stopped partway."""

from __future__ import annotations

from grok_tui.answers import load_answers, record_answer
from grok_tui.progress import Progress
from grok_tui.work_waiting import StoppedQuiz, begun_drafts, stopped_quiz


def test_the_quiz_left_partway_last_is_found_until_it_is_finished(catalog):
    root = Progress.load().root
    assert stopped_quiz(catalog, load_answers(root)) is None
    for question in (1, 2, 3):
        record_answer(root, f"quiz/3/{question}", "1", question != 2)
    stopped = stopped_quiz(catalog, load_answers(root))
    total = len(catalog.quizzes[3].questions)
    assert stopped == StoppedQuiz(3, 3, total)
    assert stopped.said == f"the chapter 3 quiz, stopped after question 3 of {total}"
    record_answer(root, "quiz/2/1", "1", True)  # another quiz begun since: that one is the place
    assert stopped_quiz(catalog, load_answers(root)) == StoppedQuiz(2, 1, len(catalog.quizzes[2].questions))
    for question in range(1, len(catalog.quizzes[2].questions) + 1):  # taken whole...
        record_answer(root, f"quiz/2/{question}", "1", True)
    # ...chapter 3's still waits: it was dropped once another quiz was answered (a trial)
    assert stopped_quiz(catalog, load_answers(root)) == StoppedQuiz(3, 3, total)
    for question in range(1, total + 1):
        record_answer(root, f"quiz/3/{question}", "1", True)
    assert stopped_quiz(catalog, load_answers(root)) is None


def test_the_draft_changed_last_comes_first_and_a_stub_or_a_pass_is_not_a_draft(catalog):
    progress = Progress.load()
    stub = catalog.get("3.2").exercises[0].stub.source
    progress.save_draft("3.2", "w_sum", stub)
    assert begun_drafts(catalog, progress) == []
    progress.save_draft("3.2", "w_sum", stub + "\n# my try\n")
    assert begun_drafts(catalog, progress) == ["3.2/w_sum"]
    progress.record_pass("3.2", "w_sum", "code")
    assert begun_drafts(catalog, progress) == []
