"""How sure the craft flags are, said once for every place that shows them.

The report's craft appendix and `synthesis craft` print this sentence under their figures;
`tests/test_craft_audit.py` checks its words against the pooled out-of-sample record the craft
bench writes, so a new blind set that moves the record fails the test until the words follow.
"""

from __future__ import annotations

# How far a stakeholder can trust the flags, in words: the pooled first runs of the rules on
# seven sets of real interviewer turns they had never seen (bench/results/craft_cross_recording.md,
# "The out-of-sample record of the rules"; 450 questions). Change it when that record changes.
HOW_SURE = (
    "How sure these figures are: on real interviews the rules had not seen before, people "
    "trained in interviewing agreed with about half of the leading flags, a quarter of the "
    "double-barrelled flags and four in five of the question kinds, and the rules missed more "
    "than half of the leading questions those people found. Read the leading and "
    "double-barrelled counts as a prompt to reread a session, not as a grade.")
