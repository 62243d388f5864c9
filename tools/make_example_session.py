#!/usr/bin/env python3
"""Regenerate the worked example session shipped in ``sessions/``.

Usage:
    uv run python tools/make_example_session.py
    uv run python tools/make_example_cycle.py   # then this: it links the example to its
                                                # previous year and rebuilds the other examples

Builds one fully worked self-assessment for a fictional service, "Example Borough Libraries"
(a council-run service with 12 branches, a mobile library and a Home Library Service), with the
package's own models, and writes it with :func:`benchmark_tui.store.save_session`, so the file
is formatted exactly as the app writes it. Everything in it (the borough, its places, the team)
is invented. Timestamps are fixed, so running the script again gives a byte-identical file.

After writing, the file is read back and checked: no notices, 14/14 agreed, no remarks about
the number of findings, every matrix element rated.

It also writes the example's Section 1 figures as a workbook,
``sessions/example-borough-libraries-figures.xlsx`` (what a service collates before the day and
imports with ``benchmark-tui import-figures`` or ``i`` on a measures step), and checks that
importing it into the example with its figures removed gives back the same figures.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path

from benchmark_tui.models import (
    Action,
    Agenda,
    Approach,
    AreaRecord,
    Attendance,
    CharacteristicRecord,
    DayHours,
    Evidence,
    ImprovementPlan,
    Measure,
    ParkedPoint,
    ParkingLot,
    PeriodValue,
    Position,
    Rating,
    ServiceInfo,
    Session,
    TeamMember,
    Workshop,
)
from benchmark_tui.models.evidence import Comparator, ComparatorValue
from benchmark_tui.store import load_framework, read_session, save_session

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "sessions" / "example-borough-libraries-2026-03-12.yaml"
WORKBOOK = ROOT / "sessions" / "example-borough-libraries-figures.xlsx"
"""The example's figures as a workbook to import (``benchmark-tui import-figures``)."""

CREATED = datetime(2026, 3, 12, 9, 15, tzinfo=UTC)
UPDATED = datetime(2026, 3, 19, 16, 40, tzinfo=UTC)


# ---------------------------------------------------------------------------------------------
# Small builders, so the content below reads like the team's notes
# ---------------------------------------------------------------------------------------------


def measure(
    name: str,
    values: list[tuple[str, str]],
    trend: str | None,
    note: str = "",
    *,
    better: str | None = None,
    unit: str = "",
    comparators: dict[str, list[tuple[str, str]]] | None = None,
) -> Measure:
    """A measure with its yearly values, oldest first, which way is better, and its
    comparators (external benchmarks) with their figures by period."""
    return Measure(
        name=name,
        values=[PeriodValue(period=p, value=v) for p, v in values],
        trend=trend,
        note=note,
        better=better,
        unit=unit,
        comparators=[
            Comparator(
                name=comparator,
                values=[ComparatorValue(period=p, value=v) for p, v in figures],
            )
            for comparator, figures in (comparators or {}).items()
        ],
    )


CIPFA_NEIGHBOURS = "CIPFA nearest neighbours (median)"
ENGLAND = "England average"
CIPFA_PLUS = "CIPFA PLUS national average"


def approaches(*items: str | tuple[str, str]) -> list[Approach]:
    """Flipchart lines: a plain string is in place; ``(text, "planned")`` is planned."""
    return [
        Approach(text=i) if isinstance(i, str) else Approach(text=i[0], status=i[1]) for i in items
    ]


def ratings(**values: int | tuple[int, str]) -> dict[str, Rating]:
    """The matrix: ``plan=3`` or ``plan=(3, "note")``; ``check_act`` means ``check-act``."""
    out: dict[str, Rating] = {}
    for key, given in values.items():
        value, note = given if isinstance(given, tuple) else (given, "")
        out[key.replace("_", "-")] = Rating(value=value, note=note)
    return out


def characteristic(
    items: list[Approach],
    summary: str,
    sources: list[str],
    matrix: dict[str, Rating],
    strengths: list[str],
    improvements: list[str],
) -> CharacteristicRecord:
    """An agreed characteristic record."""
    return CharacteristicRecord(
        state="agreed",
        approaches=items,
        evidence=Evidence(summary=summary, sources_reviewed=sources),
        ratings=matrix,
        strengths=strengths,
        improvements=improvements,
    )


# ---------------------------------------------------------------------------------------------
# Who and when
# ---------------------------------------------------------------------------------------------

SERVICE = ServiceInfo(
    name="Example Borough Libraries", scope="whole-service", governance="council-run"
)

WORKSHOP = Workshop(
    dates=[date(2026, 3, 12), date(2026, 3, 19)],
    facilitator="Rachel Lindqvist",
    team=[
        TeamMember(name="Sarah Okafor", role="Head of Libraries & Heritage"),
        TeamMember(name="Martin O'Neill", role="Central Library Manager"),
        TeamMember(
            name="Aisha Rahman",
            role="Branch Manager, North (Hollinbrook, Ferncross, Stanmere, Oakhurst Green)",
        ),
        TeamMember(name="Gareth Pryce", role="Reader Development & Children's Librarian"),
        TeamMember(name="Tomasz Nowak", role="Digital Inclusion Officer"),
        TeamMember(
            name="Bev Hargreaves",
            role="Volunteer Coordinator (incl. Home Library Service)",
        ),
        TeamMember(name="Margaret Ellison", role="Chair, Friends of Example Borough Libraries"),
        TeamMember(name="Daniel Chu", role="Finance Business Partner, Communities"),
    ],
)


