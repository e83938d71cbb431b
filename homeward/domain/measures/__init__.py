"""National measures of timeliness and stability, per child and per council, and forecasts of
when a running clock will reach its threshold: the adoption scorecard (A1, A2, A10), the 26 weeks
of care proceedings, placement stability, and time to permanence by route. Plain Python, no
Django: a child's journey in (``ChildJourney``), figures with their sources out.
"""

from homeward.domain.measures.figures import (
    NO_CHILD_QUALIFIES,
    Average,
    ChildFigure,
    Measure,
    Window,
    average,
)
from homeward.domain.measures.forecasts import (
    HOW_FORECASTS_ARE_MADE,
    ChildScorecard,
    Forecast,
    child_scorecard,
    council_forecasts,
    forecasts_for,
)
from homeward.domain.measures.journey import ChildJourney, Outcome, PeriodOfCare, Placement
from homeward.domain.measures.permanence import TIME_TO_PERMANENCE, by_route, time_to_permanence
from homeward.domain.measures.proceedings import (
    CARE_PROCEEDINGS,
    Proceedings,
    care_proceedings,
    care_proceedings_average,
    proceedings,
)
from homeward.domain.measures.scorecard import A1, A2, A10, a1, a2, a10, scorecard
from homeward.domain.measures.stability import (
    Share,
    StabilityFigure,
    long_term_stability,
    share_stable,
    share_with_three_or_more,
    three_or_more_placements,
)

__all__ = [
    "A1",
    "A2",
    "A10",
    "CARE_PROCEEDINGS",
    "HOW_FORECASTS_ARE_MADE",
    "NO_CHILD_QUALIFIES",
    "TIME_TO_PERMANENCE",
    "Average",
    "ChildFigure",
    "ChildJourney",
    "ChildScorecard",
    "Forecast",
    "Measure",
    "Outcome",
    "PeriodOfCare",
    "Placement",
    "Proceedings",
    "Share",
    "StabilityFigure",
    "Window",
    "a1",
    "a2",
    "a10",
    "average",
    "by_route",
    "care_proceedings",
    "care_proceedings_average",
    "child_scorecard",
    "council_forecasts",
    "forecasts_for",
    "long_term_stability",
    "proceedings",
    "scorecard",
    "share_stable",
    "share_with_three_or_more",
    "three_or_more_placements",
    "time_to_permanence",
]
