#!/usr/bin/env python3
"""Regenerate the yearly-cycle examples shipped in ``sessions/``.

Usage:
    uv run python tools/make_example_session.py   # the 2026 worked example (first)
    uv run python tools/make_example_cycle.py     # then these

Writes, with the package's own models and :func:`benchmark_tui.store.save_session`:

- ``example-borough-libraries-2025-03-13.yaml``: the year before the worked example, derived
  from it: lower ratings on most elements (a few were higher), each measure one year shorter,
  fewer strengths, and its own improvement plan;
- the worked example again, unchanged but for two added fields: ``previous`` (the link to the
  2025 session: its file name, dates and content hash) and ``plan_review`` (what happened to
  each action of the 2025 plan);
- three small community-managed libraries of the same service, fully rated, for the roll-up
  (``benchmark-tui compare`` across libraries), each with its own figures for one measure a
  results area and the same comparators beside them.

Everything in them is invented. Timestamps are fixed, so running the script again gives
byte-identical files. Each file is read back and checked: no notices, 14/14 agreed, every
matrix element rated.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # make_example_session beside this

import make_example_session as worked  # noqa: E402

from benchmark_tui.cycle import content_hash, link_to  # noqa: E402
from benchmark_tui.models import (  # noqa: E402
    Action,
    Approach,
    AreaRecord,
    CharacteristicRecord,
    Evidence,
    ImprovementPlan,
    Measure,
    PeriodValue,
    Position,
    Rating,
    ServiceInfo,
    Session,
    TeamMember,
    Workshop,
)
from benchmark_tui.models.evidence import Comparator, ComparatorValue  # noqa: E402
from benchmark_tui.store import load_framework, read_session, save_session  # noqa: E402

SESSIONS = ROOT / "sessions"
LAST_YEAR = SESSIONS / "example-borough-libraries-2025-03-13.yaml"
THIS_YEAR = worked.OUTPUT

# ---------------------------------------------------------------------------------------------
# 2025: the year before the worked example
# ---------------------------------------------------------------------------------------------

LAST_YEAR_DAY = date(2025, 3, 13)
LAST_YEAR_CREATED = datetime(2025, 3, 13, 9, 30, tzinfo=UTC)
LAST_YEAR_UPDATED = datetime(2025, 3, 13, 16, 50, tzinfo=UTC)

HIGHER_LAST_YEAR = {("governance", "impact"), ("collaboration", "do")}
"""Cells rated higher in 2025 than in 2026 (so the comparison shows ▼ as well as ▲)."""

PLAN_2025 = ImprovementPlan(
    actions=[
        Action(
            id="a1",
            action="Install people counters at the four branches still counting by hand",
            item="outcomes",
            owner="Martin O'Neill",
            due=date(2025, 9, 30),
            priority="high",
            status="agreed",
        ),
        Action(
            id="a2",
            action="Add questions on opening hours and digital help to the residents' survey",
            item="user-satisfaction",
            owner="Gareth Pryce",
            due=date(2025, 10, 31),
            status="agreed",
        ),
        Action(
            id="a3",
            action="Agree library workforce measures with HR and run a staff pulse survey",
            item="workforce",
            owner="Sarah Okafor",
            due=date(2025, 12, 19),
            priority="high",
            status="agreed",
        ),
        Action(
            id="a4",
            action="Publish a one-page performance summary every quarter",
            item="evidence",
            owner="Daniel Chu",
            due=date(2025, 7, 31),
            status="agreed",
        ),
        Action(
            id="a5",
            action="Start 'Library Conversations' with the Friends Groups, twice a year",
            item="community",
            owner="Margaret Ellison",
            due=date(2025, 11, 28),
            priority="low",
            status="agreed",
        ),
        Action(
            id="a6",
            action="Pilot a volunteer-run Sunday afternoon opening at Ferncross",
            item="service-design",
            owner="Bev Hargreaves",
            due=date(2025, 6, 30),
            status="agreed",
        ),
        Action(
            id="a7",
            action="Compare cost per head with the CIPFA nearest neighbours",
            item="value-for-money",
            owner="Daniel Chu",
            due=date(2025, 11, 28),
            status="agreed",
        ),
    ],
    notes="Agreed on the day; to Libraries Management Team in April 2025.",
)

REVIEW_2026: dict[str, tuple[str, str]] = {
    "a1": ("done", "Counters at all 12 branches since September 2025."),
    "a2": ("done", "In the October 2025 survey: satisfaction with opening hours 61%."),
    "a3": ("not-done", "HR capacity went to the restructure; carried into this plan as a1."),
    "a4": ("partly", "Two summaries published (Q1, Q2), then it lapsed."),
    "a5": ("partly", "One session held, at Central in November."),
    "a6": ("dropped", "Not enough volunteers; replaced by the Open Access pilot (a3)."),
    "a7": ("not-done", "Waiting for CIPFA data; carried into this plan as a4."),
}
"""What the 2026 team said happened to each action of the 2025 plan."""


def lower(value: int | None, characteristic_index: int, element_index: int, cell: tuple) -> int:
    """Last year's rating: one lower on most elements, the same on some, higher on a few."""
    assert value is not None
    if cell in HIGHER_LAST_YEAR:
        return min(4, value + 1)
    drop = 0 if (characteristic_index + element_index) % 3 == 0 else 1
    return max(0, value - drop)