# ---------------------------------------------------------------------------------------------
# Section 1: results achieved
# ---------------------------------------------------------------------------------------------

OUTCOMES = AreaRecord(
    state="agreed",
    measures=[
        measure(
            "Physical visits (all 12 branches + mobile)",
            [
                ("2021/22", "612,400"),
                ("2022/23", "948,700"),
                ("2023/24", "1,041,300"),
                ("2024/25", "1,068,900"),
            ],
            "improving",
            "Still about 14% below 2019/20 (1,236,000). People counters at all branches "
            "since 2022.",
            better="higher",
            unit="visits",
        ),
        measure(
            "Active borrowers (borrowed in last 12 months)",
            [
                ("2021/22", "38,900"),
                ("2022/23", "41,200"),
                ("2023/24", "40,650"),
                ("2024/25", "39,800"),
            ],
            "mixed",
            "LMS changed in Oct 2023 and the definition changed with it, so 2023/24 on is "
            "not strictly comparable: the figures suggest stable, the team judged mixed.",
            better="higher",
            unit="borrowers",
        ),
        measure(
            "E-loans (ebooks, eaudio, emagazines)",
            [
                ("2021/22", "286,000"),
                ("2022/23", "301,500"),
                ("2023/24", "338,200"),
                ("2024/25", "372,900"),
            ],
            "improving",
            better="higher",
            unit="loans",
        ),
        measure(
            "Summer Reading Challenge completers",
            [("2022", "1,480"), ("2023", "1,710"), ("2024", "1,905"), ("2025", "2,040")],
            "improving",
            better="higher",
            unit="children",
        ),
    ],
    notes=(
        "Two things stand out: visits are up three years running but active borrowers are "
        "slightly down.\n"
        "E-loans keep growing, so some borrowing has moved online rather than gone away – "
        "but we can't yet show how many people use only the e-offer.\n"
        "Summer Reading Challenge is our best story (schools outreach + Gareth's "
        '"Chatterbooks on tour").\n'
        "We report activity, not outcomes: nothing on health & wellbeing or digital "
        "skills beyond headcounts.\n"
    ),
    strengths=[
        "Visits have recovered steadily for three years and are ahead of the CIPFA "
        "nearest-neighbour average per 1,000 population",
        "E-loans up 30% since 2021/22, helped by the 2023 switch of eaudio platform",
        "Summer Reading Challenge completers up 38% since 2022, linked to schools outreach",
    ],
    improvements=[
        "Active borrowers falling slightly despite rising visits: we don't know why",
        "No outcome measures for health & wellbeing or digital inclusion beyond attendance counts",
        "Results not reported against the Libraries Deliver outcomes",
    ],
    linked=["service-design", "collaboration"],
)

USER_SATISFACTION = AreaRecord(
    state="agreed",
    measures=[
        measure(
            "Adult users rating the service good or very good (user survey)",
            [("2018", "91%"), ("2021", "86%"), ("2024", "89%")],
            "mixed",
            "2021 survey online only during restrictions (n=612); 2024 paper and online, n=1,240.",
            better="higher",
            comparators={CIPFA_PLUS: [("2018", "90%"), ("2021", "88%"), ("2024", "89%")]},
        ),
        measure(
            "Children rating the library good or very good (CIPFA Children's PLUS)",
            [("2019", "92%"), ("2022", "94%"), ("2025", "95%")],
            "stable",
            better="higher",
            comparators={
                "CIPFA Children's PLUS national average": [
                    ("2019", "93%"),
                    ("2022", "93%"),
                    ("2025", "94%"),
                ]
            },
        ),
        measure(
            "Satisfied with opening hours (user survey)",
            [("2018", "72%"), ("2021", "66%"), ("2024", "61%")],
            "declining",
            better="higher",
            comparators={CIPFA_PLUS: [("2018", "74%"), ("2021", "71%"), ("2024", "70%")]},
        ),
        measure(
            "Formal complaints received",
            [("2021/22", "64"), ("2022/23", "51"), ("2023/24", "47"), ("2024/25", "58")],
            "mixed",
            "19 of the 58 in 2024/25 were about Sunday closures at Stanmere & Ferncross.",
            better="lower",
            unit="complaints",
        ),
    ],
    notes=(
        "Overall satisfaction recovered after the 2021 dip (online-only survey, lockdown). "
        "Opening hours is the one clear negative and it matches the complaints. Comments in "
        "the 2024 survey mostly praise staff; the most common complaint is PCs and Wi-Fi."
    ),
    strengths=[
        "Nine in ten adult users rate the service good or very good (89%, user survey 2024, "
        "n=1,240)",
        "Children's satisfaction consistently above 90% across three surveys",
        "Staff helpfulness is the top-rated aspect of the service (96%)",
    ],
    improvements=[
        "Satisfaction with opening hours is low (61%) and falling",
        "Surveys reach existing users only; we know little about what non-users think",
        "Complaints not analysed by theme or branch until this year",
    ],
    linked=["community", "people"],
)

