"""The match report in the UI: a view any page (candidates, the interviewer's desk) can embed."""
