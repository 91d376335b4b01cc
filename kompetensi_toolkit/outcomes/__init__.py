"""Programme outcomes: participation, Kirkpatrick levels 2–4, IKM, comparisons, gap closure."""