WORKFORCE = AreaRecord(
    state="agreed",
    no_data_yet=True,
    measures=[
        measure(
            "Staff survey engagement index (library staff)",
            [("2019", "61%"), ("2022", "58%")],
            "stable",
            "Council staff survey not run since 2022 (paused during the restructure); next "
            "one not before 2027. Only two points on a low response (n=71 in 2022), so "
            "broadly flat at best.",
            better="higher",
        ),
    ],
    notes=(
        "We don't have a workforce picture for the library service.\n"
        "HR reports sickness absence and turnover for the Communities directorate as a "
        "whole (10.4 days per FTE in 2024/25), not for libraries.\n"
        "Volunteer hours (c. 14,600 in 2024/25) are logged differently at each branch.\n"
        "Training records cover mandatory courses only.\n"
    ),
    strengths=[
        "Volunteer team has grown to 148 active volunteers, most staying more than a year",
        "Mandatory training completion is high (94% at March 2026)",
    ],
    improvements=[
        "No library staff survey since 2022, so no trend in staff satisfaction",
        "Sickness absence and turnover not reported for libraries separately from the "
        "Communities directorate",
        "Volunteer hours recorded inconsistently across branches",
    ],
    linked=["people"],
)

VALUE_FOR_MONEY = AreaRecord(
    state="agreed",
    measures=[
        measure(
            "Cost per visit (net revenue expenditure ÷ physical visits, CIPFA)",
            [
                ("2021/22", "£7.22"),
                ("2022/23", "£4.71"),
                ("2023/24", "£4.37"),
                ("2024/25", "£4.29"),
            ],
            "improving",
            "Falling because visits are recovering, not because costs fell.",
            better="lower",
            comparators={
                CIPFA_NEIGHBOURS: [
                    ("2021/22", "£6.80"),
                    ("2022/23", "£4.95"),
                    ("2023/24", "£4.52"),
                    ("2024/25", "£4.41"),
                ],
                ENGLAND: [("2022/23", "£4.60"), ("2023/24", "£4.48"), ("2024/25", "£4.35")],
            },
        ),
        measure(
            "Net cost per head of population (CIPFA)",
            [("2022/23", "£16.87"), ("2023/24", "£17.17"), ("2024/25", "£17.32")],
            "stable",
            "Above the nearest-neighbour median every year. Flat in real terms.",
            better="lower",
            comparators={
                CIPFA_NEIGHBOURS: [
                    ("2022/23", "£15.40"),
                    ("2023/24", "£15.70"),
                    ("2024/25", "£15.90"),
                ],
                ENGLAND: [("2022/23", "£14.90"), ("2023/24", "£15.20"), ("2024/25", "£15.45")],
            },
        ),
        measure(
            "Income generated (room hire, printing, sales, grants)",
            [
                ("2021/22", "£182,000"),
                ("2022/23", "£231,500"),
                ("2023/24", "£248,900"),
                ("2024/25", "£236,400"),
            ],
            "mixed",
            "2023/24 includes a one-off £38k Arts Council project grant.",
            better="higher",
        ),
    ],
    notes=(
        "Cost per visit looks good but flatters us. Cost per head is above the "
        "nearest-neighbour median: Daniel thinks premises (12 buildings, 3 of them listed) "
        "explain much of it – needs checking. Income is up but lumpy."
    ),
    strengths=[
        "Cost per visit down from £4.71 to £4.29 over three years",
        "Income up 30% on 2021/22 (£236,400 in 2024/25)",
        "Ferncross co-location with the Family Hub saves c. £41,000 a year in premises costs",
    ],
    improvements=[
        "Cost per head is above the CIPFA nearest-neighbour median and we can't yet explain why",
        "Income relies on room hire and one-off grants",
        "No measure of the wider value libraries create (e.g. social return)",
    ],
    linked=["resources", "evidence"],
)


# ---------------------------------------------------------------------------------------------
# Section 2: characteristics
# ---------------------------------------------------------------------------------------------

LEADERSHIP = characteristic(
    approaches(
        '"Libraries for Everyone" strategy 2023–2028 with a one-page vision, agreed by Cabinet '
        "July 2023",
        "Head of Service meets the Portfolio Holder monthly; annual briefing for ward councillors",
        "Head of Service sits on the Health & Wellbeing Board sub-group on loneliness and "
        "social isolation",
        'Quarterly all-staff "Library Conversations" (at Central and on Teams)',
        "Innovation fund: £5,000 a year, bids from any member of staff or volunteer",
        (
            "Values refresh with staff and volunteers, based on the CILIP Ethical Principles",
            "planned",
        ),
    ),
    (
        "Staff survey 2022 (library responses, n=71): 72% said they understood the service's "
        "priorities, but only 48% felt senior managers listened to them.\n"
        "Partners on the Health & Wellbeing Board and the Family Hubs team value the Head of "
        "Service's visibility.\n"
        "User survey 2024 shows good awareness of events but almost none of the strategy "
        "itself.\n"
        "Outcome and value for money trends (Section 1) broadly improving since the strategy "
        "was adopted.\n"
    ),
    [
        "Staff surveys",
        "Partner surveys",
        "User surveys",
        "Performance trends relating to outcomes and value for money",
        "Service improvement plans and reviews",
    ],
    ratings(
        plan=(3, "Vision and strategy are clear and have Cabinet backing."),
        do=3,
        check_act=(2, "Nobody looks at whether leadership practices work; staff survey is old."),
        impact=2,
    ),
    [
        'Clear, council-endorsed vision in "Libraries for Everyone" 2023–2028',
        "Head of Service is a visible advocate with members and partners (Health & Wellbeing "
        "Board, Family Hubs)",
        "Innovation fund has led to real changes, e.g. the Stanmere repair café and "
        '"Chatterbooks on tour"',
    ],
    [
        "Vision and values not well understood by front-line staff and volunteers, especially "
        "at smaller branches",
        "Only 48% of staff felt senior managers listen to them (2022), and there's no newer "
        "measure",
        "Leaders' own improvement practice isn't reviewed or modelled systematically",
    ],
)