def last_year(this_year: Session) -> Session:
    """The 2025 self-assessment, derived from the 2026 worked example."""
    framework = load_framework()
    team = [m for m in this_year.workshop.team if m.name != "Tomasz Nowak"]
    session = Session.new(
        framework,
        this_year.service.model_copy(deep=True),
        Workshop(dates=[LAST_YEAR_DAY], facilitator=this_year.workshop.facilitator, team=team),
        now=LAST_YEAR_CREATED,
    )
    for area in framework.areas:
        now = this_year.results[area.id]
        session.results[area.id] = AreaRecord(
            state="agreed",
            no_data_yet=now.no_data_yet,
            measures=[year_before(m) for m in now.measures if len(m.values) > 1],
            strengths=now.strengths[:2],
            improvements=now.improvements,
        )
    for i, characteristic in enumerate(framework.items):
        now = this_year.characteristics[characteristic.id]
        session.characteristics[characteristic.id] = CharacteristicRecord(
            state="agreed",
            approaches=[Approach(text=a.text) for a in now.approaches if a.status == "in-place"],
            evidence=Evidence(
                summary="Summarised from the 2023/24 performance report and the 2023 "
                "residents' survey.",
                sources_reviewed=now.evidence.sources_reviewed[:2],
            ),
            ratings={
                element.id: Rating(
                    value=lower(now.rating_for(element.id), i, j, (characteristic.id, element.id))
                )
                for j, element in enumerate(framework.elements)
            },
            strengths=now.strengths[:2],
            improvements=now.improvements,
        )
    session.plan = PLAN_2025.model_copy(deep=True)
    session.position = Position(place="overview")
    session.touch(LAST_YEAR_UPDATED)
    return session


def year_before(measure: Measure) -> Measure:
    """A measure as it stood a year earlier: its last figure (and its comparators' figures
    for that year) not in yet; which way is better, the unit and the trend as judged then."""
    kept = {v.period for v in measure.values[:-1]}
    return measure.model_copy(
        update={
            "values": measure.values[:-1],
            "note": "",
            "comparators": [
                c.model_copy(update={"values": [v for v in c.values if v.period in kept]})
                for c in measure.comparators
            ],
        },
        deep=True,
    )


def linked_this_year(this_year: Session, previous: Session) -> Session:
    """The worked example with the link to 2025 and the review of the 2025 plan added."""
    linked = this_year.model_copy(deep=True)
    linked.previous = link_to(previous, LAST_YEAR, LAST_YEAR.read_bytes(), THIS_YEAR)
    for action_id, (outcome, note) in REVIEW_2026.items():
        linked.review_action(action_id, outcome, note)  # type: ignore[arg-type]
    linked.updated = this_year.updated  # the review was part of the workshop
    return linked


# ---------------------------------------------------------------------------------------------
# Three community-managed libraries of the same service
# ---------------------------------------------------------------------------------------------

LIBRARIES = [
    ("Marsh End Community Library", date(2026, 2, 3), "Marsh End Library Trust"),
    ("Kingsbridge Road Community Library", date(2026, 2, 10), "Kingsbridge Road Friends"),
    ("Elmwood Village Library", date(2026, 2, 17), "Elmwood Village Hall CIO"),
]
"""Each library, its workshop day, and the group that runs it."""

