"""The data elements and indicators the demo districts review: the programmes the sample notes
go through (PMGDISHA, Aadhaar, ration shops on ePoS, iStart, the command centre's cameras) and
the figures counted from the project's own rows. Loading twice changes nothing."""

from __future__ import annotations

from typing import Any

from degs.directory.choices import AreaKind
from degs.directory.models import Designation
from degs.indicators.choices import Disaggregation, OverTime, Source
from degs.indicators.models import DataElement, Indicator

GP, BLOCK, DISTRICT = AreaKind.GRAM_PANCHAYAT, AreaKind.BLOCK, AreaKind.DISTRICT

# code, English, Hindi, domain, level, split, over time, reported by, press-note programme
ENTERED: tuple[tuple[str, str, str, str, str, str, str, str, str], ...] = (
    ("pmgdisha_enrolled", "PMGDISHA candidates enrolled", "पीएमजीदिशा में नामांकित अभ्यर्थी",
     "indicators", GP, Disaggregation.SEX, OverTime.SUM, "csc_dm", "digital_literacy"),
    ("pmgdisha_trained", "PMGDISHA candidates trained", "पीएमजीदिशा में प्रशिक्षित अभ्यर्थी",
     "indicators", GP, Disaggregation.SEX, OverTime.SUM, "csc_dm", ""),
    ("pmgdisha_certified", "PMGDISHA candidates certified", "पीएमजीदिशा में प्रमाणित अभ्यर्थी",
     "indicators", GP, Disaggregation.SEX, OverTime.SUM, "csc_dm", ""),
    ("aadhaar_enrolments", "Aadhaar enrolments", "आधार नामांकन",
     "aadhaar", BLOCK, Disaggregation.NONE, OverTime.SUM, "uidai_dpo", "aadhaar"),
    ("aadhaar_updates", "Aadhaar updates", "आधार अद्यतन",
     "aadhaar", BLOCK, Disaggregation.NONE, OverTime.SUM, "uidai_dpo", ""),
    ("aadhaar_centres_working", "Aadhaar centres working", "कार्यरत आधार केंद्र",
     "aadhaar", BLOCK, Disaggregation.NONE, OverTime.LAST, "uidai_dpo", ""),
    ("fps_total", "Fair-price shops", "जन वितरण प्रणाली दुकानें",
     "indicators", BLOCK, Disaggregation.NONE, OverTime.LAST, "bdo", ""),
    ("fps_on_epos", "Fair-price shops on ePoS", "ई-पॉस पर जन वितरण प्रणाली दुकानें",
     "indicators", BLOCK, Disaggregation.NONE, OverTime.LAST, "bdo", "pds"),
    ("istart_mentees", "iStart mentees", "आईस्टार्ट मेंटी",
     "indicators", DISTRICT, Disaggregation.NONE, OverTime.SUM, "dio", ""),
    ("cameras_installed", "Command-centre cameras installed", "कमांड सेंटर के लगे कैमरे",
     "indicators", DISTRICT, Disaggregation.NONE, OverTime.LAST, "dio", ""),
    ("cameras_working", "Command-centre cameras working", "कमांड सेंटर के कार्यरत कैमरे",
     "indicators", DISTRICT, Disaggregation.NONE, OverTime.LAST, "dio", ""),
)  # fmt: skip