GOVERNANCE = characteristic(
    approaches(
        "Statutory duty under the Public Libraries and Museums Act 1964 set out in the "
        "strategy and the 2023 needs assessment",
        "Libraries Management Team meets fortnightly; risk register reviewed quarterly",
        "Council project management framework (gateway reviews) used for capital works and "
        "the LMS migration",
        "Equality impact assessments on every service change, incl. the 2024 Sunday hours review",
        "Business continuity plan for each branch; tested at Central in 2025",
        (
            "Scheme of delegation giving branch managers their own budgets (from April 2026)",
            "planned",
        ),
    ),
    (
        'Internal audit (2024) gave "substantial assurance" on cash handling and data '
        "protection, with two minor recommendations, both closed. The Sunday hours decision "
        "went through scrutiny with a full EqIA; partners said the process was transparent "
        "even where they disagreed with the outcome. The risk register is current, but "
        "several risks have carried the same score for two years."
    ),
    [
        "Partner surveys",
        "Performance trends relating to outcomes and value for money",
        "Service improvement plans and reviews",
        "Internal audit report on libraries (2024)",
    ],
    ratings(
        plan=(4, "Statutory and corporate frameworks all in place and written down."),
        do=3,
        check_act=(2, "Risk register is reviewed but not really challenged."),
        impact=3,
    ),
    [
        'Sound compliance: "substantial assurance" from internal audit 2024, all '
        "recommendations closed",
        "Proper project management on big changes: LMS migration delivered on time and "
        "£12,000 under budget",
        "Equality impact assessments are routine and were praised by scrutiny",
    ],
    [
        "Risk scores unchanged for two years; controls not tested",
        "Branch managers have little delegated budget, which slows local decisions",
    ],
)

EVIDENCE = characteristic(
    approaches(
        "Annual CIPFA returns and nearest-neighbour comparison",
        "Monthly LMS and people-counter report to Libraries Management Team",
        "Library needs assessment 2023 using the JSNA, census 2021 and deprivation data",
        "Staff attend the regional libraries network and report back (sometimes)",
        ("Simple before-and-after evaluation template for programmes", "planned"),
        ("Performance dashboard with the council's Insight Team", "planned"),
    ),
    (
        "We have plenty of activity data (visits, loans, e-loans, PC sessions, event "
        "attendance) but almost all evaluation is headcounts.\n"
        "The 2023 needs assessment used the JSNA and LG Inform well and drove the mobile "
        "library route review, but it hasn't been refreshed against the 2025 JSNA.\n"
        "Learning from elsewhere is ad hoc: it depends on who goes to which meeting.\n"
    ),
    [
        "Performance trends relating to outcomes and value for money",
        "Service improvement plans and reviews",
        "LG Inform",
        "Joint Strategic Needs Assessment 2025",
    ],
    ratings(
        plan=(2, "Good data, weak on using it."),
        do=2,
        check_act=(1, "Nobody owns checking whether data is used in decisions."),
        impact=(1, "Hard to name a decision the data changed – apart from the mobile routes."),
    ),
    [
        "Good, reliable activity data from the new LMS and people counters at all 12 branches",
        "2023 needs assessment used JSNA, census and LG Inform data and reshaped the mobile "
        "library's 38 stops",
    ],
    [
        "Programme evaluation is mostly headcounts; few before-and-after measures of impact",
        "Needs assessment not refreshed since 2023 and not linked to the 2025 JSNA",
        "Learning from other services is ad hoc and not shared back with the team",
    ],
)

COMMUNITY = characteristic(
    approaches(
        "User survey every three years (2018, 2021, 2024)",
        "Friends Groups at 7 of 12 branches, plus the umbrella Friends of Example Borough "
        "Libraries",
        "Comment cards and online feedback form, read monthly by branch managers",
        'Youth panel "Shelf Life" at Central helps choose YA stock and plan events',
        "Public consultation on the library strategy, 2023 (2,870 responses)",
        ("Non-user research in Marsh End and Hollinbrook East", "planned"),
        ("Accessibility walk-round of every branch with the Disability Forum", "planned"),
    ),
    (
        "The 2023 strategy consultation had 2,870 responses, but 71% were existing users and "
        "only 4% were aged 16–24. Taking Part data (last national wave) puts library use in "
        "the borough close to the England average. Friends Groups raise money and run events; "
        "Margaret said they would like a say in planning, not just fundraising."
    ),
    [
        "User surveys",
        "Community consultation",
        "Performance trends relating to outcomes",
        "Taking Part survey",
        "Library strategy consultation 2023 (n=2,870)",
    ],
    ratings(
        plan=3,
        do=(2, "Strong at Central and where there's a Friends Group; patchy elsewhere."),
        check_act=2,
        impact=2,
    ),
    [
        "Active Friends Groups at 7 branches; the umbrella group is a strong advocate with "
        "councillors",
        "Large strategy consultation in 2023 (2,870 responses), with results published",
        '"Shelf Life" youth panel genuinely shapes YA stock and events at Central',
    ],
    [
        "Non-users and young people under-represented in consultation (4% of 2023 responses "
        "from 16–24s)",
        "Little understanding of barriers to use in the most deprived wards (Marsh End, "
        "Hollinbrook East)",
        "Friends Groups involved in fundraising but rarely in planning services",
    ],
)