PROFILES = [
    # plan, do, check-act, impact for each characteristic, in framework order
    [2, 2, 1, 1, 2, 2, 1, 2, 1, 1, 0, 1, 3, 3, 2, 3, 1, 1, 1, 1,
     3, 2, 1, 2, 2, 2, 1, 1, 1, 2, 1, 1, 2, 3, 2, 2, 1, 1, 0, 1],
    [3, 2, 2, 2, 3, 3, 2, 2, 2, 1, 1, 1, 2, 2, 1, 2, 2, 2, 1, 1,
     2, 3, 2, 3, 2, 1, 1, 1, 2, 2, 1, 2, 3, 2, 2, 2, 2, 1, 1, 1],
    [1, 1, 0, 1, 2, 1, 1, 1, 0, 0, 0, 0, 3, 3, 3, 3, 1, 1, 0, 1,
     3, 3, 2, 3, 2, 2, 1, 2, 1, 1, 1, 1, 2, 2, 1, 2, 0, 1, 0, 0],
]  # fmt: skip
"""Each library's 40 ratings: small volunteer-run libraries, strong on community, weak on data."""

PERIODS = ["2022/23", "2023/24", "2024/25"]
AREA_MEASURES: dict[str, tuple[str, str, str, list[tuple[list[str], str]]]] = {
    # name, which way is better, unit; then each library's figures and the trend it judged
    "outcomes": ("Visits", "higher", "visits", [
        (["14,200", "15,100", "15,900"], "improving"),
        (["9,800", "10,400", "10,100"], "stable"),
        (["6,100", "5,800", "5,500"], "declining"),
    ]),
    "user-satisfaction": ("Users rating the library good or very good", "higher", "", [
        (["88%", "90%", "91%"], "stable"),
        (["92%", "91%", "93%"], "stable"),
        (["85%", "86%", "81%"], "declining"),
    ]),
    "workforce": ("Active volunteers", "higher", "volunteers", [
        (["31", "28", "26"], "declining"),
        (["22", "24", "25"], "improving"),
        (["14", "13", "11"], "declining"),
    ]),
    "value-for-money": ("Cost per visit", "lower", "", [
        (["£1.12", "£1.05", "£0.98"], "improving"),
        (["£1.35", "£1.30", "£1.32"], "stable"),
        (["£1.60", "£1.71", "£1.85"], "declining"),
    ]),
}  # fmt: skip
"""Each area's one measure, with each library's own figures (so the roll-up has something
to compare)."""

AREA_COMPARATORS = {
    "user-satisfaction": {"Borough user survey (all libraries)": ["87%", "88%", "89%"]},
    "value-for-money": {
        "Council-run branches (median)": ["£4.71", "£4.37", "£4.29"],
        "CIPFA community-managed libraries (median)": ["£1.40", "£1.38", "£1.41"],
    },
}
"""The comparators each library set beside its figures (the same benchmarks for all three)."""

AREA_FINDINGS = {
    "outcomes": (
        ["Visits up three years running", "Children's activities always full"],
        ["Few visits from people over 75", "No figures on what visits lead to"],
    ),
    "user-satisfaction": (
        ["Users praise the welcome from volunteers", "Comments book read at every meeting"],
        ["Survey only reaches people already inside", "Opening hours come up every year"],
    ),
    "workforce": (
        ["Volunteers stay for years and train each other", "A named contact for each shift"],
        ["Fewer volunteers each year, most over 65", "No record of training done"],
    ),
    "value-for-money": (
        ["Cost per visit falling", "Grants raised for the building each year"],
        ["Utility bills rising faster than income", "No comparison with other libraries"],
    ),
}