# code, English, Hindi, domain, figure source (degs.core.figures), over time
COMPUTED: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("app_received", "Applications received", "प्राप्त आवेदन",
     "services", "applications.received", OverTime.SUM),
    ("app_disposed", "Applications disposed", "निष्पादित आवेदन",
     "services", "applications.disposed", OverTime.SUM),
    ("app_disposed_in_time", "Applications disposed within time", "समय-सीमा में निष्पादित आवेदन",
     "services", "applications.disposed_in_time", OverTime.SUM),
    ("app_pending_beyond_limit", "Applications pending beyond the time limit",
     "समय-सीमा से अधिक लंबित आवेदन",
     "services", "applications.pending_beyond_limit", OverTime.LAST),
    ("centres_active", "Service centres active", "सक्रिय सेवा केंद्र",
     "centres", "centres.active", OverTime.LAST),
    ("inspections_done", "Inspections done", "किए गए निरीक्षण",
     "centres", "centres.inspections_done", OverTime.SUM),
    ("inspections_due", "Inspections due by quota", "कोटा के अनुसार देय निरीक्षण",
     "centres", "centres.inspections_due", OverTime.SUM),
    ("links_active", "Network links in service", "सेवा में नेटवर्क लिंक",
     "connectivity", "connectivity.links_active", OverTime.LAST),
    ("links_up", "Network links up", "चालू नेटवर्क लिंक",
     "connectivity", "connectivity.links_up", OverTime.LAST),
    ("outages_past_clock", "Outages past their restore clock", "बहाली समय से अधिक के आउटेज",
     "connectivity", "connectivity.outages_past_clock", OverTime.LAST),
    ("rollout_targets", "Rollout targets in the set", "रोलआउट के लक्ष्य स्थल",
     "rollouts", "rollouts.targets", OverTime.LAST),
    ("rollout_done", "Rollout targets done", "पूर्ण रोलआउट लक्ष्य स्थल",
     "rollouts", "rollouts.targets_done", OverTime.LAST),
    ("rollout_late", "Rollout targets late", "विलंबित रोलआउट लक्ष्य स्थल",
     "rollouts", "rollouts.targets_late", OverTime.LAST),
    ("directives_overdue", "Directives overdue", "समय-सीमा पार निर्देश",
     "other", "reviews.directives_overdue", OverTime.LAST),
)  # fmt: skip