STRATEGY = characteristic(
    approaches(
        '"Libraries for Everyone" 2023–2028: six priorities mapped to the Libraries Deliver '
        "outcomes and the Council Plan",
        "Annual service plan with an action plan for each branch",
        "Staff ideas day each autumn feeding the service plan",
        "Quarterly performance report to the Communities directorate",
        ("Mid-point review of the strategy, autumn 2026", "planned"),
        ("Medium-term financial plan for libraries to 2029/30", "planned"),
    ),
    (
        "The strategy links to the Council Plan and to the seven Libraries Deliver outcomes, "
        "but its measures are mostly outputs.\n"
        'The 2022 staff survey: staff knew the priorities but felt change was "done to them" '
        "during the 2022–23 restructure.\n"
        "User survey 2024 suggests users value the core offer (books, space, staff) far more "
        "than newer initiatives.\n"
    ),
    ["Staff surveys", "User surveys", "Performance trends relating to outcomes"],
    ratings(
        plan=(3, "Strategy is sound and tied to the Council Plan."),
        do=2,
        check_act=(1, "No review since adoption; mid-point review planned."),
        impact=2,
    ),
    [
        "Strategy clearly mapped to the Libraries Deliver outcomes and the Council Plan",
        "Staff ideas day gives everyone a route into the service plan (22 ideas taken up in 2025)",
        "Branch action plans turn the strategy into local priorities",
    ],
    [
        "Measures in the strategy are mainly outputs, not outcomes",
        "No review of the strategy since 2023 and no medium-term financial plan to go with it",
        'Staff felt major change (the 2022–23 restructure) was "done to them"',
    ],
)

COLLABORATION = characteristic(
    approaches(
        "Ferncross Library co-located with the Family Hub since 2024",
        "Books on Prescription and social prescribing referrals with the Health & Wellbeing "
        "Board partners",
        "Digital Champions partnership with Northgate Homes (housing association) and the "
        "Age Friendly network",
        "Regional stock purchasing consortium and shared LMS with neighbouring authorities",
        'Grant bids: £38,000 Arts Council project grant for "Stories from the Marsh" (2023/24)',
        ("Look at a shared library management service with a neighbouring borough", "planned"),
        ("Local business sponsorship for the Summer Reading Challenge", "planned"),
    ),
    (
        'Partner survey (Nov 2025, n=23): 87% rated us a "good" or "excellent" partner. '
        "Income rose from £182,000 to £236,400 over three years, though the 2023/24 peak "
        "included a one-off grant. Children's visits at Ferncross are up 31% since the "
        "Family Hub moved in."
    ),
    [
        "Partner surveys",
        "Performance trends relating to outcomes and value for money",
    ],
    ratings(
        plan=3,
        do=3,
        check_act=2,
        impact=(3, "Family Hub and social prescribing partnerships show clear results."),
    ),
    [
        "Ferncross co-location with the Family Hub: children's visits up 31% and £41,000 a "
        "year saved on premises",
        'Partners rate us highly (87% "good" or "excellent", partner survey 2025)',
        "Successful grant bids, incl. £38,000 from Arts Council England",
    ],
    [
        "Income relies on room hire and one-off grants; no fundraising strategy",
        "Partnerships depend on individual relationships and aren't reviewed formally",
        "Alternative delivery models not looked at since 2019",
    ],
)

PEOPLE = characteristic(
    approaches(
        "Annual appraisals (council scheme) for all staff",
        "Mandatory training tracked on the council's learning platform",
        "Volunteer induction, role descriptions and termly volunteer get-togethers",
        "Monthly team brief at every branch",
        "Employee Assistance Programme and two wellbeing champions",
        ("Workforce development plan linked to the Public Library Skills Strategy", "planned"),
        ("Short pulse survey for staff and volunteers", "planned"),
    ),
    (
        "No library staff survey since 2022 (n=71, engagement index 58%). Appraisal "
        "completion was 78% in 2024/25 against a council target of 90%. Sickness absence is "
        "only reported for the Communities directorate (10.4 days per FTE). 148 active "
        "volunteers gave c. 14,600 hours, but each branch counts hours differently."
    ),
    [
        "Staff surveys",
        "Performance trends relating to staff development and resilience",
        "Exit interview notes (HR)",
    ],
    ratings(
        plan=2,
        do=(2, "Appraisals 78% done; volunteer support good at Central, patchy elsewhere."),
        check_act=1,
        impact=(1, "We can't show impact without data – see 1.3."),
    ),
    [
        "Committed, long-serving staff and a growing volunteer team (148 active volunteers)",
        "Volunteer induction and role descriptions are clear and well regarded",
        "Mandatory training completion is high (94%)",
    ],
    [
        "No structured development plan for staff and volunteers since the Skills Strategy "
        "came out",
        "Appraisal completion (78%) below the council target; quality varies by branch",
        "Little support for resilience at single-staffed branches and on the mobile",
    ],
)

