"""Metric evaluation: safe formulas, the grouped cube, KPI judgement, value formatting."""
