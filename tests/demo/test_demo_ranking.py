"""The demo's channel ranking and budget advice, as the judgement decides them (no site involved).

docs/DEMO.md tells this story on the channels page; the page only words these typed results.
"""

from __future__ import annotations

from generator.rules.ranking import Case

from .test_demo import demo


def test_the_judgement_ranks_the_demo_channels_by_cost_per_sql() -> None:
    project, judgement = demo()
    ranking = judgement.ranking
    assert (ranking.period, ranking.card.per_result.id, ranking.card.result.id) == ("2026-10", "cost_per_sql", "sqls")
    assert [r.channel.id for r in ranking.rows] == list(project.catalogs.channels)  # catalog order
    priced = [(r.channel.id, round(r.per_result, 2)) for r in ranking.ranked if r.per_result is not None]
    assert priced == [("webinar", 169.03), ("partner", 500.0), ("review-sites", 578.0), ("paid-search", 675.0),
                      ("events", 1090.0), ("paid-social", 1600.0)]
    assert [r.channel.id for r in ranking.ranked[len(priced):]] == ["email-nurture", "outbound", "podcast", "seo"]
    social = next(r for r in ranking.rows if r.channel.id == "paid-social")
    assert (social.missed, social.on_target, social.target.value, social.spend, social.result) == (
        True, False, 1100.0, 16000.0, 10.0)
    assert social.periods[-1] == "2026-10" and social.trend[-1] == 1600.0


def test_the_judgement_advises_on_averages_and_at_the_margin() -> None:
    _, judgement = demo()
    average = judgement.ranking.average
    assert (average.case, average.median) == (Case.CASE, 626.5)
    assert [r.channel.id for r in average.donors] == ["paid-social", "events"]
    assert [r.channel.id for r in average.receivers] == ["webinar", "partner"]
    assert average.worst is average.donors[0]
    advice = judgement.ranking.advice
    assert advice.move is not None
    assert (advice.move.donor.channel, advice.move.receiver.channel, advice.move.amount) == (
        "events", "review-sites", 1000)
    assert 0 < advice.move.low < advice.move.gain < advice.move.high
    assert [r.channel for r in advice.untold] == ["paid-social", "webinar"]
    assert {r.channel for r in judgement.ranking.returns} == {r.channel.id for r in judgement.ranking.rows}