RESOURCES = characteristic(
    approaches(
        "Monthly budget monitoring with the Finance Business Partner",
        "Planned preventative maintenance programme through Corporate Property",
        "Self-service kiosks at all 12 branches; Open Access extended hours at 4",
        "Cloud LMS since October 2023, shared with the regional consortium",
        "Co-location options looked at through the council's asset review",
        ("Replacement of the 2008 mobile library vehicle (capital bid submitted)", "planned"),
        ("Hearing loops at all branches and a Changing Places toilet at Central", "planned"),
    ),
    (
        "CIPFA 2024/25: cost per visit £4.29 (down from £4.71), but net cost per head £17.32 "
        "against a nearest-neighbour median of £15.90.\n"
        "PPM records: 86% of planned jobs done on time. The fault log has 37 open items, 11 "
        "of them at Hollinbrook (roof and heating).\n"
        "The mobile library was off the road for 23 days in 2024/25.\n"
        "User survey 2024: 83% satisfied with buildings, only 64% with PCs and Wi-Fi.\n"
    ),
    [
        "User surveys",
        "Performance trends relating to outcomes and value for money",
        "CIPFA stats",
        "Planned, preventative maintenance records",
        "Fault logs",
    ],
    ratings(
        plan=3,
        do=3,
        check_act=(2, "Budget checked monthly; buildings and IT much less so."),
        impact=2,
    ),
    [
        "Tight budget management: on or under budget four years running",
        "Ferncross co-location and the LMS migration both cut running costs",
        "Open Access extended hours at four branches at no extra staffing cost",
    ],
    [
        "Ageing mobile library vehicle (2008) is unreliable: 23 days off the road in 2024/25",
        "Building faults at Hollinbrook (roof, heating) outstanding for over a year",
        "Public PCs and Wi-Fi rated poorly (64% satisfied) and due for renewal",
    ],
)

SERVICE_DESIGN = characteristic(
    approaches(
        "Universal Offers (reading, information, digital, health, culture) at every branch",
        "Summer Reading Challenge, Bookstart and rhymetimes at all branches",
        "Home Library Service (volunteer delivered, c. 310 customers) and the mobile library "
        "(38 stops, fortnightly)",
        "Stock policy: about 9% of stock replaced each year; supplier selection for most "
        "adult fiction",
        'Monthly "What\'s On", social media and posters in GP surgeries',
        ("Branch-by-branch review of the offer against the needs assessment", "planned"),
    ),
    (
        "Summer Reading Challenge completers up from 1,480 (2022) to 2,040 (2025). User "
        "survey 2024 rated staff helpfulness 96% and stock range 79%. Partners value the "
        "health and digital offers but say their clients don't know about them. Staff (2022) "
        "felt there were too many initiatives for the staff available."
    ),
    [
        "User surveys",
        "Staff surveys",
        "Partner surveys",
        "Performance trends relating to outcomes",
    ],
    ratings(
        plan=3,
        do=(4, "Universal Offers, SRC and the Home Library Service run right across the service."),
        check_act=2,
        impact=(3, "Strong results for children's reading and satisfaction with staff."),
    ),
    [
        "Core offer delivered consistently across 12 branches, the mobile and the Home Library "
        "Service",
        "Children's reading offer is excellent: Summer Reading Challenge completers up 38% "
        "since 2022",
        "Staff helpfulness rated 96% in the 2024 user survey",
    ],
    [
        "Awareness of the offer is low beyond existing users; marketing is mostly social media",
        "Stock satisfaction (79%) lower than other aspects; adult non-fiction tired at smaller "
        "branches",
        "Offer not reviewed branch by branch against local need",
    ],
)

REVIEW = characteristic(
    approaches(
        "First self-assessment against the Benchmarking Framework (this workshop)",
        "Complaints and compliments log reviewed monthly",
        "Lessons-learned reviews after capital projects and the LMS migration",
        "Peer visit to a neighbouring service to see Open Access in practice (2025)",
        ("Annual self-assessment each March, with quarterly plan check-ins", "planned"),
        ("Process review of reservations and stock processing", "planned"),
    ),
    (
        "This is our first structured self-assessment. Reviews happen after big projects (LMS "
        "migration lessons learned, 2024) but not routinely for day-to-day processes. The "
        "partner survey 2025 shows partners would welcome joint reviews. Staff said in 2022 "
        'that good ideas "get lost" between branches.'
    ),
    [
        "Staff surveys",
        "Partner surveys",
        "Performance trends relating to outcomes and value for money",
    ],
    ratings(
        plan=(1, "Only just started: this workshop is the first step."),
        do=1,
        check_act=(0, "We have no cycle for checking that our improvement methods work."),
        impact=1,
    ),
    [
        "Good lessons-learned reviews after major projects (LMS migration 2024)",
        "Staff are keen to improve: 22 ideas taken forward from the 2025 ideas day",
    ],
    [
        "This is our first self-assessment; no regular cycle of review is in place",
        "No structured approach to problem solving or process improvement",
        "Learning from peer services and other sectors is occasional and not shared",
    ],
)


# ---------------------------------------------------------------------------------------------
# The improvement plan
# ---------------------------------------------------------------------------------------------

