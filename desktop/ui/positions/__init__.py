"""The positions page: paged list, detail with rounds and applicants per stage, create and edit forms."""