# code, English, Hindi, domain, numerator, denominator, factor, unit, unit (Hindi), decimals,
# higher is better, rankable per lakh people, drill (a figure source whose rows are behind it)
INDICATORS: tuple[tuple[Any, ...], ...] = (
    ("services_in_time", "Applications disposed within time", "समय-सीमा में निष्पादित आवेदन",
     "services", "#{app_disposed_in_time}", "#{app_disposed}", 100, "%", "%", 1, True, False,
     "applications.disposed_in_time"),
    ("services_pending_late", "Pending beyond the time limit", "समय-सीमा से अधिक लंबित",
     "services", "#{app_pending_beyond_limit}", "", 1, "applications", "आवेदन", 0, False, True,
     "applications.pending_beyond_limit"),
    ("services_received", "Applications received", "प्राप्त आवेदन",
     "services", "#{app_received}", "", 1, "applications", "आवेदन", 0, True, True,
     "applications.received"),
    ("centres_active", "Service centres active", "सक्रिय सेवा केंद्र",
     "centres", "#{centres_active}", "", 1, "centres", "केंद्र", 0, True, True,
     "centres.active"),
    ("inspections_quota", "Inspections done against quota", "कोटा के विरुद्ध निरीक्षण",
     "centres", "#{inspections_done}", "#{inspections_due}", 100, "%", "%", 0, True, False,
     "centres.inspections_done"),
    ("aadhaar_enrolments", "Aadhaar enrolments", "आधार नामांकन",
     "aadhaar", "#{aadhaar_enrolments}", "", 1, "enrolments", "नामांकन", 0, True, True, ""),
    ("aadhaar_updates", "Aadhaar updates", "आधार अद्यतन",
     "aadhaar", "#{aadhaar_updates}", "", 1, "updates", "अद्यतन", 0, True, True, ""),
    ("pmgdisha_trained", "PMGDISHA candidates trained", "पीएमजीदिशा में प्रशिक्षित",
     "indicators", "#{pmgdisha_trained}", "", 1, "people", "व्यक्ति", 0, True, True, ""),
    ("pmgdisha_certified_share", "PMGDISHA trained who were certified",
     "पीएमजीदिशा प्रशिक्षितों में प्रमाणित",
     "indicators", "#{pmgdisha_certified}", "#{pmgdisha_trained}", 100, "%", "%", 1, True, False,
     ""),
    ("pmgdisha_women_share", "Women among PMGDISHA trained", "पीएमजीदिशा प्रशिक्षितों में महिलाएं",
     "indicators", "#{pmgdisha_trained.female}", "#{pmgdisha_trained}", 100, "%", "%", 1, True,
     False, ""),
    ("fps_epos_share", "Fair-price shops on ePoS", "ई-पॉस पर जन वितरण दुकानें",
     "indicators", "#{fps_on_epos}", "#{fps_total}", 100, "%", "%", 1, True, False, ""),
    ("cameras_working_share", "Command-centre cameras working", "कमांड सेंटर के कार्यरत कैमरे",
     "indicators", "#{cameras_working}", "#{cameras_installed}", 100, "%", "%", 1, True, False,
     ""),
    ("istart_mentees", "iStart mentees", "आईस्टार्ट मेंटी",
     "indicators", "#{istart_mentees}", "", 1, "mentees", "मेंटी", 0, True, True, ""),
    ("links_up_share", "Network links up", "चालू नेटवर्क लिंक",
     "connectivity", "#{links_up}", "#{links_active}", 100, "%", "%", 1, True, False,
     "connectivity.links_up"),
    ("outages_past_clock", "Outages past their restore clock", "बहाली समय से अधिक के आउटेज",
     "connectivity", "#{outages_past_clock}", "", 1, "outages", "आउटेज", 0, False, False,
     "connectivity.outages_past_clock"),
    ("rollout_done_share", "Rollout targets done", "पूर्ण रोलआउट लक्ष्य",
     "rollouts", "#{rollout_done}", "#{rollout_targets}", 100, "%", "%", 1, True, False,
     "rollouts.targets_done"),
    ("rollout_late", "Rollout targets late", "विलंबित रोलआउट लक्ष्य",
     "rollouts", "#{rollout_late}", "", 1, "targets", "लक्ष्य", 0, False, False,
     "rollouts.targets_late"),
    ("directives_overdue", "Directives overdue", "समय-सीमा पार निर्देश",
     "other", "#{directives_overdue}", "", 1, "directives", "निर्देश", 0, False, False,
     "reviews.directives_overdue"),
)  # fmt: skip


def load_elements() -> int:
    """The data elements and indicators; returns how many indicators there are."""
    designations = {d.code: d for d in Designation.objects.all()}
    for code, en, hi, domain, level, split, over, by, programme in ENTERED:
        DataElement.objects.update_or_create(
            code=code,
            defaults={
                "name": en,
                "name_hi": hi,
                "domain": domain,
                "source": Source.ENTERED,
                "figure_source": "",
                "entry_level": level,
                "disaggregation": split,
                "over_time": over,
                "reported_by": designations.get(by),
                "press_note_programme": programme,
            },
        )
    for code, en, hi, domain, source, over in COMPUTED:
        DataElement.objects.update_or_create(
            code=code,
            defaults={
                "name": en,
                "name_hi": hi,
                "domain": domain,
                "source": Source.COMPUTED,
                "figure_source": source,
                "entry_level": BLOCK,
                "over_time": over,
            },
        )
    for position, row in enumerate(INDICATORS, start=1):
        (code, en, hi, domain, numerator, denominator, factor, unit, unit_hi, decimals, higher,
         per_lakh, drill) = row  # fmt: skip
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": en,
                "name_hi": hi,
                "domain": domain,
                "numerator": numerator,
                "denominator": denominator,
                "factor": factor,
                "unit": unit,
                "unit_hi": unit_hi,
                "decimals": decimals,
                "higher_is_better": higher,
                "rank_per_population": per_lakh,
                "drill_url": drill,
                "position": position,
            },
        )
    return Indicator.objects.count()