CHARACTERISTIC_FINDINGS = {
    "leadership": (
        [
            "Trustees share a clear aim",
            "Chair is visible at the library every week",
            "Trustees meet the council's library lead twice a year",
        ],
        [
            "Volunteers not told of decisions",
            "No plan for who follows the chair",
            "Trustees' roles not written down",
        ],
    ),
    "governance": (
        [
            "Service level agreement with the council is current",
            "Annual accounts filed on time",
            "Safeguarding policy reviewed each year",
        ],
        [
            "Risk register not kept",
            "Insurance renewal left to one person",
            "Data protection training out of date",
        ],
    ),
    "evidence": (
        [
            "Visits counted every day",
            "Council LMS reports used for stock",
            "Event numbers kept in a shared sheet",
        ],
        [
            "No survey of non-users",
            "Figures not looked at by the trustees",
            "Nothing recorded on what events achieve",
        ],
    ),
    "community": (
        [
            "Library is the village's meeting place",
            "Local groups run their own sessions",
            "Friends group raises money and ideas",
        ],
        [
            "Young adults rarely come in",
            "No way for non-users to say what they need",
            "Newer residents do not know the library exists",
        ],
    ),
    "strategy": (
        [
            "Three-year plan agreed with the council",
            "Aims linked to the borough's strategy",
            "Plan published on the noticeboard",
        ],
        [
            "Plan has no measures",
            "Plan not reviewed since it was written",
            "Volunteers do not know the plan",
        ],
    ),
    "collaboration": (
        [
            "Works with the school and the surgery",
            "Shares events with the borough's libraries",
            "Hosts the council's digital help sessions",
        ],
        [
            "Few links with businesses",
            "Partnerships depend on one volunteer",
            "No agreements written down with partners",
        ],
    ),
    "people": (
        [
            "Induction for every new volunteer",
            "Volunteers thanked each year at an event",
            "Council training open to volunteers",
        ],
        [
            "Training not recorded",
            "Hard to fill weekend shifts",
            "No one-to-one conversations with volunteers",
        ],
    ),
    "resources": (
        [
            "Building maintained by the trust",
            "Stock refreshed through the council's supplier",
            "Small reserves kept for repairs",
        ],
        [
            "Roof repair not yet funded",
            "Computers are old and slow",
            "No plan for rising energy costs",
        ],
    ),
    "service-design": (
        [
            "Activities shaped by what users ask for",
            "New 'knit and natter' came from users",
            "Home delivery for housebound residents",
        ],
        [
            "Nothing tried for teenagers",
            "Services not tested with non-users",
            "Opening hours not reviewed since 2021",
        ],
    ),
    "review": (
        [
            "Trustees review the year each spring",
            "Self-assessment done for the first time",
            "Lessons from events noted in the diary",
        ],
        [
            "Improvements not followed up",
            "Results not shared with volunteers",
            "No check whether changes worked",
        ],
    ),
}
"""Three strengths and three areas for improvement per characteristic; each library has two."""

APPROACHES = {
    "leadership": ["Trustee board meets monthly", "Chair and volunteer lead meet weekly"],
    "governance": ["Service level agreement with the council", "Charity Commission returns"],
    "evidence": ["Daily visit counts", "Council LMS issue reports"],
    "community": ["Friends group", "Comments book and annual open day"],
    "strategy": ["Three-year library plan", "Annual budget set by the trustees"],
    "collaboration": ["School class visits", "Council digital help sessions"],
    "people": ["Volunteer induction", "Council training offered to volunteers"],
    "resources": ["Building maintenance fund", "Council-supplied stock"],
    "service-design": ["Activities chosen with users", "Home delivery scheme"],
    "review": ["Annual review by the trustees"],
}


def pick(pool: list[str], library: int) -> list[str]:
    """Two of a pool of three, a different pair for each library."""
    return [pool[library % 3], pool[(library + 1) % 3]]


