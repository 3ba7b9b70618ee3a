"""The demo catalogue for Jharkhand: income, caste, residence and marriage certificates.

**Demo values.** Time limits, fees and shares are plausible, not notified figures: the state
administrator must confirm each against the Jharkhand Rajya Sewa Dene ki Guarantee Adhiniyam,
2011 notifications and the department's user-charge order before real use. Each service made
from these is marked ``is_demo``.
"""

from __future__ import annotations

from typing import Any

LAW = "Jharkhand Rajya Sewa Dene ki Guarantee Adhiniyam, 2011"
LAW_HI = "झारखंड राज्य सेवा देने की गारंटी अधिनियम, 2011"

# The citizen pays Rs 10 at the kiosk; the state reimburses Rs 20 to the Pragya Kendra, so
# the operator's Rs 30 in all is split here from what is collected (Rs 10) plus the state's
# reimbursement (Rs 20), each recorded in paise.
SHARES_RS_30 = [
    {"party": "operator", "label": "Pragya Kendra operator", "label_hi": "प्रज्ञा केंद्र संचालक", "paise": 2200},
    {"party": "degs", "label": "District e-Governance Society", "label_hi": "जिला ई-गवर्नेंस सोसाइटी", "paise": 400},
    {"party": "service_provider", "label": "Service provider", "label_hi": "सेवा प्रदाता", "paise": 200},
    {"party": "state", "label": "State (JAP-IT)", "label_hi": "राज्य (जैप-आईटी)", "paise": 200},
]  # fmt: skip

APPLICANT_FIELDS: list[dict[str, Any]] = [
    {"code": "applicant_name", "label": "Applicant's name", "label_hi": "आवेदक का नाम", "type": "text", "required": True, "max_length": 100, "certified": True},
    {"code": "father_name", "label": "Father's or husband's name", "label_hi": "पिता या पति का नाम", "type": "text", "required": True, "max_length": 100, "certified": True},
    {"code": "date_of_birth", "label": "Date of birth", "label_hi": "जन्म तिथि", "type": "date", "required": True},
    {"code": "mobile", "label": "Mobile", "label_hi": "मोबाइल", "type": "mobile", "required": True},
    {"code": "aadhaar", "label": "Aadhaar number", "label_hi": "आधार संख्या", "type": "aadhaar", "required": False},
    {"code": "village", "label": "Village or ward", "label_hi": "गाँव या वार्ड", "type": "area", "required": True, "certified": True},
    {"code": "pincode", "label": "PIN code", "label_hi": "पिन कोड", "type": "pincode", "required": True},
]  # fmt: skip

STATES = [
    {"code": "submitted", "label": "Submitted", "label_hi": "जमा"},
    {"code": "documents_called", "label": "Documents called for", "label_hi": "दस्तावेज़ माँगे गए"},
    {"code": "verified", "label": "Verified", "label_hi": "सत्यापित"},
    {"code": "issued", "label": "Issued", "label_hi": "जारी"},
    {"code": "rejected", "label": "Rejected", "label_hi": "अस्वीकृत"},
]


def _steps(officer: str, level: str, verify_days: int, issue_days: int) -> list[dict[str, Any]]:
    """Verification and issue by one post (the circle officer), with return and rejection."""

    def step(action: str, source: str, target: str, days: int, **extra: Any) -> dict[str, Any]:
        return {"action": action, "source": source, "target": target, "designation": officer,
                "level": level, "days": days, **extra}  # fmt: skip

    return [
        step("verify", "submitted", "verified", verify_days),
        step("return", "submitted", "at_kiosk", 2),
        step("call_for_documents", "submitted", "documents_called", 2),
        step("forward", "documents_called", "submitted", 5),
        step("reject", "documents_called", "rejected", 5, auto_after_days=15),
        step("reject", "submitted", "rejected", verify_days),
        step("issue", "verified", "issued", issue_days),
        step("reject", "verified", "rejected", issue_days),
    ]


def _definition(
    extra_fields: list[dict[str, Any]], documents: list[dict[str, Any]], steps: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "fee_paise": 3000,
        "citizen_paise": 1000,
        "shares": SHARES_RS_30,
        "fields": APPLICANT_FIELDS + extra_fields,
        "documents": documents,
        "workflow": {"states": STATES, "steps": steps},
    }