PLAN = ImprovementPlan(
    actions=[
        Action(
            id="a1",
            action="Agree a small set of library workforce measures with HR (sickness absence, "
            "turnover, training days, volunteer hours) and run a short pulse survey of staff "
            "and volunteers in autumn 2026",
            item="workforce",
            improvement="No data collected yet for 1.3 Workforce satisfaction, development "
            "and resilience",
            owner="Sarah Okafor, Head of Libraries & Heritage (with HR business partner)",
            due=date(2026, 10, 30),
            priority="high",
            status="agreed",
            origin="no-data",
        ),
        Action(
            id="a2",
            action="Analyse LMS borrower data by branch, age group and postcode to understand "
            "the fall in active borrowers; report to Libraries Management Team",
            item="outcomes",
            improvement="Active borrowers falling slightly despite rising visits: we don't "
            "know why",
            owner="Martin O'Neill",
            due=date(2026, 7, 31),
            priority="medium",
            status="in-progress",
            origin="improvement",
        ),
        Action(
            id="a3",
            action="Review the opening hours pattern using people-counter data and survey "
            "comments; pilot Open Access Sunday opening at Stanmere and Ferncross",
            item="user-satisfaction",
            improvement="Satisfaction with opening hours is low (61%) and falling",
            owner="Aisha Rahman",
            due=date(2026, 12, 18),
            priority="high",
            status="agreed",
            origin="improvement",
        ),
        Action(
            id="a4",
            action="Break down cost per head against the CIPFA nearest neighbours (premises, "
            "staffing, stock) and take the findings into the 2027/28 budget round",
            item="value-for-money",
            improvement="Cost per head is above the CIPFA nearest-neighbour median and we "
            "can't yet explain why",
            owner="Daniel Chu",
            due=date(2026, 9, 30),
            priority="medium",
            status="proposed",
            origin="improvement",
        ),
        Action(
            id="a5",
            action="Use a simple before-and-after evaluation template for Get Online, "
            "rhymetimes and the Summer Reading Challenge",
            item="evidence",
            improvement="Programme evaluation is mostly headcounts; few before-and-after "
            "measures of impact",
            owner="Gareth Pryce and Tomasz Nowak",
            due=date(2027, 3, 31),
            priority="low",
            status="proposed",
            origin="improvement",
        ),
        Action(
            id="a6",
            action="Write a workforce development plan for staff and volunteers based on the "
            "Public Library Skills Strategy, starting with single-staffed branches",
            item="people",
            improvement="No structured development plan for staff and volunteers since the "
            "Skills Strategy came out",
            owner="Bev Hargreaves with Libraries Management Team",
            due=date(2027, 1, 29),
            priority="medium",
            status="agreed",
            origin="improvement",
        ),
        Action(
            id="a7",
            action="Repeat this self-assessment every March; check progress on this plan "
            "quarterly at Libraries Management Team",
            item="review",
            improvement="This is our first self-assessment; no regular cycle of review is in place",
            owner="Libraries Management Team",
            due=date(2027, 3, 31),
            priority="high",
            status="agreed",
            origin="improvement",
        ),
        Action(
            id="a8",
            action="Non-user research in Marsh End and Hollinbrook East with the Youth Council "
            "and two community organisations; Friends Groups to help run it",
            item="community",
            improvement="Non-users and young people under-represented in consultation (4% of "
            "2023 responses from 16–24s)",
            owner="Margaret Ellison and Gareth Pryce",
            due=date(2026, 11, 27),
            priority="medium",
            status="proposed",
            origin="improvement",
        ),
        Action(
            id="a9",
            action="Share the results of this self-assessment with all staff, volunteers and "
            'the Friends Groups: one-page summary plus a "Library Conversations" session',
            item="leadership",
            owner="Sarah Okafor",
            due=date(2026, 5, 15),
            priority="medium",
            status="agreed",
            origin="team",
        ),
        Action(
            id="a10",
            action="Start collecting council consultation",
            item="leadership",
            improvement="No data collected yet: Council consultation",
            owner="Sarah Okafor",
            due=date(2026, 9, 30),
            priority="medium",
            status="proposed",
            origin="no-data",
        ),
        Action(
            id="a11",
            action="Ask Finance whether the book fund can move to a two-year cycle",
            item="value-for-money",
            improvement="Parked: Ask Finance whether the book fund can move to a two-year cycle",
            owner="Daniel Chu",
            due=date(2026, 6, 30),
            priority="medium",
            status="proposed",
            origin="team",
        ),
    ],
    notes=(
        "Plan agreed in outline on 19 March. Goes to Libraries Management Team on 2 April and "
        "to the Portfolio Holder briefing in May.\n"
        "Owners to confirm due dates by the end of April. a4 and a5 depend on Finance and "
        "Insight Team capacity – to be confirmed.\n"
    ),
)


# ---------------------------------------------------------------------------------------------
# The record of the day: who was there, the agenda, time spent, points parked
# ---------------------------------------------------------------------------------------------

TEAM_PRESENT = [
    "Sarah Okafor",
    "Martin O'Neill",
    "Aisha Rahman",
    "Gareth Pryce",
    "Tomasz Nowak",
    "Bev Hargreaves",
    "Margaret Ellison",
]
ATTENDANCE = {
    date(2026, 3, 12): Attendance(
        present=[*TEAM_PRESENT, "Daniel Chu"],
        guests=["Cllr Priya Desai (portfolio holder, morning)"],
    ),
    date(2026, 3, 19): Attendance(present=TEAM_PRESENT),
}
"""A guest on the first day; Daniel Chu sent apologies for the second."""

AGENDA = Agenda(
    days=[
        DayHours(start=time(9, 30), end=time(16, 30), breaks=60),
        DayHours(start=time(9, 30), end=time(16, 0), breaks=45),
    ],
    budgets={"leadership": 60},
)

TIME_SPENT = {
    "outcomes": 2040,
    "user-satisfaction": 2460,
    "workforce": 3120,
    "value-for-money": 2280,
    "leadership": 3960,
    "governance": 2640,
    "evidence": 3420,
    "community": 2760,
    "strategy": 2940,
    "collaboration": 2580,
    "people": 2820,
    "resources": 2340,
    "service-design": 2700,
    "review": 3120,
}
"""Seconds spent on each item over the two days."""

