"""Schemas of the quality API."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

# --- Schemas -------------------------------------------------------------------------------


class RecognitionOut(Schema):
    kind: str
    name: str
    service: str | None = None
    hospital: str
    specialty: str
    start: datetime.date
    end: datetime.date
    capacity: int | None = None
    reference: str


class ApplicationIn(Schema):
    kind: str
    service_id: int
    trainer_id: int | None = None
    requested_places: int
    motivation: str = ""


class ApplicationPatch(Schema):
    requested_places: int
    motivation: str = ""
    version: int | None = None  # required: here or If-Match (428 without it)


class StaffIn(Schema):
    name: str
    function: str
    fte: Decimal
    recognised_specialist: bool = True


class MonthIn(Schema):
    month: datetime.date
    admissions: int
    consultations: int
    procedures: int


class ApplicationDecisionIn(Schema):
    decision: str  # "grant" or "refuse"
    start: datetime.date | None = None
    capacity: int | None = None
    reference: str = ""
    reason: str = ""


class StaffOut(Schema):
    id: int
    name: str
    function: str
    fte: Decimal
    recognised_specialist: bool


class MonthOut(Schema):
    month: datetime.date
    admissions: int
    consultations: int
    procedures: int


class DocumentOut(Schema):
    id: int
    kind: str
    original_name: str
    size: int
    content_type: str


class ApplicationOut(Schema):
    id: int
    kind: str
    status: str
    service_id: int
    service: str
    trainer_id: int | None
    requested_places: int
    motivation: str
    submitted_on: datetime.date | None
    granted_start: datetime.date | None
    granted_end: datetime.date | None
    granted_capacity: int | None
    refusal_reason: str
    version: int


class ApplicationDetailOut(ApplicationOut):
    staff: list[StaffOut]
    activity_figures: list[MonthOut]
    documents: list[DocumentOut]
    development_overview: list[dict]


class CampaignIn(Schema):
    name: str = Field(..., max_length=200)
    instrument: str
    university_id: int | None = None
    specialty_id: int | None = None
    opens: datetime.date
    closes: datetime.date


class CampaignOut(Schema):
    id: int
    name: str
    instrument: str
    university_id: int | None
    specialty_id: int | None
    opens: datetime.date
    closes: datetime.date
    status: str


class RateOut(Schema):
    name: str
    invited: int
    band: str


class CampaignDetailOut(CampaignOut):
    invited: int
    responded: int
    rate: int
    groups: list[RateOut]
    threshold: int


class SurveyItemOut(Schema):
    code: str
    text: str


class SurveyThemeOut(Schema):
    code: str
    name: str
    items: list[SurveyItemOut]


class SurveyOut(Schema):
    campaign_id: int
    name: str
    closes: datetime.date
    is_open: bool
    responded: bool


class SurveyDetailOut(SurveyOut):
    intro: str
    free_text_question: str
    scale: list[str]
    themes: list[SurveyThemeOut]


class ResponseIn(Schema):
    scores: dict[str, int | None]
    free_text: str = ""


class RespondedOut(Schema):
    campaign_id: int
    responded: bool


class ThemeScoreOut(Schema):
    theme: str
    name: str
    score: float | None
    national: float | None


class EditionOut(Schema):
    campaign_id: int
    campaign: str
    year: int
    shown: bool
    responses: int | None
    themes: list[ThemeScoreOut]
    free_text: list[str]


class ReportOut(Schema):
    group: str
    instrument: str
    threshold: int
    editions: list[EditionOut]


class ActionIn(Schema):
    action: str
    theme: str | None = None


class ActionPatch(Schema):
    status: str
    follow_up: str = ""
    version: int | None = None  # required: here or If-Match (428 without it)


class ActionOut(Schema):
    id: int
    service_id: int
    campaign_id: int
    theme: str | None
    action: str
    status: str
    follow_up: str
    version: int


class SelfEvaluationIn(Schema):
    scores: dict[str, int | None]
    reflection: str = ""


class SelfEvaluationOut(Schema):
    id: int
    created_on: datetime.date
    scores: dict
    reflection: str


class ActivityIn(Schema):
    service_id: int
    participant: str = Field(..., max_length=200)
    title: str = Field(..., max_length=300)
    provider: str = Field(..., max_length=200)
    date: datetime.date
    hours: Decimal
    accreditation: str = Field("", max_length=100)


class ActivityOut(Schema):
    id: int
    service_id: int
    participant: str
    title: str
    provider: str
    date: datetime.date
    hours: Decimal
    accreditation: str
    has_proof: bool