# Certificate templates: each states every fact its service marks ``certified`` (the catalogue
# refuses one that leaves a fact out), between the same heading and closing lines.
_HEAD = """<h1>{{ service_name }}</h1>
<p>Certificate No. {{ certificate_number }} (application {{ application_number }})</p>
"""
_HEAD_HI = """<h1>{{ service_name }}</h1>
<p>प्रमाण पत्र संख्या {{ certificate_number }} (आवेदन {{ application_number }})</p>
"""
_HOLDER = """{{ applicant_name }}, son/daughter/wife of {{ father_name }}, resident of {{ village }},
district {{ district }},"""
_HOLDER_HI = """{{ applicant_name }}, पिता/पति {{ father_name }}, निवासी {{ village }}, जिला
{{ district }},"""
_CLOSE = """<p>Issued on {{ issued_on }}{{ valid_until }} by {{ officer_name }}, {{ officer_post }}.</p>
<div class="qr">{{ qr_code }}</div>"""
_CLOSE_HI = """<p>{{ officer_name }}, {{ officer_post }} द्वारा {{ issued_on }} को जारी{{ valid_until }}।</p>
<div class="qr">{{ qr_code }}</div>"""


def _certificate(body: str, body_hi: str) -> dict[str, str]:
    return {
        "certificate": f"{_HEAD}{body.replace('HOLDER', _HOLDER)}\n{_CLOSE}",
        "certificate_hi": f"{_HEAD_HI}{body_hi.replace('HOLDER', _HOLDER_HI)}\n{_CLOSE_HI}",
    }


CERTIFICATES: dict[str, dict[str, str]] = {
    "income_certificate": _certificate(
        """<p>This is to certify that the annual income from all sources of the family of HOLDER
is <strong>₹&nbsp;{{ annual_income }}</strong>.</p>
<p>Issued for the purpose of: <strong>{{ purpose }}</strong>.</p>""",
        """<p>प्रमाणित किया जाता है कि HOLDER के परिवार की सभी स्रोतों से वार्षिक आय
<strong>₹&nbsp;{{ annual_income }}</strong> है।</p>
<p>प्रयोजन: <strong>{{ purpose }}</strong>।</p>""",
    ),
    "caste_certificate": _certificate(
        """<p>This is to certify that HOLDER belongs to the <strong>{{ caste }}</strong> caste,
of the category <strong>{{ category }}</strong>.</p>""",
        """<p>प्रमाणित किया जाता है कि HOLDER <strong>{{ caste }}</strong> जाति के हैं, जो
<strong>{{ category }}</strong> वर्ग में आती है।</p>""",
    ),
    "residence_certificate": _certificate(
        """<p>This is to certify that HOLDER has lived there for
<strong>{{ years_resident }}</strong> years.</p>""",
        """<p>प्रमाणित किया जाता है कि HOLDER वहाँ <strong>{{ years_resident }}</strong> वर्षों से
निवास कर रहे हैं।</p>""",
    ),
    "marriage_certificate": _certificate(
        """<p>This is to certify that HOLDER was married to <strong>{{ spouse_name }}</strong>
on <strong>{{ marriage_date }}</strong>.</p>""",
        """<p>प्रमाणित किया जाता है कि HOLDER का विवाह <strong>{{ spouse_name }}</strong> के साथ
<strong>{{ marriage_date }}</strong> को हुआ।</p>""",
    ),
}

RATION_OR_VOTER = {"code": "id_proof", "label": "Proof of identity (voter card, ration card)", "label_hi": "पहचान का प्रमाण (मतदाता पहचान पत्र, राशन कार्ड)", "required": True}  # fmt: skip
SELF_DECLARATION = {"code": "self_declaration", "label": "Self-declaration", "label_hi": "स्व-घोषणा पत्र", "required": True}  # fmt: skip

