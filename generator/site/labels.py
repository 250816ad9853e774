"""What the pages call each status, call, outcome, link language and section: interface
msgids, translated by the page's catalog where they are shown."""

from __future__ import annotations

from ..reading.model import SECTIONS, Call, Outcome, Status
from ..reading.problems import N_

STATUS_LABELS: dict[Status, str] = {
    Status.ONGOING: N_("Ongoing"),
    Status.PERMANENT: N_("Made permanent"),
    Status.ENDED: N_("Ended"),
    Status.UNKNOWN: N_("Status not known"),
}
#: The same in a case page's fact box, after the label "Status": "Status: Status not known"
#: would say it twice.
FACT_STATUS_LABELS: dict[Status, str] = {
    **STATUS_LABELS,
    Status.UNKNOWN: N_("not stated in the sources"),
}
#: The case page's sections and their headings, as the model declares them.
SECTION_HEADINGS: dict[str, str] = {spec.key: spec.heading for spec in SECTIONS}
CALL_LABELS: dict[Call, str] = {
    Call.PRE_STUDY_2015: N_("A pre-study in Vinnova's call of 2015."),
    Call.DEVELOPMENT_2016: N_("A development project in Vinnova's call of 2016."),
}
#: What the counterpart of a case is, by the case's own call.
COUNTERPART_LABELS: dict[Call, str] = {
    Call.PRE_STUDY_2015: N_("It led to the development project %(name)s."),
    Call.DEVELOPMENT_2016: N_("It grew out of the pre-study %(name)s."),
}
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.PERMANENT: N_("Made permanent"),
    Outcome.UNIT_OR_ACCELERATOR: N_("Became part of an innovation unit or accelerator"),
    Outcome.CONTINUED_WITH_OTHER_FUNDING: N_("Continued with other funding"),
    Outcome.LED_TO_DEVELOPMENT_PROJECT: N_("Led to a development project"),
    Outcome.NOT_FINANCED_FURTHER: N_("Not financed further"),
    Outcome.ENDED: N_("Ended"),
    Outcome.UNKNOWN: N_("Not known from the sources"),
}
#: After a link to a page in another language: "(in Swedish)", the name from `i18n`.
LINK_LANGUAGE_LABEL = N_("in %(language)s")
