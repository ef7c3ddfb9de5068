"""The packaged question bank, in the project's own words.

The playbook asks for "a formal stakeholder evaluation" in at least five broad categories,
"for person and for process", so that no partner is left asking "Am I getting out of this
what I expected?". Each question names one of the seven elements and one of the five
evaluation categories, says one thing, and reads the same for an employer as for a
superintendent. Answers run from 1 (strongly disagree) to 5 (strongly agree).
"""

from __future__ import annotations

from ctepartner.language import N_
from ctepartner.load.partnership import Partnership
from ctepartner.model.files import Category, Question

_G, _R, _E, _S, _D = (Category.GOAL_EFFECTIVENESS, Category.RESOURCE_USE,
                      Category.ENGAGEMENT_QUALITY, Category.STUDENT_IMPACT,
                      Category.PARTNERSHIP_DYNAMICS)

BANK: tuple[Question, ...] = tuple(  # each text marked for the catalog, translated as shown
    Question(id=qid, element=element, category=category, text=text)
    for qid, element, category, text in (
        ("e1-convener-trusted", 1, _D,
         N_("The convening organization is trusted by partners from every sector.")),
        ("e1-convener-follows-through", 1, _E,
         N_("The convening organization follows through on what it says it will do.")),
        ("e1-convener-organizes", 1, _R,
         N_("The convening organization organizes the work so that my organization's time "
            "is well used.")),
        ("e2-purpose-clear", 2, _G,
         N_("I could explain the partnership's purpose to a colleague in a sentence or two.")),
        ("e2-decisions-clear", 2, _D, N_("I understand how the partnership makes decisions.")),
        ("e2-goals-progress", 2, _G, N_("The partnership is making progress toward its goals.")),
        ("e3-right-partners", 3, _D,
         N_("The organizations the partnership's goals need are taking part.")),
        ("e3-ask-clear", 3, _E,
         N_("Before my organization joined, it was clear what would be asked of us.")),
        ("e4-worth-our-time", 4, _R,
         N_("The partnership is worth the time my organization puts into it.")),
        ("e4-getting-what-expected", 4, _G,
         N_("My organization is getting out of the partnership what it expected.")),
        ("e4-students-benefit", 4, _S,
         N_("Students benefit from the partnership's work.")),
        ("e5-kept-informed", 5, _E, N_("I am kept informed of the partnership's progress.")),
        ("e5-concerns-heard", 5, _D,
         N_("When my organization raises a concern, it gets an answer.")),
        ("e5-student-results-shared", 5, _S,
         N_("I hear what the partnership's work has meant for students.")),
        ("e6-role-clear", 6, _E, N_("My organization's role in the partnership is clear.")),
        ("e6-time-as-agreed", 6, _R,
         N_("What is asked of my organization matches the time we agreed to give.")),
        ("e7-measures-what-matters", 7, _G,
         N_("The partnership measures the things that matter to my organization.")),
        ("e7-student-results-visible", 7, _S,
         N_("I can see the results the partnership has achieved for students.")),
    )
)


SCALE_WORDS = (N_("Strongly disagree"), N_("Disagree"), N_("Neutral"), N_("Agree"),
               N_("Strongly agree"))  # 1 to 5
DONT_KNOW = N_("Don't know / not applicable")  # the form's last choice: no answer


def questions(p: Partnership) -> dict[str, Question]:
    """The partnership's questions by id: the bank, with survey.yaml's questions added or
    replacing the bank's question of the same id; in the bank's order, then the file's."""
    found = {question.id: question for question in BANK}
    for question in p.survey.questions if p.survey else []:
        found[question.id] = question
    return found