SERVICES: list[dict[str, Any]] = [
    {
        "code": "income_certificate",
        "name": "Income certificate",
        "name_hi": "आय प्रमाण पत्र",
        "department": "Revenue, Registration and Land Reforms",
        "department_hi": "राजस्व, निबंधन एवं भूमि सुधार",
        "time_limit_days": 15,
        "designated": "co",
        "appellate": "sdo",
        "validity_days": 365,
        "definition": _definition(
            [
                {
                    "code": "annual_income",
                    "label": "Annual income of the family (₹)",
                    "label_hi": "परिवार की वार्षिक आय (₹)",
                    "type": "number",
                    "required": True,
                    "certified": True,
                    "minimum": 0,
                    "maximum": 100000000,
                },
                {
                    "code": "purpose",
                    "label": "Purpose",
                    "label_hi": "प्रयोजन",
                    "type": "choice",
                    "required": True,
                    "certified": True,
                    "privacy": "open",  # says nothing about the citizen
                    "options": [
                        {"value": "education", "label": "Education", "label_hi": "शिक्षा"},
                        {
                            "value": "scheme",
                            "label": "Government scheme",
                            "label_hi": "सरकारी योजना",
                        },
                        {"value": "other", "label": "Other", "label_hi": "अन्य"},
                    ],
                },
            ],
            [
                RATION_OR_VOTER,
                SELF_DECLARATION,
                {
                    "code": "income_proof",
                    "label": "Salary slip or land record, if any",
                    "label_hi": "वेतन पर्ची या भूमि अभिलेख, यदि हो",
                    "required": False,
                },
            ],
            _steps("co", "tehsil", 7, 3),
        ),
    },
    {
        "code": "caste_certificate",
        "name": "Caste certificate",
        "name_hi": "जाति प्रमाण पत्र",
        "department": "Revenue, Registration and Land Reforms",
        "department_hi": "राजस्व, निबंधन एवं भूमि सुधार",
        "time_limit_days": 30,
        "designated": "co",
        "appellate": "sdo",
        "validity_days": None,
        "definition": _definition(
            [
                {
                    "code": "caste",
                    "label": "Caste",
                    "label_hi": "जाति",
                    "type": "text",
                    "required": True,
                    "certified": True,
                    "max_length": 60,
                },
                {
                    "code": "category",
                    "label": "Category",
                    "label_hi": "वर्ग",
                    "type": "choice",
                    "required": True,
                    "certified": True,
                    "options": [
                        {"value": "sc", "label": "Scheduled Caste", "label_hi": "अनुसूचित जाति"},
                        {"value": "st", "label": "Scheduled Tribe", "label_hi": "अनुसूचित जनजाति"},
                        {"value": "bc1", "label": "Backward Class I", "label_hi": "पिछड़ा वर्ग-1"},
                        {"value": "bc2", "label": "Backward Class II", "label_hi": "पिछड़ा वर्ग-2"},
                    ],
                },
            ],
            [
                RATION_OR_VOTER,
                SELF_DECLARATION,
                {
                    "code": "khatiyan",
                    "label": "Khatiyan or land record",
                    "label_hi": "खतियान या भूमि अभिलेख",
                    "required": True,
                },
            ],
            _steps("co", "tehsil", 20, 5),
        ),
    },
    {
        "code": "residence_certificate",
        "name": "Residence certificate",
        "name_hi": "आवासीय प्रमाण पत्र",
        "department": "Revenue, Registration and Land Reforms",
        "department_hi": "राजस्व, निबंधन एवं भूमि सुधार",
        "time_limit_days": 15,
        "designated": "co",
        "appellate": "sdo",
        "validity_days": None,
        "definition": _definition(
            [
                {
                    "code": "years_resident",
                    "label": "Years of residence",
                    "label_hi": "निवास के वर्ष",
                    "type": "number",
                    "required": True,
                    "certified": True,
                    "minimum": 0,
                    "maximum": 120,
                }
            ],
            [RATION_OR_VOTER, SELF_DECLARATION],
            _steps("co", "tehsil", 7, 3),
        ),
    },
    {
        "code": "marriage_certificate",
        "name": "Marriage certificate",
        "name_hi": "विवाह प्रमाण पत्र",
        "department": "Revenue, Registration and Land Reforms",
        "department_hi": "राजस्व, निबंधन एवं भूमि सुधार",
        "time_limit_days": 30,
        "designated": "sdo",
        "appellate": "dc",
        "validity_days": None,
        "definition": _definition(
            [
                {
                    "code": "spouse_name",
                    "label": "Spouse's name",
                    "label_hi": "पति या पत्नी का नाम",
                    "type": "text",
                    "required": True,
                    "certified": True,
                    "max_length": 100,
                },
                {
                    "code": "marriage_date",
                    "label": "Date of marriage",
                    "label_hi": "विवाह की तिथि",
                    "type": "date",
                    "required": True,
                    "certified": True,
                },
                {
                    "code": "photo",
                    "label": "Joint photograph",
                    "label_hi": "संयुक्त फ़ोटो",
                    "type": "file",
                    "required": True,
                },
            ],
            [
                RATION_OR_VOTER,
                {
                    "code": "marriage_proof",
                    "label": "Invitation card or priest's certificate",
                    "label_hi": "निमंत्रण पत्र या पुरोहित का प्रमाण पत्र",
                    "required": True,
                },
            ],
            _steps("sdo", "subdivision", 20, 5),
        ),
    },
]