PARKING_LOT = ParkingLot(
    points=[
        ParkedPoint(
            id="p1",
            text="Ask Finance whether the book fund can move to a two-year cycle",
            item="value-for-money",
            state="action",
            action="a11",
        ),
        ParkedPoint(
            id="p2",
            text="Car park lighting at Ferncross after 6pm (raised by users)",
            item="user-satisfaction",
            state="closed",
        ),
        ParkedPoint(
            id="p3",
            text="Share the Friends' volunteer handbook with the community-managed libraries",
            item="collaboration",
        ),
    ]
)
"""One point made plan action a11, one closed, one still parked."""


# ---------------------------------------------------------------------------------------------
# Assemble, write, check
# ---------------------------------------------------------------------------------------------


def build() -> Session:
    """The example session, built with the package's models."""
    framework = load_framework()
    session = Session.new(framework, SERVICE, WORKSHOP, now=CREATED)
    session.results.update(
        {
            "outcomes": OUTCOMES,
            "user-satisfaction": USER_SATISFACTION,
            "workforce": WORKFORCE,
            "value-for-money": VALUE_FOR_MONEY,
        }
    )
    session.characteristics.update(
        {
            "leadership": LEADERSHIP,
            "governance": GOVERNANCE,
            "evidence": EVIDENCE,
            "community": COMMUNITY,
            "strategy": STRATEGY,
            "collaboration": COLLABORATION,
            "people": PEOPLE,
            "resources": RESOURCES,
            "service-design": SERVICE_DESIGN,
            "review": REVIEW,
        }
    )
    # Two rating rounds (issue 15): Leadership's Plan split the room (a spread of two points,
    # agreed at the median, one view recorded); Evidence's Do was close to one mind.
    session.record_round(
        "leadership",
        "plan",
        "0 0 2 5 1",
        revealed=True,
        dissent="Gareth and Tomasz: nearer 2 until front-line staff know the strategy.",
    )
    session.record_round("evidence", "do", "0 2 6 0 0", revealed=True)
    session.plan = PLAN
    session.workshop.attendance = ATTENDANCE
    session.characteristics["leadership"].evidence.not_collected = ["Council consultation"]
    session.agenda = AGENDA
    session.time_spent = TIME_SPENT
    session.parking_lot = PARKING_LOT
    session.position = Position(place="overview", item=None, step=None)
    session.touch(UPDATED)
    return session


def check(path: Path) -> None:
    """Read the file back as the app would and insist it is complete."""
    framework = load_framework()
    loaded = read_session(path, framework)
    session = loaded.session
    problems = []
    if loaded.notices:
        problems.append(f"notices: {loaded.notices}")
    if session.progress(framework).label != "14/14 agreed":
        problems.append(f"progress: {session.progress(framework).label}")
    if session.findings_remarks(framework):
        problems.append(f"findings remarks: {session.findings_remarks(framework)}")
    if list(session.unrated(framework)):
        problems.append("some matrix elements are not rated")
    for characteristic_ in framework.items:
        sources = session.characteristics[characteristic_.id].evidence.sources_reviewed
        if not set(characteristic_.data_sources) & set(sources):
            problems.append(f"{characteristic_.id}: no recommended data source reviewed")
    for action in session.plan.actions:
        if action.origin == "improvement":
            record = session.results.get(action.item) or session.characteristics[action.item]
            if action.improvement not in record.improvements:
                problems.append(f"{action.id}: improvement not copied exactly from {action.item}")
    if problems:
        sys.exit(f"{path}: " + "; ".join(problems))


def steady_workbook(content: bytes) -> bytes:
    """A workbook's bytes with the times in it fixed, so writing it again gives the same file.

    openpyxl stamps the document's properties and every part of the zip with the time of
    writing; these are set to the example's own time instead.
    """
    stamp = UPDATED.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    rf"\g<1>{stamp}\g<3>",
                    text,
                )
                data = text.encode("utf-8")
            steady = zipfile.ZipInfo(info.filename, date_time=UPDATED.timetuple()[:6])
            steady.compress_type = zipfile.ZIP_DEFLATED
            steady.external_attr = info.external_attr
            target.writestr(steady, data)
    return out.getvalue()


def write_workbook(session: Session) -> Path:
    """The example's figures as a workbook, as ``benchmark-tui figures-template --from``
    writes it: what the service would collate before the day and import."""
    from benchmark_tui.figures_workbook import figures_workbook

    content = figures_workbook(load_framework(), session, today=UPDATED.date())
    WORKBOOK.write_bytes(steady_workbook(content))
    return WORKBOOK


def check_workbook(path: Path, session: Session) -> None:
    """Import the workbook into the example with its figures removed: the same figures."""
    from benchmark_tui.figures_import import apply_import, plan_import
    from benchmark_tui.figures_read import read_figures

    framework = load_framework()
    bare = session.model_copy(deep=True)
    for record in bare.results.values():
        record.measures = []
    apply_import(bare, plan_import(bare, read_figures(path, framework), framework), replace=False)
    for area_id, record in session.results.items():
        got = {m.name: m for m in bare.results[area_id].measures}
        for measure in record.measures:
            imported = got.get(measure.name)
            same = imported is not None and (
                imported.values == measure.values
                and imported.unit == measure.unit
                and imported.better == measure.better
                and imported.comparators == measure.comparators
            )
            if not same:
                sys.exit(f"{path}: {measure.name} does not come back the same from the workbook")


def main() -> None:
    session = build()
    path = save_session(session, OUTPUT)
    check(path)
    print(f"wrote {path.relative_to(ROOT)}")
    workbook = write_workbook(session)
    check_workbook(workbook, session)
    print(f"wrote {workbook.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
