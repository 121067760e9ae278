"""The data lifecycle (issue 13 §4): how long a person's data is kept (retention), what reached its
end (the due list), the purge that removes it from the live database (erase) through two people
(purges), and the routine clean-up of stale candidates (maintenance)."""
