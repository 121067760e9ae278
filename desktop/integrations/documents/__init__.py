"""Documents InterviewDesk writes and signs: offer letters, labour contracts (PDF via reportlab, with
the CJK font shipped in resources/fonts) and their PAdES signatures (pyHanko)."""