def community_library(index: int) -> Session:
    """One of the three community-managed libraries' self-assessments."""
    framework = load_framework()
    name, day, group = LIBRARIES[index]
    stamp = datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC)
    team = [
        TeamMember(name=n, role=r)
        for n, r in [
            (("Jo Whitfield", "Ray Osei", "Helen Marsh")[index], f"Chair, {group}"),
            (("Priya Nair", "Lindsay Cole", "Ahmed Karim")[index], "Volunteer coordinator"),
            (("Colin Baxter", "Zofia Kowalczyk", "Ruth Ellery")[index], "Treasurer"),
            ("Aisha Rahman", "Branch Manager, North (council link)"),
        ]
    ]
    session = Session.new(
        framework,
        ServiceInfo(
            name="Example Borough Libraries",
            scope="library",
            library=name,
            governance="community-managed",
        ),
        Workshop(dates=[day], facilitator="Bev Hargreaves", team=team),
        now=stamp,
    )
    for area in framework.areas:
        measure_name, better, unit, figures = AREA_MEASURES[area.id]
        values, trend = figures[index]
        strengths, improvements = AREA_FINDINGS[area.id]
        session.results[area.id] = AreaRecord(
            state="agreed",
            measures=[
                Measure(
                    name=measure_name,
                    values=[
                        PeriodValue(period=p, value=v) for p, v in zip(PERIODS, values, strict=True)
                    ],
                    trend=trend,  # type: ignore[arg-type]
                    better=better,  # type: ignore[arg-type]
                    unit=unit,
                    comparators=[
                        Comparator(
                            name=name,
                            values=[
                                ComparatorValue(period=p, value=v)
                                for p, v in zip(PERIODS, benchmark, strict=True)
                            ],
                        )
                        for name, benchmark in AREA_COMPARATORS.get(area.id, {}).items()
                    ],
                )
            ],
            strengths=strengths,
            improvements=improvements,
        )
    ratings = iter(PROFILES[index])
    for characteristic in framework.items:
        strengths, improvements = CHARACTERISTIC_FINDINGS[characteristic.id]
        session.characteristics[characteristic.id] = CharacteristicRecord(
            state="agreed",
            approaches=[Approach(text=t) for t in APPROACHES[characteristic.id]],
            evidence=Evidence(
                summary="From the library's own counts and comments book, and the council's "
                "LMS reports.",
                sources_reviewed=characteristic.data_sources[:1],
            ),
            ratings={element.id: Rating(value=next(ratings)) for element in framework.elements},
            strengths=pick(strengths, index),
            improvements=pick(improvements, index),
        )
    weakest = pick(CHARACTERISTIC_FINDINGS["evidence"][1], index)[0]
    session.plan = ImprovementPlan(
        actions=[
            Action(
                id="a1",
                action=f"With the council's library lead: {weakest.lower()}",
                item="evidence",
                improvement=weakest,
                owner=team[0].name,
                due=date(2026, 9, 30),
                status="agreed",
                origin="improvement",
            ),
            Action(
                id="a2",
                action="Recruit and train five new volunteers, including younger people",
                item="people",
                owner=team[1].name,
                due=date(2026, 12, 18),
                priority="high",
                status="agreed",
            ),
        ]
    )
    session.position = Position(place="overview")
    session.touch(stamp)
    return session


def library_path(index: int) -> Path:
    """``sessions/example-marsh-end-community-library-2026-02-03.yaml`` and so on."""
    from benchmark_tui.store import slugify

    name, day, _group = LIBRARIES[index]
    return SESSIONS / f"example-{slugify(name)}-{day.isoformat()}.yaml"


# ---------------------------------------------------------------------------------------------
# Write and check
# ---------------------------------------------------------------------------------------------


def check(path: Path) -> None:
    """Read a file back as the app would and insist it is complete."""
    framework = load_framework()
    loaded = read_session(path, framework)
    problems = []
    if loaded.notices:
        problems.append(f"notices: {loaded.notices}")
    if loaded.session.progress(framework).label != "14/14 agreed":
        problems.append(f"progress: {loaded.session.progress(framework).label}")
    if list(loaded.session.unrated(framework)):
        problems.append("some matrix elements are not rated")
    if problems:
        sys.exit(f"{path}: " + "; ".join(problems))


def main() -> None:
    this_year = worked.build()
    previous = last_year(this_year)
    written = [save_session(previous, LAST_YEAR)]
    before = THIS_YEAR.read_bytes() if THIS_YEAR.exists() else b""
    written.append(save_session(linked_this_year(this_year, previous), THIS_YEAR))
    written += [save_session(community_library(i), library_path(i)) for i in range(3)]
    for path in written:
        check(path)
        print(f"wrote {path.relative_to(ROOT)}")
    linked = read_session(THIS_YEAR, load_framework()).session
    assert linked.previous is not None
    assert linked.previous.hash == content_hash(LAST_YEAR.read_bytes())
    if before and before != THIS_YEAR.read_bytes():
        print(f"note: {THIS_YEAR.relative_to(ROOT)} changed (now linked to 2025)")


if __name__ == "__main__":
    main()
